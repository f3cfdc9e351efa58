// The load stage's runners: facts → warehouse (idempotent: a report replaces its earlier rows), the
// dead-letter sink: reports.dlq → the dead_letters table, and the runs sink: connectors' run records → runs.
// The warehouse publishes snapshots on its own timer.
import { DeadLetter, ReportFacts, RunRecord, TOPICS } from "../../../schemas/messages.ts";
import type { Warehouse } from "../../warehouse/warehouse.ts";
import { provenanceOf, type Stage } from "../stage.ts";

export function loadStage(warehouse: Warehouse, onLoaded: (reports: number, facts: number) => void = () => {}): Stage<ReportFacts> {
  return {
    name: "load",
    input: TOPICS.facts,
    schema: ReportFacts,
    provenance: (r) => provenanceOf(r.raw),
    async process(inputs) {
      try {
        await warehouse.replaceReports(inputs);
        onLoaded(
          inputs.length,
          inputs.reduce((n, r) => n + r.facts.length, 0),
        );
        return inputs.map(() => []);
      } catch {
        // One bad report must not hold back the batch: load one by one to find and dead-letter it.
        const results = [];
        for (const r of inputs) {
          results.push(
            await warehouse.replaceReports([r]).then(
              () => {
                onLoaded(1, r.facts.length);
                return [];
              },
              (err: Error) => err,
            ),
          );
        }
        return results;
      }
    },
  };
}

export function deadLetterSink(warehouse: Warehouse): Stage<DeadLetter> {
  return {
    name: "dead-letters",
    input: TOPICS.dlq,
    schema: DeadLetter,
    provenance: provenanceOf,
    async process(inputs) {
      await warehouse.recordDeadLetters(inputs);
      return inputs.map(() => []);
    },
  };
}

export function runSink(warehouse: Warehouse): Stage<RunRecord> {
  return {
    name: "runs",
    input: TOPICS.runs,
    schema: RunRecord,
    provenance: (r) => ({ source: r.source, source_url: null, landing_key: null }),
    async process(inputs) {
      await warehouse.recordRuns(inputs);
      return inputs.map(() => []);
    },
  };
}
