// Messages between the document pool and its worker processes (IPC, structured clone).
export interface JobRequest {
  id: number;
  job: string;
  input: unknown;
}

export type JobReply =
  | { type: "ready" }
  | { type: "done"; id: number; ok: true; value: unknown }
  | { type: "done"; id: number; ok: false; error: { name: string; message: string; code?: string } };
