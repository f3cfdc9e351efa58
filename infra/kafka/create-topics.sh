#!/usr/bin/env bash
# The topics govkpi uses, with their settings: reports flow through 8 partitions (the most workers a stage
# can use) and are kept a week (the landing zone keeps the originals for good); dead letters and the
# connectors' run records are kept 30 days on one partition, so ops can read them in order.
set -euo pipefail
brokers=${1:-localhost:9092}
prefix=${GOVKPI_KAFKA_TOPIC_PREFIX:-govkpi}
topics=/opt/kafka/bin/kafka-topics.sh
week=$((7 * 24 * 3600 * 1000))
month=$((30 * 24 * 3600 * 1000))
create() { # name partitions retention-ms
  "$topics" --bootstrap-server "$brokers" --create --if-not-exists --topic "$prefix.$1" \
    --partitions "$2" --replication-factor 1 --config "retention.ms=$3" --config max.message.bytes=1048576
}
create reports.raw 8 "$week"
create reports.parsed 8 "$week"
create facts 8 "$week"
create reports.dlq 1 "$month"
create runs 1 "$month"
"$topics" --bootstrap-server "$brokers" --describe --topic "$prefix\\..*" | grep -c PartitionCount
