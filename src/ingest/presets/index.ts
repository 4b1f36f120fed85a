import type { Preset } from "../preset.ts";
import { canonicalPresets } from "./canonical.ts";
import { sensorsEvents } from "./sensors-events.ts";
import { growingioEvents } from "./growingio-events.ts";
import { genericOrders } from "./generic-orders.ts";
import { oceanEngineSpend } from "./ocean-engine-spend.ts";
import { tencentAdsSpend } from "./tencent-ads-spend.ts";
import { baiduTongjiTraffic } from "./baidu-tongji-traffic.ts";
import { wechatMpArticles } from "./wechat-mp-articles.ts";
import { crmUsers } from "./crm-users.ts";
import { operationsPresets } from "./operations.ts";

/** Built-in presets, most specific first: the first that matches a file's headers wins ties. */
export const builtinPresets: Preset[] = [
  sensorsEvents, growingioEvents, genericOrders, oceanEngineSpend, tencentAdsSpend, baiduTongjiTraffic, wechatMpArticles, crmUsers, ...canonicalPresets
];
builtinPresets.splice(builtinPresets.indexOf(canonicalPresets[0]), 0, ...operationsPresets);
