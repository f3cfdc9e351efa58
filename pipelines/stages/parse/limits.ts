// The character cap every reader's output goes through: a report is 5,000–200,000 characters, and text far
// beyond the cap is a concatenation, a dump or a bomb, which would cost the rules minutes and the warehouse
// megabytes of evidence. Over the cap is a dead letter naming the cap (replay it with a larger --max-chars).
import { ParseError } from "./errors.ts";

export const overLimit = (what: string, maxChars: number) => new ParseError(`${what} is over the limit of ${maxChars} characters per document (--max-chars)`);

export function withinChars(text: string, maxChars: number): string {
  if (text.length > maxChars) throw overLimit(`text of ${text.length} characters`, maxChars);
  return text;
}
