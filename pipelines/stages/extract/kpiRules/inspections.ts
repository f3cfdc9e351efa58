// 监督检查: 双随机 checks and their completion rate, violations found, inspection case files.
import { ENFORCEMENT_SCOPES } from "./penalties.ts";
import { family, rule } from "./rule.ts";

/** what a check may cover, not checks: 抽查事项 (kinds of item), 合格/不合格, 批次 of samples */
const RANGE = /事项|合格|批次/;

export const inspections = family({
  scopeCues: ENFORCEMENT_SCOPES,
  rules: [
    rule(
      "inspections.violations",
      "(?:查处|发现|查实|纠正)(?:并(?:纠正|督促整改|查处))?(?:各类)?(?<s>[^，,。；;：:！？#]{0,8}?)违法(?:违规)?(?:行为|问题){gap}#{count:起|件|宗|个}",
    ),
    rule("inspections.random_checks", "抽查(?:对象|任务|单位|企业|市场主体|户数|家数|检查对象){gap}#{count:家|户|件|个|次|项}"),
    rule(
      "inspections.random_checks",
      '双随机(?:、?一公开)?[”"]?(?:监管|执法|监督|联合)?(?:抽查|检查)?(?:检查)?(?:任务|对象|企业|市场主体|单位){gap}#{count:个|件|项|次|家|户|家次|户次}',
    ),
    rule("inspections.random_checks", '双随机(?:、?一公开)?[”"]?(?:监管|执法|监督|联合)?(?:抽查|检查){gap}#{count:家|户|家次|户次}'),
    rule("inspections.random_checks", "(?:随机抽查|双随机抽查|抽查检查){gap}#{count:家|户|家次|次}"),
    rule("inspections.random_checks", "随机抽取(?:检查对象|企业|市场主体|单位|对象)?{gap}#{count:家|户|个}", { context: /双随机|抽查/ }),
    // what was drawn or checked at random, named in a few words: 抽取检查对象N户, 随机抽查…企业N家, 双随机监督抽检任务N件
    rule("inspections.random_checks", "抽取(?:检查)?(?:对象|企业|市场主体|单位|经营主体)[^，,。；;：:！？#]{0,8}?#{count:家|户|个}"),
    rule(
      "inspections.random_checks",
      "(?:双随机|随机)[^，,。；;：:！？#]{0,8}?(?:抽查|抽检)(?:检查)?(?:任务)?[^，,。；;：:！？#]{0,16}?#{count:家|户|个|件|项|家次|户次}",
      { unless: RANGE },
    ),
    rule("inspections.random_checks", "抽查[^，,。；;：:！？#]{2,16}?#{count:家|户|个|家次|户次}", { context: /双随机|随机|抽查/, unless: RANGE }),
    rule("inspections.random_completion_rate", "(?:完成率|完结率|办结率|完成比例){gap}#{percent}", { context: /抽查|双随机/ }),
    rule("inspections.random_completion_rate", "(?<s>[^，,。；;#]{0,8}(?:双随机|抽查)(?:检查|监督)?任务)#{percent}(?:完成|办结)"),
    rule("inspections.cases", "(?:行政检查|监督检查|执法检查|日常检查)(?:档案|案件|卷宗)?{gap}#{count:宗|件|份|次|家次|户次}"),
    // 家次/户次 count visits to the inspected: 共检查医疗机构1,256家次
    rule("inspections.cases", "(?:检查|巡查)(?:各类)?[^，,。；;：:！？#]{0,8}?#{count:家次|户次}"),
  ],
});
