// The OCR pieces that need no engine: tesseract's TSV to positioned runs, and text layers that are garbage.
import { describe, expect, it } from "vitest";
import { runsFromTsv } from "../../pipelines/stages/parse/ocr.ts";
import { isGarbage } from "../../pipelines/stages/parse/pdf.ts";
import { layoutPages, paragraphs } from "../../pipelines/stages/parse/pdfLayout.ts";

// tesseract 5 `tsv` output for two lines of a 150 dpi page (as `tesseract page.png stdout -l chi_sim tsv` prints it)
const TSV = [
  "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
  "1\t1\t0\t0\t0\t0\t0\t0\t1241\t1754\t-1\t",
  "4\t1\t1\t1\t1\t0\t150\t200\t900\t30\t-1\t",
  "5\t1\t1\t1\t1\t1\t150\t202\t240\t28\t96.5\t全年受理信访",
  "5\t1\t1\t1\t1\t2\t400\t203\t60\t27\t91.0\t300",
  "5\t1\t1\t1\t1\t3\t470\t202\t120\t28\t95.2\t件，其中",
  "4\t1\t1\t1\t2\t0\t150\t245\t300\t30\t-1\t",
  "5\t1\t1\t1\t2\t1\t150\t246\t300\t29\t88.0\t网上信访210件。",
].join("\n");

describe("runsFromTsv", () => {
  it("turns word boxes into runs in PDF points on their line's baseline, with a character-weighted confidence", () => {
    const page = runsFromTsv(TSV, 150, 1754);
    expect(page.runs.map((r) => r.str)).toEqual(["全年受理信访", "300", "件，其中", "网上信访210件。"]);
    expect(page.runs[0]!.x).toBeCloseTo(72, 6);
    expect(page.runs[0]!.y).toBeCloseTo(((1754 - 230) * 72) / 150, 6);
    expect(page.runs[0]!.size).toBeCloseTo((30 * 72) / 150, 6);
    expect(new Set(page.runs.slice(0, 3).map((r) => r.y)).size).toBe(1);
    const chars = 6 + 3 + 4 + 9;
    expect(page.confidence).toBeCloseTo((96.5 * 6 + 91 * 3 + 95.2 * 4 + 88 * 9) / chars / 100, 6);
    const layout = layoutPages([page.runs]);
    expect(paragraphs(layout.pages.flat()).join("\n")).toBe("全年受理信访300件，其中网上信访210件。");
  });
});

describe("isGarbage", () => {
  it("flags a text layer of private-use or control codes, or Latin-1 soup without Chinese", () => {
    expect(isGarbage("\ue001\ue002\ue003 \ue004\ue005 2023 \ue006\ue007\ue008")).toBe(true);
    expect(isGarbage("\u0003\u0011\u0004\u0012\u0005\u0013\u0006")).toBe(true);
    expect(isGarbage("ÄÏÍ¨ÊÐÎÀÉú½¡¿µÎ¯Ô±»á2023Äê¶È·¨ÖÎÕþ¸®½¨Éè")).toBe(true);
    expect(isGarbage("南通市卫生健康委员会2023年度法治政府建设情况报告")).toBe(false);
    expect(isGarbage("Rule of law report 2023: petitions, penalties and approvals")).toBe(false);
  });
});
