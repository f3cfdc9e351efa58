// Lists whose items are each a fact of one metric ("按照反映内容分,医患纠纷127件,行风态度79件,…";
// "累计发布信息313条，其中政策文件14条、行政许可93条"). A list runs from the words that open it to the
// end of its clause group (；。) or the bracket it opened in; items a rule already read (a channel with a
// rule of its own) and names that are not parts of the whole (outcomes, roles) are passed over.
import type { Fact } from "../../../schemas/messages.ts";
import type { ListReader } from "./kpiRules/rule.ts";
import { othersFigure } from "./otherBodies.ts";
import { fits, lastAtMost, makeFact, type Sentence } from "./sentence.ts";

const LIST_END = /[；;。]/;
/** words that join a name to its list rather than name a part */
const LEAD = /^(?:其中|包括|涉及|反映|关于|有关|主要是|主要为|分别为|分别是)+/;

/** Where the list opened at `from` ends: the next ；。, or the bracket around it closing. */
function listEnd(masked: string, from: number, limit: number): number {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const c = masked[i]!;
    if (LIST_END.test(c)) return i;
    if (c === "（" || c === "(") depth++;
    else if (c === "）" || c === ")") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return limit;
}

/** a total's figure and the list's opening words stand in the same clause or the next (…30751件，其中…) */
const TOTAL_TO_LIST = /^[^，,；;：:。]{0,12}[，,：:]?[^，,；;：:。]{0,12}$/;

/** Whether a total (ends: ascending) was read just before masked index `at`. */
function followsTotal(s: Sentence, totalEnds: number[], at: number): boolean {
  const end = totalEnds[lastAtMost(totalEnds, at)];
  return end !== undefined && at - end <= 26 && TOTAL_TO_LIST.test(s.masked.slice(end, at));
}

/** The lists of a sentence; an item after talk of a target (`targetAt`, an offset in the text) is a target too. */
export function readLists(s: Sentence, readers: readonly ListReader[], targetAt: number, governs: boolean, out: Fact[]): void {
  for (const reader of readers) {
    if (reader.context && s.matchEnd(reader.context) === Infinity) continue;
    // totals read by rules, not the items of another list
    const totalEnds = reader.after
      ? s.read
          .filter((r) => reader.after!.includes(r.metric))
          .map((r) => r.to)
          .sort((a, b) => a - b)
      : [];
    if (reader.after && !totalEnds.length) continue;
    const markers = [...s.masked.matchAll(reader.opens)];
    let limit = s.masked.length;
    for (let k = markers.length - 1; k >= 0; k--) {
      const at = markers[k]!.index!;
      const start = at + markers[k]![0].length;
      const end = listEnd(s.masked, start, limit);
      limit = at;
      if (reader.after && !followsTotal(s, totalEnds, at)) continue;
      readItems(s, reader, start, end, targetAt, governs, out);
    }
  }
}

function readItems(s: Sentence, reader: ListReader, start: number, end: number, targetAt: number, governs: boolean, out: Fact[]): void {
  const list = s.masked.slice(start, end);
  // a figure in a document's title (《…八条措施》) is part of the title, not an item
  let titled = 0;
  let walked = 0;
  for (const m of list.matchAll(reader.item)) {
    for (; walked < m.index!; walked++) {
      if (list[walked] === "《") titled++;
      else if (list[walked] === "》" && titled > 0) titled--;
    }
    if (titled > 0 || m[0].includes("《") || m[0].includes("》")) continue;
    const from = start + m.index!;
    const to = from + m[0].length;
    if (targetAt <= s.origin(from) || othersFigure(s, from, to, governs)) continue;
    const [figure] = s.figuresIn(from, to).slice(-1);
    if (figure === undefined || s.claimed[figure]) continue;
    const token = s.tokens[figure]!;
    const name = m.groups!.name!.replace(LEAD, "");
    if (name.length < 2 || reader.notItem.test(name) || !fits(reader.metric, token)) continue;
    s.claimed[figure] = 1;
    const named = reader.nameIs === "qualifier" ? { qualifier: name, scope: null } : { qualifier: null, scope: name };
    out.push(makeFact(s, { metric: reader.metric, token, approx: token.approx, ...named, scopeCues: [], from, to }));
  }
}
