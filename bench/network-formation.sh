#!/usr/bin/env bash
# Network formation with real `peernet up` processes on a private LAN of network namespaces:
# a new node listed as nearby by the others, and a member killed with SIGKILL found dead by all.
#
#   bench/network-formation.sh [--hosts 5] [--kills 20] [--arrivals 10]
#
# Needs root and `ip netns` (it builds its own LAN; nothing touches the machine's interfaces).
# Builds peernet-bench and the app with the Maven wrapper, makes the launcher's start-up cache with
# one warm-up start, then runs dev.peernet.bench.FormationBench; --help lists every option.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"
peernet_find_jdk

if [ "$(id -u)" -ne 0 ]; then
  echo "bench/network-formation.sh runs nodes in network namespaces, which needs root." >&2
  exit 2
fi

(cd "$root" && ./mvnw -q -DskipTests -pl peernet-bench -am package)
# The launcher builds the app when needed and makes `up`'s start-up cache once (ADR 0008); a
# short-lived command triggers the first, the benchmark's first `up` the second.
"$root/peernet" --help >/dev/null

bench="$root/peernet-bench/target"
classpath="$bench/classes:$(cat "$bench/classpath.txt")"
command="bench/network-formation.sh${*:+ $*}"

# PEERNET_BENCH_JVM_OPTS is split on spaces on purpose.
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -Xmx512m ${PEERNET_BENCH_JVM_OPTS:-} \
  "-Dpeernet.bench.command=$command" "-Dpeernet.bench.launcher=$root/peernet" \
  -cp "$classpath" dev.peernet.bench.FormationBench "$@"
