#!/usr/bin/env bash
# Starts the mock Kafka broker (launcher.c, librdkafka's mock cluster) in the background on loopback.
# usage: start.sh STATE_DIR [TOPIC:PARTITIONS ...]
# Compiles the launcher into STATE_DIR if needed (gcc, librdkafka-dev), prints the bootstrap address and
# writes it to STATE_DIR/brokers, the launcher's pid to STATE_DIR/pid. Stop it with: kill "$(cat STATE_DIR/pid)"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="${1:?usage: start.sh STATE_DIR [TOPIC:PARTITIONS ...]}"
shift
mkdir -p "$state"
bin="$state/kafka-mock"
if [[ ! -x "$bin" || "$here/launcher.c" -nt "$bin" ]]; then
  "${CC:-gcc}" -O2 -Wall -o "$bin" "$here/launcher.c" -lrdkafka -lpthread
fi
rm -f "$state/brokers"
"$bin" "$@" >"$state/brokers.tmp" 2>"$state/launcher.log" &
echo $! >"$state/pid"
for _ in $(seq 100); do
  if [[ -s "$state/brokers.tmp" ]]; then
    mv "$state/brokers.tmp" "$state/brokers"
    cat "$state/brokers"
    exit 0
  fi
  kill -0 "$(cat "$state/pid")" 2>/dev/null || break
  sleep 0.05
done
echo "start.sh: the mock broker did not start:" >&2
cat "$state/launcher.log" >&2
exit 1
