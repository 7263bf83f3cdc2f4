# Sourced by ./mvnw, ./peernet and the benchmark scripts: points JAVA_HOME at a JDK 25 or newer.
# Order: $JAVA_HOME if it is 25+, then /usr/lib/jvm/temurin-25-jdk-amd64, then any 25+ JDK under
# /usr/lib/jvm, then `java` on the PATH. Fails with one sentence when none is found.

peernet_java_major() {
  local version=""
  # The JDK's `release` file names its version without starting a JVM (about 30 ms a command).
  if [ -r "$1/release" ]; then
    version=$(awk -F'"' '/^JAVA_VERSION=/ {print $2; exit}' "$1/release")
  fi
  [ -n "$version" ] || version=$("$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  version=${version#1.}
  echo "${version%%[.+-]*}"
}

peernet_find_jdk() {
  local candidate major candidates
  # mvnw runs with globbing off (set -f); list /usr/lib/jvm explicitly.
  candidates=$(find /usr/lib/jvm -mindepth 1 -maxdepth 1 2>/dev/null | sort -r)
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 $candidates; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(peernet_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(peernet_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  fi
  echo "Peernet needs JDK 25 or newer: install it (for example Temurin 25 in /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to it." >&2
  return 1
}
