// The stages a process can run, by name (kept apart from the runner so the CLI can name them without loading any stage).
export const STAGE_NAMES = ["parse", "extract", "load"] as const;
export type StageName = (typeof STAGE_NAMES)[number];
