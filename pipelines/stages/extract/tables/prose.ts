// Table facts and prose facts of one report, without doubles: a table cell is the figure of record. A prose
// figure with a cell's metric and value restates the cell (the catalogue's one fact per statement) and is
// dropped, whatever scope the prose rules gave it; one with the same metric and scope but another value is
// kept, as the report says it, and flagged: the prose and the table disagree about one cell.
import type { Check, Fact } from "../../../../schemas/messages.ts";
import type { TableReading } from "./index.ts";

export function withTables(prose: Fact[], tables: TableReading): { facts: Fact[]; checks: Check[] } {
  const checks = [...tables.checks];
  const kept: Fact[] = [];
  for (const p of prose) {
    const cells = tables.facts.filter((t) => t.metric === p.metric);
    const same = cells.find((t) => t.value === p.value);
    const cell = cells.find((t) => t.scope === p.scope);
    if (!same) kept.push(p);
    if (cell && !p.redacted && (!same || same === cell)) {
      checks.push({
        name: "prose_vs_table",
        subject: p.metric,
        expected: cell.value,
        actual: p.value,
        passed: cell.value === p.value,
        detail: p.evidence,
        offset: p.offset,
      });
    }
  }
  return { facts: [...tables.facts, ...kept], checks };
}
