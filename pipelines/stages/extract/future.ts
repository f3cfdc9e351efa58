// Figures about the future are targets, not results: whole "next year" sections are skipped, and so is
// a figure whose sentence speaks of a target before it (力争, 预计, 2024年将…).

const HEADING = /^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)/;
const FUTURE_HEADING = /下一步|下步|工作打算|工作设想|工作计划|工作安排|主要安排|工作思路|努力方向|工作重点|明年/;

/** [start, end) offsets of the sections that plan the coming year. */
export function futureSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open: number | null = null;
  let offset = 0;
  for (const line of text.split("\n")) {
    if (HEADING.test(line) && line.length < 60) {
      if (open !== null) spans.push([open, offset]);
      open = FUTURE_HEADING.test(line) ? offset : null;
    }
    offset += line.length + 1;
  }
  if (open !== null) spans.push([open, offset]);
  return spans;
}

const TARGET = /力争|预计|争取到|力求|目标为|目标是|计划到|计划于|拟于|确保到|\d{4}年(?:将|要|计划|力争)/;

export function isFutureClause(textBefore: string): boolean {
  return TARGET.test(textBefore);
}
