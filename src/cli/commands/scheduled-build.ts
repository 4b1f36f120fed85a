import { loadConfig } from "../../config.ts";
import { buildSite, GateFailure } from "../../build/build-site.ts";
import { summaryText } from "../../build/build-summary.ts";
import { notify } from "../../notify/notify.ts";
import { robotsFromEnv, type RobotMessage } from "../../notify/robot.ts";
import type { Command } from "../command.ts";
import { buildOptions, buildOptionsFrom, buildUsage, printOutcome } from "./build.ts";
import { describeResult } from "./ingest.ts";

export const scheduledBuild: Command = {
  name: "scheduled-build",
  summary: "what cron / CI runs: build (with gates) and post the summary or the failure to group robots",
  usage: `opsbook scheduled-build ${buildUsage}
  --link URL        where the published site lives (default $OPSBOOK_SITE_URL); the message links
                    to the week's page

  Robots are configured by environment variables only (never written to the site or logs):
    OPSBOOK_FEISHU_WEBHOOK   + OPSBOOK_FEISHU_SECRET     飞书 (签名校验 optional)
    OPSBOOK_DINGTALK_WEBHOOK + OPSBOOK_DINGTALK_SECRET   钉钉 (加签 optional)
    OPSBOOK_WECOM_WEBHOOK                                企业微信 (key in the URL)
  Exit code: 0 published or unchanged, 1 gate or build failure (also posted).`,
  options: { ...buildOptions, link: { type: "string" } },
  async run(values) {
    const config = loadConfig();
    const robots = robotsFromEnv();
    const options = buildOptionsFrom(values, config.timezone);
    const site = ((values.link as string | undefined) ?? process.env.OPSBOOK_SITE_URL ?? "").replace(/\/+$/, "");
    let message: RobotMessage;
    let code = 0;
    try {
      const outcome = await buildSite(config, {
        step: (m) => console.log(`opsbook scheduled-build: ${m}`),
        warn: (m) => console.error(`opsbook scheduled-build: ⚠ ${m}`),
        file: (r) => r.status !== "unchanged" && console.log(`  ${describeResult(r)}`)
      }, options);
      printOutcome(outcome, config.root);
      const link = site && outcome.summary.week ? `${site}/weekly/${outcome.summary.week}` : site || undefined;
      const title = config.locale === "en-US" ? `${config.title}: ${outcome.status === "unchanged" ? "no new data" : "updated"}` : `${config.title}${outcome.status === "unchanged" ? "：数据无变化" : " 已更新"}`;
      message = { title, text: summaryText(outcome.summary, config.locale), link };
    } catch (error) {
      code = 1;
      const what = error instanceof GateFailure ? (config.locale === "en-US" ? "data gate failed, not published" : "数据闸门未通过，未发布") : config.locale === "en-US" ? "build failed, not published" : "构建失败，未发布";
      console.error(`opsbook scheduled-build: ${(error as Error).message}`);
      message = { title: `${config.title}：${what}`, text: `${(error as Error).message}\n${config.locale === "en-US" ? "The site still shows the last good build." : "网站仍为上一次成功发布的版本。"}`, link: site || undefined };
    }
    if (!robots.length) console.log("opsbook scheduled-build: no group robot configured (OPSBOOK_FEISHU_WEBHOOK, OPSBOOK_DINGTALK_WEBHOOK, OPSBOOK_WECOM_WEBHOOK)");
    for (const r of await notify(robots, message)) {
      (r.ok ? console.log : console.error)(`opsbook scheduled-build: notify ${r.message}`);
    }
    return code;
  }
};
