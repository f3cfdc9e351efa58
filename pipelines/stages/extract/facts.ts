// extractFacts: every catalogue metric the report states, each with the clause it came from.
import type { Fact } from "../../../schemas/messages.ts";
import { KPI_RULES } from "./kpiRules/index.ts";
import { applyRules } from "./ruleEngine.ts";
import { indexRules } from "./kpiRules/ruleIndex.ts";

const RULES = indexRules(KPI_RULES);

export function extractFacts(text: string): Fact[] {
  return applyRules(text, RULES);
}
