// extractFacts: every catalogue metric the report states, each with the clause it came from.
import type { Fact } from "../../../schemas/messages.ts";
import { KPI_RULES, LIST_READERS } from "./kpiRules/index.ts";
import { RuleEngine } from "./ruleEngine.ts";

const ENGINE = new RuleEngine(KPI_RULES, LIST_READERS);

/** `governs`: the issuer is a government (人民政府, 管委会), whose year its departments' figures make up. */
export function extractFacts(text: string, governs = false): Fact[] {
  return ENGINE.extract(text, governs);
}
