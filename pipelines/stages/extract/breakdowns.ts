// Breakdown lists: "按照反映内容分,医患纠纷127件,行风态度79件,…" gives one petitions.by_topic fact per item,
// its qualifier the topic as written. Channels (来信/来访/…) are left to their own rules.
import type { Fact } from "../../../schemas/messages.ts";
import { FIGURE } from "./kpiRules/rule.ts";
import { fits, makeFact, type Sentence } from "./ruleEngine.ts";

const TOPIC_LIST = /(?:按(?:照)?(?:反映)?(?:问题|内容|事项|诉求)(?:的)?(?:类型|类别|性质|分类)?(?:分|划分|统计|来看|分类)|反映(?:的)?(?:问题|内容)(?:主要)?(?:包括|涉及|集中在|为|有)|按(?:照)?(?:问题|内容)类别)/;
const PETITION_CONTEXT = /信访|投诉|来信|来访|群众反映/;
const ITEM = new RegExp(`(?<q>[\\u4e00-\\u9fa5]{2,10}?)[（(]?${FIGURE}(?:件|起|宗|个|批次|人次)`, "g");
const NOT_A_TOPIC = /^(?:其中|共|合计|总计)?(?:来信|来访|来电|网信|网上|电话|热线|信访|满意)/;

export const hasBreakdown = (sentence: string) => TOPIC_LIST.test(sentence);

export function readBreakdowns(s: Sentence): Fact[] {
  const marker = TOPIC_LIST.exec(s.masked);
  if (!marker || !PETITION_CONTEXT.test(s.text)) return [];
  const listStart = marker.index + marker[0].length;
  const listEnd = s.masked.slice(listStart).search(/[；;。]/);
  const list = s.masked.slice(listStart, listEnd < 0 ? undefined : listStart + listEnd);
  const facts: Fact[] = [];
  for (const m of list.matchAll(ITEM)) {
    const from = listStart + m.index!;
    const to = from + m[0].length;
    const figure = [...s.masked.slice(0, to)].filter((c) => c === FIGURE).length - 1;
    const token = s.tokens[figure]!;
    const topic = m.groups!.q!.replace(/^(?:其中|涉及|反映|关于|有关)/, "");
    if (s.claimed.has(figure) || NOT_A_TOPIC.test(topic) || !fits("petitions.by_topic", token)) continue;
    s.claimed.add(figure);
    facts.push(makeFact(s, { metric: "petitions.by_topic", token, approx: token.approx, qualifier: topic, scope: null, from, to }));
  }
  return facts;
}
