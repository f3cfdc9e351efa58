// A report's fingerprint across renderings: a MinHash signature of its normalised text's character
// 3-grams (letters and figures only, so layout, spacing and punctuation do not count), and LSH band keys
// that find the renderings whose signatures may be close without comparing against every report.
const HASHES = 64;
const BAND_ROWS = 4;
const SHINGLE = 3;

/** FNV-1a, 32 bits. */
function fnv(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fixed odd multipliers and offsets: the i-th hash is a·x + b over 32 bits (a universal family). */
const PERMUTATIONS = Array.from({ length: HASHES }, (_, i) => [(fnv(`a${i}`) | 1) >>> 0, fnv(`b${i}`)] as const);

const content = (text: string) => text.normalize("NFKC").replace(/[^\p{L}\p{N}]+/gu, "");

/** Empty for a text too short to compare (a scan waiting for OCR has none): such a rendering is only itself. */
export function fingerprint(text: string): number[] {
  const chars = [...content(text)];
  if (chars.length < 10 * SHINGLE) return [];
  const signature = new Array<number>(HASHES).fill(0xffffffff);
  const seen = new Set<number>();
  for (let i = 0; i + SHINGLE <= chars.length; i++) {
    const x = fnv(chars.slice(i, i + SHINGLE).join(""));
    if (seen.has(x)) continue;
    seen.add(x);
    for (let k = 0; k < HASHES; k++) {
      const [a, b] = PERMUTATIONS[k]!;
      const h = (Math.imul(a, x) + b) >>> 0;
      if (h < signature[k]!) signature[k] = h;
    }
  }
  return signature;
}

/** The share of equal positions: an estimate of the two texts' 3-gram Jaccard similarity. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (!a.length || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** One key per band of the signature: two texts share a key when one band is equal. */
export function bandKeys(signature: readonly number[]): string[] {
  const keys: string[] = [];
  for (let band = 0; band * BAND_ROWS < signature.length; band++) {
    keys.push(`${band}:${fnv(signature.slice(band * BAND_ROWS, (band + 1) * BAND_ROWS).join(","))}`);
  }
  return keys;
}
