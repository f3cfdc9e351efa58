// Whether a line break ends a sentence. Text out of a PDF (pdftotext -layout) or a wrapped page breaks
// lines anywhere, mid-sentence and between a figure and its unit ("信息1580\n\n条"), often with blank
// lines between; a title, a heading or a paragraph that ends in 。 ends at its break. So a break goes on
// with the sentence after ；，：, or after a line that reads as wrapped: long enough to be a full line of
// a page, not ending in a sentence's or a title's last words, and not followed by a heading.

/** the shortest line a page wraps (a title or a heading is shorter, or ends like one) */
const WRAP_WIDTH = 20;
const CONTINUES_AFTER = /[；;，,：:、]$/;
const ENDS = /(?:[。！？!?）)]|报告|总结|情况|要点|年报|如下)$/;
const HEADING = /^[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+)/;
const BLANK = /^[ \t\u3000\f\r]*$/;
/** how many blank lines a wrapped sentence may have between its lines; more is a paragraph's end */
const MAX_BLANK_LINES = 4;

/** For the break at `i` (text[i] is "\n"): whether the sentence goes on past it. */
export function breakContinues(text: string, i: number): boolean {
  // the last line with words before the break, past blank lines between
  let end = i;
  let start = text.lastIndexOf("\n", end - 1) + 1;
  for (let blank = 0; BLANK.test(text.slice(start, end)); blank++) {
    if (start === 0 || blank === MAX_BLANK_LINES) return false;
    end = start - 1;
    start = text.lastIndexOf("\n", end - 1) + 1;
  }
  const line = text.slice(start, end).trim();
  if (CONTINUES_AFTER.test(line)) return true;
  if (line.length < WRAP_WIDTH || ENDS.test(line)) return false;
  // the next line with words
  const next = text.slice(i + 1, i + 64).replace(/^[\n \t\u3000\f\r]+/, "");
  return !HEADING.test(next);
}
