// 政务公开: proactive disclosure (with its channel split) and requests for disclosure.
import { family, rule } from "./rule.ts";

export const disclosure = family({
  rules: [
    rule("disclosure.requests", "(?:依申请公开|信息公开申请|政府信息公开申请)(?:事项|件)?{gap}#{count:件|条|个|份}"),
    rule("disclosure.proactive", "(?<s>政务网站|门户网站|政府网站|网站|政务微信|微信公众号|微信|政务微博|微博|公众号|客户端)(?:公开|发布|推送)(?:政务)?信息#{count:条|篇}"),
    rule("disclosure.proactive", "(?<s>双公示)[”\"]?信息#{count:条|件}"),
    rule("disclosure.proactive", "(?<s>行政许可|行政处罚)信息#{count:条|件}", { context: /双公示/ }),
    rule("disclosure.proactive", "主动公开(?:政府|政务)?(?:信息|文件|事项)?{gap}#{count:条|件|篇|项}"),
  ],
});
