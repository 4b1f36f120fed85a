import { existsSync, readFileSync } from "node:fs";
import type { Locale } from "../config.ts";
import { kpiMovers, type KpiMove } from "../components/kpi-movers.ts";
import type { SiteIndex } from "../site/site-index.ts";
import type { Restatement } from "../snapshots/weekly-snapshot.ts";
import { headlineRows } from "../snapshots/headline-rows.ts";
import { cachedOutputPath } from "./loader-cache.ts";

/** What changed in the new report: written as dist/build-summary.json and .txt, and posted to the group robots. */
export interface BuildSummary {
  title: string;
  week: string | null;
  start: string | null;
  end: string | null;
  /** The week's data stops before its Sunday. */
  partial: boolean;
  movers: KpiMove[];
  restatementsPending: Restatement[];
  restatementsApplied: Restatement[];
}

/**
 * The newest complete week (the Monday report), or the newest week when none is complete, read from
 * the loader output the page itself shows.
 */
export function buildSummary(frameworkRoot: string, index: SiteIndex, opts: { title: string; locale: Locale; pending: Restatement[]; applied: Restatement[] }): BuildSummary {
  const page = index.weeks.find((w) => !w.partial) ?? index.weeks[0];
  const empty: BuildSummary = { title: opts.title, week: null, start: null, end: null, partial: false, movers: [], restatementsPending: opts.pending, restatementsApplied: opts.applied };
  if (!page) return empty;
  const file = cachedOutputPath(frameworkRoot, `data/weekly-${page.week}.json`);
  if (!existsSync(file)) return { ...empty, week: page.week, start: page.start, end: page.end, partial: page.partial };
  const { current, previous } = headlineRows(JSON.parse(readFileSync(file, "utf8"))) ?? { current: {}, previous: {} };
  return { ...empty, week: page.week, start: page.start, end: page.end, partial: page.partial, movers: kpiMovers(current, previous, { locale: opts.locale }) };
}

export function summaryText(s: BuildSummary, locale: Locale, link?: string): string {
  const en = locale === "en-US";
  const lines: string[] = [];
  if (!s.week) lines.push(en ? `${s.title}: no data yet` : `${s.title}：暂无数据`);
  else {
    lines.push(en ? `${s.title} · ${s.week} (${s.start} – ${s.end})${s.partial ? " · in progress" : ""}` : `${s.title} · ${s.week}（${s.start} 至 ${s.end}）${s.partial ? " · 本周进行中" : ""}`);
    lines.push(en ? "Biggest moves vs the previous week:" : "环比变化最大：");
    for (const m of s.movers) lines.push(`- ${m.text}`);
  }
  for (const r of s.restatementsPending) {
    lines.push(en ? `Late data would restate closed week ${r.week} (not applied; run opsbook build --restate ${r.week}):` : `已关闭的 ${r.week} 收到迟到数据，需重述（未应用；执行 opsbook build --restate ${r.week}）：`);
    for (const c of r.changes) lines.push(`  ${c.metric}: ${c.old ?? "—"} → ${c.new ?? "—"}`);
  }
  for (const r of s.restatementsApplied) lines.push(en ? `Restated ${r.week}: ${r.changes.map((c) => `${c.metric} ${c.old} → ${c.new}`).join(", ")}` : `已重述 ${r.week}：${r.changes.map((c) => `${c.metric} ${c.old} → ${c.new}`).join("，")}`);
  if (link) lines.push(link);
  return lines.join("\n");
}
