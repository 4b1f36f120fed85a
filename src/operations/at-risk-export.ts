import type { DuckDBConnection } from "@duckdb/node-api";
import type { Locale } from "../config.ts";
import { atRiskUsers, type AtRiskOptions } from "../metrics/at-risk-users.ts";
import { queryRows } from "../warehouse/query-rows.ts";
import type { StageThresholds } from "./operations-config.ts";
import { stageLabel } from "./stage-labels.ts";
import { writeTableFile, type TableColumn } from "./write-table-file.ts";

export interface AtRiskRow {
  user_id: string;
  stage: string;
  last_active: string;
  idle_days: number;
  rfm_tier: string;
  channel: string | null;
  region: string | null;
  paid_orders: number;
  value: number;
}

export async function loadAtRisk(connection: DuckDBConnection, options: AtRiskOptions, stages: StageThresholds): Promise<AtRiskRow[]> {
  return (await queryRows(connection, atRiskUsers(options, stages))) as unknown as AtRiskRow[];
}

/** The recall list as an operator hands it to the SMS / coupon / 企业微信 tool: one user per row. */
export function atRiskColumns(stages: StageThresholds, locale: Locale): TableColumn<AtRiskRow>[] {
  const zh = locale === "zh-CN";
  return [
    { header: zh ? "用户ID" : "User ID", value: (r) => r.user_id, width: 16 },
    { header: zh ? "生命周期阶段" : "Stage", value: (r) => stageLabel(r.stage, stages.naming, locale) },
    { header: zh ? "最近活跃日期" : "Last active", value: (r) => r.last_active },
    { header: zh ? "未活跃天数" : "Idle days", value: (r) => r.idle_days },
    { header: zh ? "RFM分层" : "RFM tier", value: (r) => r.rfm_tier },
    { header: zh ? "获客渠道" : "Channel", value: (r) => r.channel },
    { header: zh ? "地区" : "Region", value: (r) => r.region },
    { header: zh ? "累计支付订单" : "Paid orders", value: (r) => r.paid_orders },
    { header: zh ? "累计支付金额（元）" : "Paid amount (CNY)", value: (r) => r.value, numFmt: "#,##0.00", width: 18 }
  ];
}

export async function exportAtRisk(connection: DuckDBConnection, file: string, options: AtRiskOptions, stages: StageThresholds, locale: Locale): Promise<number> {
  const rows = await loadAtRisk(connection, options, stages);
  await writeTableFile(file, rows, atRiskColumns(stages, locale), { sheetName: locale === "zh-CN" ? "流失预警名单" : "At-risk users" });
  return rows.length;
}
