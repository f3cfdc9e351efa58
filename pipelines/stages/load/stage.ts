// The load stage's runners: facts → warehouse (idempotent: a report replaces its earlier rows), and the
// dead-letter sink: reports.dlq → the dead_letters table. The warehouse publishes snapshots on its own timer.
import { DeadLetter, ReportFacts, TOPICS } from "../../../schemas/messages.ts";
import type { Warehouse } from "../../warehouse/warehouse.ts";
import { provenanceOf, type Stage } from "../stage.ts";

export function loadStage(warehouse: Warehouse): Stage<ReportFacts> {
  return {
    name: "load",
    input: TOPICS.facts,
    schema: ReportFacts,
    provenance: (r) => provenanceOf(r.raw),
    async process(inputs) {
      try {
        await warehouse.replaceReports(inputs);
        return inputs.map(() => []);
      } catch {
        // One bad report must not hold back the batch: load one by one to find and dead-letter it.
        const results = [];
        for (const r of inputs) {
          results.push(await warehouse.replaceReports([r]).then(() => [], (err: Error) => err));
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
