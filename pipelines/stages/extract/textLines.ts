// The first or last few non-empty lines of a report, read from its ends only: a title is at the top and
// a signature at the bottom, and reading the whole text for them would cost what the report weighs.

/** The first `n` non-empty lines, trimmed. */
export function firstLines(text: string, n: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length && out.length < n; ) {
    const end = text.indexOf("\n", at);
    const line = text.slice(at, end < 0 ? text.length : end).trim();
    if (line) out.push(line);
    at = end < 0 ? text.length : end + 1;
  }
  return out;
}

/** The last `n` non-empty lines, in order, mapped by `clean` (a line `clean` empties does not count). */
export function lastLines(text: string, n: number, clean: (line: string) => string): string[] {
  const out: string[] = [];
  for (let end = text.length; end > 0 && out.length < n; ) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = clean(text.slice(start, end));
    if (line) out.unshift(line);
    end = start - 1;
  }
  return out;
}
