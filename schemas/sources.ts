// The source registry (sources.yaml): which department columns to crawl, from which hosts, how often and
// how politely. Unknown keys and bad values are errors that name the source and the key.
import { validate as isCron } from "node-cron";
import { parse } from "yaml";
import { z } from "zod";

const validRegex = (s: string) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
};

export const Source = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "lower-case letters, digits, - and _"),
    start_urls: z.array(z.string().url()).min(1),
    allow_hosts: z.array(z.string().min(1)).min(1),
    schedule: z.string().refine((s) => isCron(s), "not a cron expression"),
    title_pattern: z.string().refine(validRegex, "not a regular expression").optional(),
    max_pages: z.number().int().positive().default(20),
    rate_per_minute: z.number().positive().max(600).default(30),
    timeout_seconds: z.number().positive().max(300).default(20),
    max_bytes: z.number().int().positive().default(30 * 1024 * 1024),
  })
  .strict()
  .refine((s) => s.start_urls.every((u) => s.allow_hosts.includes(new URL(u).host)), {
    message: "every start URL's host must be in allow_hosts",
    path: ["start_urls"],
  });
export type Source = z.infer<typeof Source>;

const SourcesFile = z.object({ sources: z.array(z.unknown()).min(1) }).strict();

export class SourcesError extends Error {
  override name = "SourcesError";
}

/** Parses and checks a sources.yaml text; every problem is reported as `source ID: key: message`. */
export function parseSources(text: string): Source[] {
  const file = SourcesFile.safeParse(parse(text));
  if (!file.success) throw new SourcesError(file.error.issues.map((i) => `${i.path.join(".") || "file"}: ${i.message}`).join("\n"));
  const problems: string[] = [];
  const sources: Source[] = [];
  file.data.sources.forEach((entry, n) => {
    const id = (entry as { id?: unknown })?.id;
    const parsed = Source.safeParse(entry);
    if (parsed.success) sources.push(parsed.data);
    else for (const i of parsed.error.issues) problems.push(`source ${typeof id === "string" ? id : `#${n + 1}`}: ${i.path.join(".") || "(entry)"}: ${i.message}`);
  });
  const ids = sources.map((s) => s.id);
  for (const dup of ids.filter((id, i) => ids.indexOf(id) !== i)) problems.push(`source ${dup}: id: used twice`);
  if (problems.length) throw new SourcesError(problems.join("\n"));
  return sources;
}
