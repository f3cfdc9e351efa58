import type { Fact } from "../../../schemas/messages.ts";

export function extractFacts(_text: string): Fact[] {
  return [];
}
