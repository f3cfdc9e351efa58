// Figures about the future are targets, not results: whole "next year" sections are skipped, and so is
// a figure whose sentence speaks of a target before it (力争, 预计, 计划到). "2022年将…" is no cue: in
// these reports 将 is as often 把 (2022年将14个事项调整为即办事项).

/**
 * A section heading: its marker (一、 or 第一部分) at the start of a line or, in text a page flattened,
 * after a sentence or a colon; then its own words up to the first punctuation.
 */
const HEADING = /(?:^|[\n。！？：:])[ \t\u3000]*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)([^。！？\n（(：:，,；;]{0,40})/g;
const LEAD = /^[\n。！？：:]/;
const PLAN = /下一步|下步|工作打算|工作设想|工作计划|工作安排|主要安排|工作思路|努力方向|工作重点|明年|\d{4}年(?:工作)?(?:要点|打算|思路)/;

/** [start, end) offsets of the sections that plan the coming year: from such a heading to the next heading. */
export function futureSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open: number | null = null;
  HEADING.lastIndex = 0;
  for (let m = HEADING.exec(text); m; m = HEADING.exec(text)) {
    // the sentence that holds a heading after a colon starts before it, and is not in the section
    const at = m.index + (LEAD.test(m[0]) ? 1 : 0);
    if (open !== null) spans.push([open, at]);
    open = PLAN.test(m[1]!) ? at : null;
  }
  if (open !== null) spans.push([open, text.length]);
  return spans;
}

const TARGET = /力争|预计|争取到|力求|目标为|目标是|计划到|计划于|拟于|确保到/g;

/** Where, in a sentence, talk of a target has been seen: a figure after this offset is a target. */
export function targetFrom(sentence: string): number {
  TARGET.lastIndex = 0;
  const m = TARGET.exec(sentence);
  return m ? m.index + m[0].length : Infinity;
}
