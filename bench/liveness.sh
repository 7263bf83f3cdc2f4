#!/usr/bin/env bash
# Liveness (SWIM + Lifeguard) measured in the testkit's discrete-event simulation: no sockets,
# virtual time, deterministic for a seed.
#
#   bench/liveness.sh [--seed N] [--quick]
#
# Builds peernet-bench (and what it needs) with the Maven wrapper, then runs
# dev.peernet.bench.LivenessBench with the JDK directly; --help lists every option.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"
peernet_find_jdk

(cd "$root" && ./mvnw -q -DskipTests -pl peernet-bench -am package)

bench="$root/peernet-bench/target"
classpath="$bench/classes:$(cat "$bench/classpath.txt")"
command="bench/liveness.sh${*:+ $*}"

# PEERNET_BENCH_JVM_OPTS is split on spaces on purpose.
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -Xmx1g ${PEERNET_BENCH_JVM_OPTS:-} \
  "-Dpeernet.bench.command=$command" \
  -cp "$classpath" dev.peernet.bench.LivenessBench "$@"
