// The cue words of a pattern: a set of words one of which every match contains. Read from the pattern
// itself: a run of two or more Chinese characters (or digits: 12345) that the match cannot skip (not optional, not in a
// look-around), or a group every branch of which has such words. Of the choices in a sequence the first
// is taken: rules open with their distinguishing cue (从轻|减轻 before 处罚), so the rule is tried on
// fewer sentences. A pattern with no such words could match anywhere: that is an error in the rule.

interface Group {
  /** each branch's words, or null for a branch that guarantees none */
  branches: Array<string[] | null>;
  /** the element being built in the current branch */
  best: string[] | null;
  run: string;
  lookaround: boolean;
}

/** characters a cue word is made of: Chinese, and digits for hotlines (12345) */
const WORD_CHAR = /[\u4e00-\u9fa50-9]/;

/** Whether the element ending before source[i] is made optional by the quantifier at i (?, *, {0,…}). */
const optionalAt = (source: string, i: number) => source[i] === "?" || source[i] === "*" || /^\{0(?:,\d*)?\}/.test(source.slice(i, i + 8));
const quantifierAt = (source: string, i: number) => /^(?:[?*+]|\{\d+(?:,\d*)?\})\??/.exec(source.slice(i, i + 12))?.[0].length ?? 0;

const better = (first: string[] | null, later: string[] | null) => first ?? later;

export function cueWords(source: string): string[] | null {
  const stack: Group[] = [{ branches: [], best: null, run: "", lookaround: false }];
  const top = () => stack[stack.length - 1]!;
  const endRun = (g = top()) => {
    if (g.run.length >= 2) g.best = better(g.best, [g.run]);
    g.run = "";
  };
  const endBranch = (g: Group) => {
    endRun(g);
    g.branches.push(g.best);
    g.best = null;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      endRun();
      i++;
    } else if (c === "[") {
      endRun();
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      i += quantifierAt(source, i + 1);
    } else if (c === "(") {
      endRun();
      const lookaround = /^\(\?<?[=!]/.test(source.slice(i, i + 4));
      stack.push({ branches: [], best: null, run: "", lookaround });
      const named = /^\(\?(?:<[a-zA-Z]\w*>|:|<?[=!])/.exec(source.slice(i, i + 40));
      if (named) i += named[0].length - 1;
    } else if (c === "|") endBranch(top());
    else if (c === ")") {
      const g = stack.pop()!;
      endBranch(g);
      const words = g.branches.every(Boolean) ? [...new Set(g.branches.flat() as string[])] : null;
      const skipped = g.lookaround || optionalAt(source, i + 1);
      i += quantifierAt(source, i + 1);
      if (!skipped) top().best = better(top().best, words);
    } else if (WORD_CHAR.test(c)) {
      if (optionalAt(source, i + 1)) {
        endRun();
        i += quantifierAt(source, i + 1);
      } else {
        top().run += c;
        const q = quantifierAt(source, i + 1);
        if (q) {
          // 处+ keeps 处 but ends the run; 处{2} is unusual enough to end it too
          endRun();
          i += q;
        }
      }
    } else endRun();
  }
  const root = stack[0]!;
  endBranch(root);
  return root.branches.every(Boolean) ? [...new Set(root.branches.flat() as string[])] : null;
}
