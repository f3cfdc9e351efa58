// Bounds on the work one document may cost: every parse and extract runs in a worker process of the document
// pool (pipelines/pool), which enforces them. A document over a bound becomes a dead letter naming it.
import { availableParallelism } from "node:os";
import { z } from "zod";

export const DocumentLimits = z
  .object({
    /** worker processes; each runs one document at a time */
    workers: z.number().int().min(1).max(64).default(availableParallelism()),
    /** CPU time one document may take in one stage (parse, or extract); wall time where the OS does not tell CPU time */
    timeoutMs: z.number().int().positive().default(60_000),
    /**
     * memory of a worker (V8 heap limit and resident set) while it handles one document: the report fixtures
     * peak under 300 MB; two workers at the bound beside the main process (~250 MB) stay under 1 GB
     */
    memoryMb: z.number().int().min(128).default(384),
    /** characters of text one document may hold (decoded source, then clean text): a report has 5,000–200,000 */
    maxChars: z.number().int().positive().default(2_000_000),
  })
  .strict();
export type DocumentLimits = z.infer<typeof DocumentLimits>;
export type DocumentLimitsInput = z.input<typeof DocumentLimits>;

export const DEFAULT_LIMITS: DocumentLimits = DocumentLimits.parse({});
