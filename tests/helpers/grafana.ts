// Grafana's own code, for the dashboard tests and the query benchmark: a scene (@grafana/scenes) built from
// a generated dashboard's JSON, whose variables take their options from their own queries run in DuckDB
// (turned into values by scenes' toMetricFindValues, as a query variable does) and whose targets are
// interpolated by sceneGraph.interpolate with the `sqlstring` format, as the DuckDB datasource plugin
// asks; then the backend's sqlds macros. Needs a DOM (vitest's happy-dom environment).
import type { DuckDBConnection } from "@duckdb/node-api";
import { FieldType, createDataFrame, LoadingState, getDefaultTimeRange, type MetricFindValue, type PanelData } from "@grafana/data";
import { EmbeddedScene, QueryVariable, SceneFlexLayout, SceneTimeRange, SceneVariableSet, sceneGraph } from "@grafana/scenes";
import { firstValueFrom, of, type OperatorFunction } from "rxjs";
import { DuckDBTypeId } from "@duckdb/node-api";
import { expandMacros } from "../../dashboards/queries.ts";

export const ALL = "$__all";

interface VariableJson {
  name: string;
  query: { rawSql: string; format: number };
  includeAll: boolean;
  multi: boolean;
  allValue?: string;
  current: { value?: string | string[]; text?: string | string[] };
}

export interface DashboardJson {
  uid: string;
  templating: { list: VariableJson[] };
  panels: Array<{ id: number; title: string; type: string; targets: Array<{ rawSql: string; format: number }> }>;
}

/** A DuckDB result as the plugin returns it: a data frame with typed fields. */
async function queryFrame(conn: DuckDBConnection, sql: string) {
  const reader = await conn.runAndReadAll(sql);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const rows = reader.getRowsJS();
  return createDataFrame({
    fields: names.map((name, i) => {
      const id = types[i]!.typeId;
      const type = [DuckDBTypeId.VARCHAR].includes(id)
        ? FieldType.string
        : [DuckDBTypeId.BOOLEAN].includes(id)
          ? FieldType.boolean
          : [DuckDBTypeId.DATE, DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_TZ].includes(id)
            ? FieldType.time
            : FieldType.number;
      const values = rows.map((r) => {
        const v = r[i];
        if (v === null || v === undefined) return null;
        if (type === FieldType.time) return v instanceof Date ? v.getTime() : Date.parse(String(v));
        if (type === FieldType.number) return Number(v);
        return v;
      });
      return { name, type, values };
    }),
  });
}

// not exported by the package's index: the operator a QueryVariable applies to its query's frames
const TO_METRIC_FIND_VALUES = "../../node_modules/@grafana/scenes/dist/esm/variables/variants/query/toMetricFindValues.js";
const { toMetricFindValues } = (await import(TO_METRIC_FIND_VALUES)) as { toMetricFindValues: () => OperatorFunction<PanelData, MetricFindValue[]> };

/** A variable's options, from its query's result, as a QueryVariable computes them. */
async function variableOptions(conn: DuckDBConnection, sql: string) {
  const frame = await queryFrame(conn, sql);
  const data: PanelData = { series: [frame], state: LoadingState.Done, timeRange: getDefaultTimeRange() };
  const values: MetricFindValue[] = await firstValueFrom(of(data).pipe(toMetricFindValues()));
  return values.map((v) => ({ label: String(v.text), value: String(v.value) }));
}

/** All, the first or first two options, the dashboard's default, or these values. */
export type Choice = "all" | "first" | "several" | "default" | { values: string[] };

export interface GrafanaScene {
  scene: EmbeddedScene;
  /** each variable's options and chosen value, for messages */
  chosen: Record<string, { options: string[]; value: string | string[] }>;
  interpolate(sql: string): string;
  /** the target's SQL as the plugin's backend receives and expands it */
  backendSql(sql: string): string;
}

/**
 * The dashboard's scene for a time range ("now-6y", or ISO times) and a choice per variable: every
 * variable's options come from its query, interpolated with the variables before it, as Grafana resolves
 * them on load.
 */
export async function grafanaScene(
  conn: DuckDBConnection,
  dash: DashboardJson,
  range: { from: string; to: string },
  choose: (name: string) => Choice,
): Promise<GrafanaScene> {
  const set = new SceneVariableSet({ variables: [] });
  const scene = new EmbeddedScene({ $timeRange: new SceneTimeRange(range), $variables: set, body: new SceneFlexLayout({ children: [] }) });
  const timeRange = () => {
    const { from, to } = sceneGraph.getTimeRange(scene).state.value;
    return { from: from.toDate(), to: to.toDate() };
  };
  const interpolate = (sql: string) => sceneGraph.interpolate(scene, sql, undefined, "sqlstring");
  const backendSql = (sql: string) => expandMacros(interpolate(sql), timeRange());
  const chosen: GrafanaScene["chosen"] = {};
  for (const v of dash.templating.list) {
    const options = await variableOptions(conn, backendSql(v.query.rawSql));
    const choice = choose(v.name);
    const values = options.map((o) => o.value);
    let value: string | string[];
    if (typeof choice === "object") value = v.multi ? choice.values : choice.values[0]!;
    else if (choice === "all" && v.includeAll) value = v.multi ? [ALL] : ALL;
    else if (choice === "several" && v.multi) value = values.slice(0, 2);
    else if (choice === "default" && v.current.value !== undefined && !String(v.current.value).includes(ALL)) value = v.current.value;
    else value = v.multi ? values.slice(0, 1) : (values[0] ?? "");
    chosen[v.name] = { options: values, value };
    const variable = new QueryVariable({
      name: v.name,
      query: { refId: "A", ...v.query },
      includeAll: v.includeAll,
      isMulti: v.multi,
      allValue: v.allValue,
      options,
      value,
      text: Array.isArray(value) ? value.map((x) => options.find((o) => o.value === x)?.label ?? x) : (options.find((o) => o.value === value)?.label ?? value),
    });
    set.setState({ variables: [...set.state.variables, variable] });
  }
  return { scene, chosen, interpolate, backendSql };
}
