#!/usr/bin/env bash
# Sharing throughput: Peernet `get` against raw TCP (nc) and Syncthing, in one run, on 127.0.0.1.
#
#   bench/share-transfer.sh [--quick] [--runs 3] [--size 2GiB] [--files 5000] [--rate 50MB/s] ...
#
# Needs root. Installs Debian's syncthing and netcat-openbsd if they are missing, builds Peernet,
# then runs dev.peernet.bench.share.ShareTransferBench inside a network namespace of its own whose
# only interface is lo (so every byte stays on 127.0.0.1), with all files and node state on a
# private tmpfs. Both are removed on exit, whatever happens. --help lists every option; the method
# is in peernet-bench/README.md ("Sharing").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../.mvn/find-jdk.sh
. "$root/.mvn/find-jdk.sh"
peernet_find_jdk

main_class=dev.peernet.bench.share.ShareTransferBench
bench="$root/peernet-bench/target"
command="bench/share-transfer.sh${*:+ $*}"

build() {
  (cd "$root" && ./mvnw -q -DskipTests -pl peernet-bench -am package)
  # The launcher builds the app when its sources are newer than its jar.
  "$root/peernet" --help >/dev/null
}

for arg in "$@"; do
  if [ "$arg" = --help ] || [ "$arg" = -h ]; then
    build
    exec "$JAVA_HOME/bin/java" -cp "$bench/classes:$(cat "$bench/classpath.txt")" "$main_class" --help
  fi
done

if [ "$(id -u)" -ne 0 ]; then
  echo "bench/share-transfer.sh needs root: it makes a network namespace and a tmpfs, and installs Syncthing." >&2
  exit 2
fi

# OpenBSD's nc, by its own name: `nc` may be another netcat, without the -N the sender needs.
if ! command -v syncthing >/dev/null || ! command -v nc.openbsd >/dev/null; then
  echo "Installing syncthing and netcat-openbsd from the distribution's packages..." >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q syncthing netcat-openbsd >&2
fi

build

ns="peernet-share-$$"
work="$(mktemp -d /tmp/peernet-share-bench.XXXXXX)"
results="$bench/share-transfer/$(date -u +%Y%m%dT%H%M%SZ)"
mounted=""

cleanup() {
  # Whatever is still running in our namespace was started by this run: the benchmark and its nodes.
  local pids
  pids="$(ip netns pids "$ns" 2>/dev/null || true)"
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    for _ in $(seq 50); do
      [ -z "$(ip netns pids "$ns" 2>/dev/null || true)" ] && break
      sleep 0.1
    done
    pids="$(ip netns pids "$ns" 2>/dev/null || true)"
    # shellcheck disable=SC2086
    [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
  fi
  ip netns del "$ns" 2>/dev/null || true
  if [ -n "$mounted" ]; then
    umount "$work" 2>/dev/null || umount -l "$work" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A private tmpfs: every system reads and writes memory, not a disk that other work shares; the size
# is a ceiling (the default run needs about 7 GiB at its peak), and unmounting frees it all.
mount -t tmpfs -o "size=${PEERNET_SHARE_BENCH_TMPFS:-12g},mode=0700" peernet-share-bench "$work"
mounted=1

ip netns add "$ns"
ip -n "$ns" link set lo up
echo "Network namespace $ns: $(ip -n "$ns" -br link | awk '{print $1}' | paste -sd' ') (nothing else)." >&2
# `up` makes its start-up cache once per build, with a training node on 127.0.0.1 (ADR 0008): here,
# inside the namespace, and before any node's start is waited for.
ip netns exec "$ns" "$root/peernet" up --help >/dev/null

# In the background and waited for, so that a signal to this script runs the trap at once (bash
# runs traps only between commands); the trap then stops the benchmark and its nodes.
# PEERNET_BENCH_JVM_OPTS is split on spaces on purpose.
# shellcheck disable=SC2086
ip netns exec "$ns" "$JAVA_HOME/bin/java" -Xmx512m ${PEERNET_BENCH_JVM_OPTS:-} \
  "-Dpeernet.bench.command=$command" "-Dpeernet.bench.work=$work" "-Dpeernet.bench.results=$results" \
  "-Dpeernet.bench.launcher=$root/peernet" "-Dpeernet.bench.nc=$(command -v nc.openbsd)" \
  -cp "$bench/classes:$(cat "$bench/classpath.txt")" "$main_class" "$@" &
set +e
wait $!
rc=$?
set -e
exit "$rc"
