// Normalisation of the clean text, on the spellings real renderings produce.
import { describe, expect, it } from "vitest";
import { extractReport } from "../../pipelines/stages/extract/index.ts";
import { cleanText } from "../../pipelines/stages/parse/cleanText.ts";
import { looksOcrSpaced, normaliseText } from "../../pipelines/stages/parse/normalise.ts";

describe("normaliseText", () => {
  it("maps Kangxi radicals, radicals-supplement forms and compatibility ideographs to the ideographs", () => {
    // as Chromium's print writes them with Noto CJK: ⾏ U+2F8F, ⽣ U+2F63, ⻰ U+2EF0, ⻔ U+2ED4, ⻓ U+2ED3
    expect(normaliseText("依法⾏政，卫⽣健康，⻰华区⻔诊，⻓效机制，豈")).toBe("依法行政，卫生健康，龙华区门诊，长效机制，豈");
  });

  it("turns full-width digits, letters and the marks inside figures into ASCII, and keeps Chinese punctuation", () => {
    expect(normaliseText("２０２３年罚没款４５．６万元，占比９８．５％，ＰＤＦ（附件），发布时间：２０２４－０３－０６")).toBe(
      "2023年罚没款45.6万元，占比98.5%，PDF（附件），发布时间：2024-03-06",
    );
  });

  it("drops ideographic-space indents and turns inner ideographic spaces into one space", () => {
    expect(normaliseText("\u3000\u3000图片\n\u3000\u3000来源：委法规处\u3000\u3000发布时间：2024-03-06\u3000")).toBe(
      "图片\n来源：委法规处 发布时间：2024-03-06",
    );
  });

  const ocr = [
    "2024 年 ,在区 委 区 政府 的领导 及 依法 治区 办 的 指导 下 ,我 局 坚持以 习近平新 时 代 中 国特色 社会 主义 思想为 指导 。",
    "全年 召开局 党组 会 44 次 , 均 严格落实 “第一 议题”学习 。 共 组织 党 纪 专题 学 习 30 次、 举 办 读书班 12 次 。",
    "今年 产生 行政 检查 档案 3340 份 ,行政处 罚 档案 193 份全 部 录入区 档案管理系统 。参与工作 会 议 90 次 ,出具 法律意 见 书 67 份 。",
  ].join("\n");

  it("removes the spaces an OCR layer puts between Chinese words and around figures", () => {
    expect(looksOcrSpaced(ocr)).toBe(true);
    expect(normaliseText(ocr).split("\n")[2]).toBe("今年产生行政检查档案3340份,行政处罚档案193份全部录入区档案管理系统。参与工作会议90次,出具法律意见书67份。");
  });

  it("removes the spaces tesseract's plain text puts around every figure", () => {
    const text =
      "南通市卫生健康委员会 2023 年度法治政府建设情况报告\n全年受理信访 300 件，办理行政处罚案件 120 件，罚没款 45.6 万元。\n" +
      "办结 12 件，回复 8 件，公开 19 条，审查 3 份，培训 5 次，抽查 639 家，完成 100%。";
    expect(normaliseText(text)).toBe(
      "南通市卫生健康委员会2023年度法治政府建设情况报告\n全年受理信访300件，办理行政处罚案件120件，罚没款45.6万元。\n" +
        "办结12件，回复8件，公开19条，审查3份，培训5次，抽查639家，完成100%。",
    );
  });

  it("leaves the spaces of typeset text alone: a signature line, Latin words, a time", () => {
    const typeset = "东阳市卫生健康局 2023年2月10日\nRule of law 2023\n发布时间: 2023-02-10 15:41\n全年受理信访300件，其中网上信访210件。";
    expect(looksOcrSpaced(typeset)).toBe(false);
    expect(normaliseText(typeset)).toBe(typeset);
  });
});

describe("the rules see the normalised text", () => {
  it("a full-width date and an indented 图片 caption no longer reach the metadata", () => {
    const raw =
      "\u3000\u3000图片\n\u3000\u3000南通市卫生健康委员会２０２３年度法治政府建设情况报告\n\u3000\u3000来源：委法规处\u3000发布时间：２０２４－０３－０６\n" +
      "\u3000\u3000２０２３年，全年受理信访事项３００件。";
    const clean = cleanText(raw);
    expect(clean.text.split("\n")[0]).toBe("南通市卫生健康委员会2023年度法治政府建设情况报告");
    expect(clean.page.published_date).toBe("2024-03-06");
    const { metadata, facts } = extractReport({ text: clean.text, page: clean.page, site_host: null });
    expect(metadata).toMatchObject({ org_name: "南通市卫生健康委员会", report_year: 2023, published_date: "2024-03-06" });
    const fact = facts.find((f) => f.metric === "petitions.total")!;
    expect(fact.value).toBe(300);
    expect(clean.text.slice(fact.offset, fact.offset + fact.evidence.length)).toBe(fact.evidence);
  });
});
