import { html } from "htl";
import { dataTable, type TableRow } from "./data-table.js";
import { largestDropOff } from "./funnel-block.js";
import { formatDate, formatMoney, formatNumber, formatPercent, formatPoints, formatChange, formatValue, type Unit } from "./format.js";
import { kpiName } from "./kpi-names.js";
import { localized } from "./locale.js";
import { noData } from "./no-data.js";

/** The report sections' words; page headings are in the templates. */
const text = {
  "zh-CN": {
    to: "至",
    partial: (lastDay: string) => `本期进行中：数据截至 ${lastDay}，环比按完整上期计算`,
    dropOffLabel: "最大流失环节",
    conversion: "转化率",
    vsPrevious: "环比",
    overall: "总转化率",
    comma: "，",
    semicolon: "；",
    stop: "。",
    noMovers: "与上期相比没有可比较的变化。",
    up: "上升",
    down: "下降",
    good: "向好",
    bad: "需关注",
    open: "（",
    close: "）",
    channelHeader: { channel: "渠道", channel_group: "公域/私域", spend: "投放花费", new_customers: "新客", cac: "获客成本", revenue: "收入", roas: "ROAS", roi: "ROI", ltv: "LTV", payback_months: "回本月数" },
    groupType: "类型",
    groups: "公域 / 私域",
    channelGroups: {} as Record<string, string>,
    perChannel: "各渠道（首次触达归因）",
    contentHeader: { title: "标题", platform: "平台", type: "形式", views: "阅读/播放", interaction_rate: "互动率", followers_gained: "涨粉" },
    noNotes: (name: string) => html`<p class="muted">本期暂无点评。分析师可在 <code>reports/notes/${name}.md</code> 中撰写，重新构建后显示在此处。</p>`
  },
  "en-US": {
    to: "to",
    partial: (lastDay: string) => `In progress: data up to ${lastDay}; changes compare with the whole previous period`,
    dropOffLabel: "Largest drop-off",
    conversion: "conversion",
    vsPrevious: "vs prev.",
    overall: "overall conversion",
    comma: ", ",
    semicolon: "; ",
    stop: ".",
    noMovers: "Nothing comparable changed since the previous period.",
    up: "up",
    down: "down",
    good: "improving",
    bad: "watch",
    open: " (",
    close: ") ",
    channelHeader: { channel: "Channel", channel_group: "Public/private", spend: "Ad spend", new_customers: "New customers", cac: "CAC", revenue: "Revenue", roas: "ROAS", roi: "ROI", ltv: "LTV", payback_months: "Payback (months)" },
    groupType: "Type",
    groups: "Public / private domain",
    // 公域 / 私域 are Opsbook's grouping of channels, not vendor names.
    channelGroups: { 公域: "Public", 私域: "Private" } as Record<string, string>,
    perChannel: "By channel (first-touch attribution)",
    contentHeader: { title: "Title", platform: "Platform", type: "Format", views: "Views", interaction_rate: "Interaction rate", followers_gained: "Followers gained" },
    noNotes: (name: string) => html`<p class="muted">No commentary for this period yet. Analysts can write it in <code>reports/notes/${name}.md</code>; it appears here after the next build.</p>`
  }
};

interface Step { name: string; count: number; conversion_from_first: number | null; conversion_from_previous: number | null }

