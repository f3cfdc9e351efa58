// Grafana alert rules (file provisioning): a source whose last successful run is too old, and dead letters
// piling up. Each rule's SQL runs on the DuckDB datasource against the current snapshot (alerts have no
// dashboard variables: the macros read snapshots/../current, the symlink a publish moves); Grafana turns
// each row of a table result into one alert instance, labelled by its string columns (the source id).
import { FORMAT } from "./panels.ts";

const STALE_SOURCE_HOURS = 192;
const DEAD_LETTERS_PER_DAY = 20;

export interface AlertRuleDef {
  uid: string;
  title: string;
  sql: string;
  /** fires when the query's number is above this */
  above: number;
  summary: string;
}

export const ALERTS: AlertRuleDef[] = [
  {
    uid: "govkpi-stale-source",
    title: "govkpi: a source has had no successful run for 8 days",
    sql: `SELECT source, coalesce(date_diff('hour', max(ended_at) FILTER (WHERE status IN ('ok', 'unchanged')), now()), 1000000) AS hours_since_success
FROM runs_at('../current') GROUP BY source`,
    above: STALE_SOURCE_HOURS,
    summary: `Source {{ $labels.source }}: {{ $values.A }} hours since its last successful run (alert above ${STALE_SOURCE_HOURS} h).`,
  },
  {
    uid: "govkpi-dead-letters",
    title: "govkpi: dead letters in the last 24 hours",
    sql: `SELECT count(*) AS dead_letters FROM dead_letters_at('../current') WHERE failed_at > now() - INTERVAL 1 DAY`,
    above: DEAD_LETTERS_PER_DAY,
    summary: `{{ $values.A }} dead letters in the last 24 h (alert above ${DEAD_LETTERS_PER_DAY}): see the ingest-operations dashboard.`,
  },
];

export function alertProvisioning(datasourceUid: string) {
  return {
    apiVersion: 1,
    groups: [
      {
        orgId: 1,
        name: "govkpi",
        folder: "govkpi",
        interval: "5m",
        rules: ALERTS.map((a) => ({
          uid: a.uid,
          title: a.title,
          condition: "B",
          data: [
            { refId: "A", relativeTimeRange: { from: 86400, to: 0 }, datasourceUid, model: { refId: "A", rawSql: a.sql, format: FORMAT.table } },
            {
              refId: "B",
              relativeTimeRange: { from: 0, to: 0 },
              datasourceUid: "__expr__",
              model: { refId: "B", type: "threshold", expression: "A", conditions: [{ evaluator: { type: "gt", params: [a.above] } }] },
            },
          ],
          noDataState: "OK",
          execErrState: "Error",
          for: "15m",
          annotations: { summary: a.summary },
          labels: { team: "govkpi" },
        })),
      },
    ],
  };
}
