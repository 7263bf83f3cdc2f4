#!/usr/bin/env bash
# The first node identity (Ed25519 key and self-signed certificate) in fresh JVMs: the JDK-only
# code against the BouncyCastle code it replaced (ADR 0009), alternating, in one run.
#
#   bench/identity-start.sh [--runs 10] [--load] [--aot]
#
# Builds peernet-bench (and what it needs) with the Maven wrapper, then runs
# dev.peernet.bench.IdentityStartBench with the JDK directly; it launches the measured JVMs
# itself. --help lists every option. Read the figures from a quiet machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"
peernet_find_jdk

(cd "$root" && ./mvnw -q -DskipTests -pl peernet-bench -am package)

bench="$root/peernet-bench/target"
# The module's jar rather than target/classes: an AOT cache (--aot) takes jars only.
classpath="$(ls "$bench"/peernet-bench-*.jar):$(cat "$bench/classpath.txt")"
command="bench/identity-start.sh${*:+ $*}"

# PEERNET_BENCH_JVM_OPTS is split on spaces on purpose; it applies to this parent JVM only.
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -Xmx256m ${PEERNET_BENCH_JVM_OPTS:-} \
  "-Dpeernet.bench.command=$command" \
  -cp "$classpath" dev.peernet.bench.IdentityStartBench "$@"
