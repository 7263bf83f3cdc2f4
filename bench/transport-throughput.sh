#!/usr/bin/env bash
# Transport throughput: raw TCP vs plain TLS 1.3 vs one Peernet stream, all on 127.0.0.1 in one JVM.
#
#   bench/transport-throughput.sh [--bytes 2GiB] [--rounds 3] [--mode raw|tls|peernet|all] [--warmup 1GiB]
#
# Builds peernet-bench (and what it needs) with the Maven wrapper, then runs
# dev.peernet.bench.TransportThroughput with the JDK directly; --help lists every option.
# Extra JVM options go in PEERNET_BENCH_JVM_OPTS, for example a flight recording:
#   PEERNET_BENCH_JVM_OPTS='-XX:StartFlightRecording=filename=/tmp/bench.jfr' bench/transport-throughput.sh --mode peernet
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The project's one JDK lookup: $JAVA_HOME if it is 25+, else /usr/lib/jvm/temurin-25-jdk-amd64, ...
# shellcheck source=../.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"
peernet_find_jdk

(cd "$root" && ./mvnw -q -DskipTests -pl peernet-bench -am package)

bench="$root/peernet-bench/target"
classpath="$bench/classes:$(cat "$bench/classpath.txt")"
command="bench/transport-throughput.sh${*:+ $*}"

# A fixed, pre-touched heap keeps resizing and page faults out of the measurement; PEERNET_BENCH_JVM_OPTS is split on spaces on purpose.
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -Xms1g -Xmx1g -XX:+AlwaysPreTouch --enable-native-access=ALL-UNNAMED ${PEERNET_BENCH_JVM_OPTS:-} \
  "-Dpeernet.bench.command=$command" \
  -cp "$classpath" dev.peernet.bench.TransportThroughput "$@"
