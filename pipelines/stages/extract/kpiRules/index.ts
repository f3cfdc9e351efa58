// Every family's rules, in the order they claim a figure: specific cues before general ones.
import { approvalRules } from "./approvals.ts";
import { disclosureRules } from "./disclosure.ts";
import { disputeRules } from "./disputes.ts";
import { inspectionRules } from "./inspections.ts";
import { legalRules } from "./legal.ts";
import { penaltyRules } from "./penalties.ts";
import { petitionRules } from "./petitions.ts";
import { proposalRules } from "./proposals.ts";
import type { KpiRule } from "./rule.ts";

export const KPI_RULES: readonly KpiRule[] = [
  ...petitionRules,
  ...penaltyRules,
  ...approvalRules,
  ...inspectionRules,
  ...disputeRules,
  ...disclosureRules,
  ...proposalRules,
  ...legalRules,
];
