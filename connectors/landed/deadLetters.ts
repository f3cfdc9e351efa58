// The landing zone as a source for `govkpi dlq replay`: the payloads of the chosen dead letters, announced
// again with the message their connector first wrote (all its hints).
import type { RawReport } from "../../schemas/messages.ts";
import type { CollectContext, Collected } from "../../pipelines/ingest.ts";

/** `ids` null: every dead letter. Letters without a payload, or unknown ids, are skipped with the reason. */
export async function deadLetterReports({ warehouse, landing }: CollectContext, ids: string[] | null): Promise<Collected> {
  const letters = await warehouse.deadLetters(ids);
  const found = new Set(letters.map((l) => l.id));
  const skipped = (ids ?? []).filter((id) => !found.has(id)).map((id) => ({ file: id, reason: "no dead letter with this id (govkpi dlq list)" }));
  const raws: RawReport[] = [];
  for (const letter of letters) {
    if (letter.landing_key === null) {
      skipped.push({ file: letter.id, reason: "a bus message that failed validation: it has no payload to replay" });
      continue;
    }
    const raw = await landing.message(letter.landing_key, letter.source_url ?? "");
    if (raw) raws.push(raw);
    else skipped.push({ file: letter.id, reason: "its payload was landed before govkpi kept each payload's message: import the file again" });
  }
  return { raws, skipped };
}