/** "2026年11月16日 周一 至 2026年11月22日 周日", with the partial-period warning. */
export function periodHeader({ start, end, partial, lastDay }: { start: string; end: string; partial: boolean; lastDay?: string | null }): HTMLElement {
  const t = localized(text);
  const last = new Date(Date.parse(`${end}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
  return html`<p class="period-header muted">${formatDate(start)} ${t.to} ${formatDate(last)}${t.open}Asia/Shanghai${t.close}${partial ? html`<span class="partial-badge">${t.partial(formatDate(lastDay ?? null))}</span>` : ""}</p>`;
}

/**
 * The funnel's weakest step in words, e.g. "流失最多：加入购物车→提交订单 转化率 4.1%，环比 −0.8pp",
 * plus the overall conversion against the previous period.
 */
export function dropOffSentence(current: Step[], previous: Step[] = []): HTMLElement {
  const worst = largestDropOff(current);
  if (!worst || current.length < 2) return noData();
  const before = previous.find((s, i) => i > 0 && s.name === worst.to && previous[i - 1].name === worst.from)?.conversion_from_previous ?? null;
  const overall = current[current.length - 1].conversion_from_first;
  const overallBefore = previous.length ? previous[previous.length - 1].conversion_from_first : null;
  const pp = (a: number | null, b: number | null) => (a == null || b == null ? null : a - b);
  const t = localized(text);
  return html`<div class="tip drop-off" label=${t.dropOffLabel}><strong>${worst.from}→${worst.to}</strong> ${t.conversion} ${formatPercent(worst.rate)}${t.comma}${t.vsPrevious} ${formatPoints(pp(worst.rate, before))}${t.semicolon}${current[0].name}→${current[current.length - 1].name} ${t.overall} ${formatPercent(overall)}${t.comma}${t.vsPrevious} ${formatPoints(pp(overall, overallBefore))}${t.stop}</div>`;
}

interface Mover { key?: string; label: string; unit: Unit; value: number | null; previous: number | null; change: number | null; downIsGood: boolean }

/** The KPIs that moved most since the previous period, as sentences. */
export function moversList(movers: Mover[]): HTMLElement {
  const t = localized(text);
  if (!movers.length) return html`<p class="muted">${t.noMovers}</p>`;
  return html`<ul class="movers">${movers.map((m) => {
    const up = (m.change ?? 0) > 0;
    const good = up !== m.downIsGood;
    return html`<li><strong>${kpiName(m)}</strong> ${up ? t.up : t.down} ${m.unit === "rate" ? formatPoints(m.change) : formatChange(m.change)}${t.open}${formatValue(m.previous, m.unit)} → ${formatValue(m.value, m.unit)}${t.close}<span class=${good ? "good" : "bad"}>${good ? t.good : t.bad}</span></li>`;
  })}</ul>`;
}

const money = (v: unknown) => formatMoney(v as number);
const ratio = (v: unknown) => (v == null ? "—" : (v as number).toFixed(2));
const channelFormat = { spend: money, cac: money, revenue: money, ltv: money, roas: ratio, roi: ratio };

/** Channels' acquisition and return: 公域 and 私域 totals, then each channel (first-touch attribution). */
export function channelSplit({ groups, channels }: { groups: TableRow[]; channels: TableRow[] }): HTMLElement {
  if (!channels.length) return html`<div class="card">${noData()}</div>`;
  const t = localized(text);
  const columns = ["channel", "channel_group", "new_customers", "spend", "cac", "revenue", "roi"];
  const group = (v: unknown) => (v == null ? "—" : t.channelGroups[String(v)] ?? String(v));
  return html`<div class="channel-split">
    <div class="card"><h2>${t.groups}</h2>${dataTable(groups, { columns: columns.filter((c) => c !== "channel_group"), header: { ...t.channelHeader, channel: t.groupType }, format: { ...channelFormat, channel: group }, filename: "channel-groups.csv" })}</div>
    <div class="card"><h2>${t.perChannel}</h2>${dataTable(channels, { columns, header: t.channelHeader, format: { ...channelFormat, channel_group: group }, filename: "channels.csv" })}</div>
  </div>`;
}

/** The content pieces with most views: title (as text), platform, views and interaction rate. */
export function contentTable(pieces: TableRow[], { filename = "content.csv" } = {}): HTMLElement {
  return dataTable(pieces, {
    columns: ["title", "platform", "type", "views", "interaction_rate", "followers_gained"],
    header: localized(text).contentHeader,
    format: { views: (v) => formatNumber(v as number), interaction_rate: (v) => formatPercent(v as number) },
    filename
  });
}

/** The analyst's note, already rendered from Markdown with raw HTML disabled at build time. */
export function notesBlock(notesHtml: string | null, name: string): HTMLElement {
  if (!notesHtml) return localized(text).noNotes(name);
  const div = html`<div class="card notes"></div>` as HTMLElement;
  // Notes are the analyst's own Markdown, rendered by markdown-it with html: false (no raw tags).
  div.innerHTML = notesHtml;
  return div;
}
