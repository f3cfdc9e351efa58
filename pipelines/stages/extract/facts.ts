// extractFacts: every catalogue metric the report states, each with the clause it came from.
import type { Fact } from "../../../schemas/messages.ts";
import { KPI_RULES, LIST_READERS } from "./kpiRules/index.ts";
import { RuleEngine } from "./ruleEngine.ts";

const ENGINE = new RuleEngine(KPI_RULES, LIST_READERS);

export function extractFacts(text: string): Fact[] {
  return ENGINE.extract(text);
}
