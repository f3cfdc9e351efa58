// Chinese text has no spaces between words: a space between two CJK characters is an artefact of
// source line wrapping (HTML) or justification (PDF), never content.
export const CJK = "\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f\\u2018-\\u201d\\u2026\\u2014";

const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) +(?=[${CJK}])`, "g");

export const dropCjkSpaces = (line: string) => line.replace(SPACE_BETWEEN_CJK, "");

const ONE_CJK = new RegExp(`^[${CJK}]$`);

export const isCjk = (ch: string | undefined) => ch !== undefined && ONE_CJK.test(ch);
