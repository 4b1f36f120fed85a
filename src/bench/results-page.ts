import type { Locale } from "../config.ts";
import { formatMs, type CaseResult, type SideResult } from "./bench-result.ts";

/** Everything one `npm run bench` measured: written as JSON and rendered as an Opsbook page. */
export interface BenchReport {
  events: number;
  seed: number;
  repeats: number;
  date: string;
  machine: { cpus: number; memory_gib: number; node: string; platform: string };
  sample: { events: number; orders: number; users: number; days: number; start: string; end: string; sample_ms: number | null; ingest_ms: number | null; peak_rss_mb: number } | null;
  results: CaseResult[];
  /** How the run was made when that needs saying (e.g. two runs merged), in each language. */
  note?: Record<Locale, string>;
}

const zh = {
  title: "性能基准",
  intro: (r: BenchReport, sample: string) =>
    `${sample}；${r.machine.cpus} 核、${r.machine.memory_gib} GiB 内存，Node ${r.machine.node}，${r.date.slice(0, 16).replace("T", " ")} UTC。` +
    `时间为 ${r.repeats} 次运行的中位数（括号内为最小–最大）；比值 = Opsbook ÷ 基线，在同一次运行中测得，因此在共享机器上也可比较。峰值内存是每一侧在各自子进程中的峰值（含其子进程之和）。`,
  sample: (s: NonNullable<BenchReport["sample"]>) => `样例数据：${s.events.toLocaleString("en-US")} 条事件、${s.orders.toLocaleString("en-US")} 笔订单、${s.users.toLocaleString("en-US")} 位用户，${s.start} 至 ${s.end}`,
  requested: (n: number) => `样例数据：约 ${n.toLocaleString("en-US")} 条事件`,
  prep: (s: NonNullable<BenchReport["sample"]>) =>
    `本次运行${s.sample_ms === null ? "复用了缓存的样例数据" : `生成样例数据用时 ${formatMs(s.sample_ms)}`}，${s.ingest_ms === null ? "复用了缓存的数仓" : `导入数仓用时 ${formatMs(s.ingest_ms)}`}（准备阶段峰值内存 ${s.peak_rss_mb} MB）。`,
  cards: { ok: "达标", miss: "未达标", skipped: "跳过", error: "出错" },
  head: ["用例", "目标", "Opsbook", "基线", "基线时间", "比值", "峰值内存 Opsbook / 基线", "结果"],
  status: { ok: "✅ 达标", miss: "❌ 未达标", skipped: "⏭ 跳过", error: "⚠️ 出错" },
  reproduce: "复现",
  reproduceText: "在项目根目录运行（样例数据按规模与种子缓存在 `data/bench/samples/`，再次运行直接复用）："
};

const en: typeof zh = {
  title: "Benchmarks",
  intro: (r, sample) =>
    `${sample}; ${r.machine.cpus} cores, ${r.machine.memory_gib} GiB memory, Node ${r.machine.node}, ${r.date.slice(0, 16).replace("T", " ")} UTC. ` +
    `Times are medians of ${r.repeats} runs (min–max in brackets); ratio = Opsbook ÷ baseline, measured in the same run so it holds on a shared machine. Peak memory is each side's peak in its own child process (including its subprocesses).`,
  sample: (s) => `Sample data: ${s.events.toLocaleString("en-US")} events, ${s.orders.toLocaleString("en-US")} orders, ${s.users.toLocaleString("en-US")} users, ${s.start} to ${s.end}`,
  requested: (n) => `Sample data: about ${n.toLocaleString("en-US")} events`,
  prep: (s) =>
    `This run ${s.sample_ms === null ? "reused the cached sample" : `generated the sample in ${formatMs(s.sample_ms)}`} and ${s.ingest_ms === null ? "reused the cached warehouse" : `ingested it in ${formatMs(s.ingest_ms)}`} (preparation peak memory ${s.peak_rss_mb} MB).`,
  cards: { ok: "Met", miss: "Missed", skipped: "Skipped", error: "Errors" },
  head: ["Case", "Goal", "Opsbook", "Baseline", "Baseline time", "Ratio", "Peak memory Opsbook / baseline", "Result"],
  status: { ok: "✅ met", miss: "❌ missed", skipped: "⏭ skipped", error: "⚠️ error" },
  reproduce: "Reproduce",
  reproduceText: "From the project root (samples are cached by scale and seed in `data/bench/samples/` and reused):"
};

/**
 * Table cells are Markdown in a Framework page: a stray pipe or newline in a note must not break
 * the row, and "${" would start a live JavaScript expression.
 */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ").replace(/\$\{/g, () => "$&#123;");

const time = (side: SideResult | null) => (side ? `${formatMs(side.median_ms)} (${formatMs(side.min_ms)}–${formatMs(side.max_ms)})` : "—");

function extras(side: SideResult | null): string {
  if (!side?.metrics) return "";
  return " · " + Object.entries(side.metrics).map(([k, v]) => `${k} ${v}`).join(", ");
}

/** The result table as Markdown, shared by the page and the terminal. */
export function resultsTable(results: CaseResult[], locale: Locale = "zh-CN"): string {
  const t = locale === "en-US" ? en : zh;
  const rows = results.map((r) => {
    const memory = r.opsbook ? `${r.opsbook.peak_tree_rss_mb} MB / ${r.baseline ? `${r.baseline.peak_tree_rss_mb} MB` : "—"}` : "—";
    const result = t.status[r.status] + (r.miss_by ? `: ${r.miss_by}` : "") + (r.note ? ` (${r.note})` : "");
    return [r.case, r.goal, time(r.opsbook) + extras(r.opsbook), r.baseline_name ?? "—", time(r.baseline) + extras(r.baseline), r.ratio === null ? "—" : `${r.ratio}×`, memory, result];
  });
  return [t.head, t.head.map((_, i) => (i >= 2 && i <= 6 && i !== 3 ? "---:" : "---")), ...rows].map((cells) => `| ${cells.map(cell).join(" | ")} |`).join("\n");
}

/**
 * The benchmark report as a Framework page in both languages: each language's lines carry its
 * `zh-CN| ` / `en-US| ` mark (src/markdown/locale-lines.ts), so the site shows the one it is built in.
 */
export function resultsPage(report: BenchReport): string {
  const mark = (locale: Locale, text: string) => text.split("\n").map((line) => `${locale}| ${line}`).join("\n");
  return `---
title: ${zh.title}
en-US| title: ${en.title}
toc: false
---

${mark("zh-CN", pageBody(report, "zh-CN"))}
${mark("en-US", pageBody(report, "en-US"))}
`;
}

/** One language's page: headline cards, then the table, then how to rerun. */
function pageBody(report: BenchReport, locale: Locale): string {
  const t = locale === "en-US" ? en : zh;
  const count = (status: CaseResult["status"]) => report.results.filter((r) => r.status === status).length;
  const cards = (["ok", "miss", "skipped", "error"] as const)
    .map((s) => `  <div class="card"><h2>${t.cards[s]}</h2><span class="big">${count(s)}</span></div>`)
    .join("\n");
  const intro = t.intro(report, report.sample ? t.sample(report.sample) : t.requested(report.events)) + (report.note ? (locale === "en-US" ? " " : "") + report.note[locale] : "");
  return `# ${t.title}

${intro}

<div class="grid grid-cols-4">
${cards}
</div>

${resultsTable(report.results, locale)}

${report.sample ? t.prep(report.sample) : ""}

## ${t.reproduce}

${t.reproduceText}

\`\`\`sh
npm run bench -- --events ${report.events} --seed ${report.seed} --repeats ${report.repeats}
\`\`\``;
}
