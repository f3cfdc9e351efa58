// Every family's rules, in the order they claim a figure: specific cues before general ones.
import { approvals } from "./approvals.ts";
import { disclosure } from "./disclosure.ts";
import { disputes } from "./disputes.ts";
import { inspections } from "./inspections.ts";
import { legal } from "./legal.ts";
import { penalties } from "./penalties.ts";
import { petitions } from "./petitions.ts";
import { proposals } from "./proposals.ts";
import type { KpiRule, ListReader } from "./rule.ts";

const FAMILIES = [petitions, penalties, approvals, inspections, disputes, disclosure, proposals, legal];

export const KPI_RULES: readonly KpiRule[] = FAMILIES.flatMap((f) => f.rules);
export const LIST_READERS: readonly ListReader[] = FAMILIES.flatMap((f) => f.lists);
