// Chinese text has no spaces between words, so a line break between two CJK characters in HTML source is
// the editor wrapping its source, not a space a reader should see.
const CJK = "\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f\\u2018-\\u201d\\u2026\\u2014";

const WRAP_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\t]*[\\r\\n]\\s*(?=[${CJK}])`, "g");

export const unwrapCjk = (source: string) => source.replace(WRAP_BETWEEN_CJK, "");

const ONE_CJK = new RegExp(`^[${CJK}]$`);

export const isCjk = (ch: string | undefined) => ch !== undefined && ONE_CJK.test(ch);
