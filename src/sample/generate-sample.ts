import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { addDays, isoWeek, isoWeekday } from "../calendar.ts";
import { addBadRows } from "./bad-rows.ts";
import { CsvWriter } from "./csv-writer.ts";
import { TrafficReport } from "./traffic-report.ts";
import { writeXlsx, type SheetCell } from "./xlsx-writer.ts";
import { Random } from "./random.ts";
import { writeOperationsSample } from "../operations/sample-operations.ts";
import {
  campaignsBetween, channelQuality, channelWeights, costPerNewUser, dayFactor, platformWeights, products, regions,
  type Channel, type SampleCampaign
} from "./sample-world.ts";

export interface SampleOptions {
  outDir: string;
  users?: number;
  days?: number;
  seed?: number;
  /** Last day of data (inclusive), YYYY-MM-DD. Fixed by default so the sample is reproducible. */
  end?: string;
  /** Adds a few realistic bad rows (bad dates, ¥-5, ragged lines, an unknown status) to some files. */
  withErrors?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface SampleSummary {
  files: string[];
  events: number;
  orders: number;
  users: number;
  start: string;
  end: string;
}

export const sampleDefaults = { users: 4000, days: 183, seed: 20261119, end: "2026-11-19" };

interface SimUser {
  id: string;
  signupDay: number;
  channel: Channel;
  platform: string;
  region: string;
  /** Expected active days per week at signup. */
  engagement: number;
  /** Daily probability of leaving for good. */
  churn: number;
  churned: boolean;
  /**
   * How readily this user buys, and how much: a few loyal big spenders carry much of the revenue,
   * as in real shops (RFM's 高价值 tier: 10–20 % of customers, about half the revenue).
   */
  buyer: number;
  basket: number;
  variant?: "A" | "B";
}

const pad = (n: number) => String(n).padStart(2, "0");
const yuan = (n: number) => "¥" + n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Writes a realistic half year of a small shop's exports, in the formats the vendors use. */
export function generateSample(options: SampleOptions): SampleSummary {
  const users = options.users ?? sampleDefaults.users;
  const days = options.days ?? sampleDefaults.days;
  const end = options.end ?? sampleDefaults.end;
  const start = addDays(end, -(days - 1));
  const rng = new Random(options.seed ?? sampleDefaults.seed);
  const campaigns = campaignsBetween(start, end);
  mkdirSync(options.outDir, { recursive: true });
  const out = (name: string) => join(options.outDir, name);

  const population = simulateUsers(rng, users, days);
  assignExperiment(population, rng);
  const files: string[] = [];

  // 神策 exports one file per month; its reserved properties start with "$".
  const eventFiles = new Map<string, CsvWriter>();
  const eventFile = (date: string) => {
    const month = date.slice(0, 7);
    let w = eventFiles.get(month);
    if (!w) {
      // Days run in order: last month's file is complete, so its buffer can go.
      for (const done of eventFiles.values()) done.close();
      w = new CsvWriter(out(`神策_events_${month}.csv`), ["distinct_id", "event", "time", "$session_id", "$os", "$url", "$utm_source", "product", "ab_variant"]);
      eventFiles.set(month, w);
    }
    return w;
  };
  // The mini-program is tracked with GrowingIO: epoch-millisecond times, its own column names.
  const gioFiles = new Map<string, CsvWriter>();
  const gioFile = (date: string) => {
    const month = date.slice(0, 7);
    let w = gioFiles.get(month);
    if (!w) {
      for (const done of gioFiles.values()) done.close();
      w = new CsvWriter(out(`GrowingIO_小程序_events_${month}.csv`), ["event_key", "user_id", "anonymous_user", "event_time", "session_id", "platform", "path", "utm_source", "product", "ab_variant"]);
      gioFiles.set(month, w);
    }
    return w;
  };
  const traffic = new TrafficReport(out("百度统计_入口页面.csv"));
  // The shop back end exports orders from Excel-era tooling: GB18030 with Chinese headers.
  const orders = new CsvWriter(out("订单导出_全部.csv"), ["订单号", "用户ID", "下单时间", "支付时间", "实付金额", "订单状态", "渠道", "活动ID"], "gb18030");
  const newUsersByDayChannel = new Map<string, number>();
  // Targets need weekly UV: one week's visitor set is held at a time, so memory stays flat at scale.
  const weekly = new Map<string, PeriodStats>();
  const monthly = new Map<string, PeriodStats>();
  const campaignActuals = new Map<string, PeriodStats>();
  let weekUsers = new Set<string>();
  let currentWeek = "";
  let events = 0;
  let orderSeq = 0;

  for (let day = 0; day < days; day++) {
    const date = addDays(start, day);
    const weekday = isoWeekday(date);
    const { factor, campaign } = dayFactor(date, weekday, campaigns);
    const week = isoWeek(date);
    if (week !== currentWeek) {
      currentWeek = week;
      weekUsers = new Set<string>();
    }
    const stats = periodStats(weekly, week);
    const month = periodStats(monthly, date.slice(0, 7));
    const sensors = eventFile(date);
    for (const user of population) {
      if (user.signupDay > day || user.churned) continue;
      const isNew = user.signupDay === day;
      if (isNew) {
        const key = `${date}|${user.channel}`;
        newUsersByDayChannel.set(key, (newUsersByDayChannel.get(key) ?? 0) + 1);
      } else {
        if (rng.chance(user.churn)) { user.churned = true; continue; }
        const age = day - user.signupDay;
        const p = Math.min(0.95, (user.engagement / 7) * factor * (age < 7 ? 1.4 : age < 30 ? 1 : 0.75));
        if (!rng.chance(p)) continue;
      }
      if (!weekUsers.has(user.id)) {
        weekUsers.add(user.id);
        stats.uv++;
      }
      const sessions = rng.chance(0.25) ? 2 : 1;
      const gio = user.platform === "miniprogram";
      const writer = gio ? gioFile(date) : sensors;
      for (let s = 0; s < sessions; s++) {
        let t = sessionStart(rng, date);
        const sessionId = `${user.id}-${day}-${s}`;
        const first = t + 5;
        let landing = "";
        let pageViews = 0;
        const emit = (event: string, url: string, product = "") => {
          t += rng.int(5, 140);
          if (gio) writer.write([event, user.id, `dev-${user.id}`, epochMs(date, t), sessionId, "MinP", url, user.channel, product, user.variant ?? ""]);
          else writer.write([user.id, event, timestamp(date, t), sessionId, user.platform, url, user.channel, product, user.variant ?? ""]);
          landing ||= url;
          pageViews++;
          events++;
        };
        // The web site is also measured by 百度统计, which sees visits rather than events.
        const endVisit = () => {
          if (user.platform === "web") traffic.visit({ channel: user.channel, landing, user: user.id, pages: pageViews, seconds: Math.min(t, 86399) - first });
        };
        if (isNew && s === 0) emit("注册", "/signup");
        const pages = 1 + Math.floor(rng.exponential(2.2));
        for (let i = 0; i < pages; i++) emit("浏览页面", rng.pick(["/", "/category", "/search", "/activity"]));
        // Drop-offs as 电商 funnels show them: most visits browse and leave; a few percent of the
        // week's visitors end up paying (2–8 %); campaigns bring more visits, not better ones.
        const quality = channelQuality[user.channel];
        if (!rng.chance(0.55)) { endVisit(); continue; }
        const product = rng.pick(products);
        emit("浏览商品", `/item/${product}`, product);
        const cartRate = Math.min(0.9, 0.085 * quality * user.buyer) * (user.variant === "B" ? 1.12 : 1);
        if (!rng.chance(cartRate)) { endVisit(); continue; }
        emit("加入购物车", "/cart", product);
        if (!rng.chance(Math.min(0.9, 0.27 * quality * Math.sqrt(user.buyer)))) { endVisit(); continue; }
        emit("提交订单", "/checkout", product);
        const paid = rng.chance(0.86);
        const amount = Math.round(rng.logNormal((campaign ? 210 : 160) * user.basket, 0.4) * 100) / 100;
        const placed = timestamp(date, t);
        orderSeq++;
        const orderId = `DD${date.replace(/-/g, "")}${String(orderSeq).padStart(7, "0")}`;
        if (paid) {
          emit("支付成功", "/pay/success", product);
          const refunded = rng.chance(campaign ? 0.08 : 0.05);
          orders.write([orderId, user.id, placed, timestamp(date, t), yuan(amount), refunded ? "已退款" : "已支付", user.channel, campaign?.campaign_id ?? ""]);
          if (!refunded) {
            stats.gmv += amount; stats.orders++; month.gmv += amount; month.orders++;
            if (campaign) { const c = periodStats(campaignActuals, campaign.campaign_id); c.gmv += amount; c.orders++; }
          }
        } else {
          orders.write([orderId, user.id, placed, "", yuan(amount), rng.chance(0.7) ? "已取消" : "待支付", user.channel, campaign?.campaign_id ?? ""]);
        }
        endVisit();
      }
    }
    traffic.endDay(date);
    options.onProgress?.(day + 1, days);
  }
  if (options.withErrors) addBadRows({ orders, events: [...eventFiles.values()].at(-1)!, end });
  for (const w of [...eventFiles.values(), ...gioFiles.values()]) { w.close(); files.push(w.path); }
  orders.close();
  files.push(orders.path);
  traffic.close();
  files.push(traffic.path);

  files.push(writeUsers(out, population, start));
  files.push(...writeSpend(out, rng, start, days, campaigns, newUsersByDayChannel, options.withErrors ?? false));
  files.push(...writeContent(out, rng, start, days));
  files.push(writeCampaigns(out, rng, campaigns, campaignActuals, population.map((u) => addDays(start, u.signupDay))));
  files.push(writeTargets(out, rng, weekly, monthly));
  files.push(writeExperiments(out, population, start));
  files.push(...writeOperationsSample({ outDir: options.outDir, users, start, end, seed: options.seed ?? sampleDefaults.seed }));
  return { files, events, orders: orders.rows, users: population.length, start, end };
}

function simulateUsers(rng: Random, count: number, days: number): SimUser[] {
  const users: SimUser[] = [];
  for (let i = 0; i < count; i++) {
    // A third were customers before the window opened; the rest arrive through it.
    const existing = rng.chance(0.33);
    const channel = rng.weighted(channelWeights);
    const quality = channelQuality[channel];
    users.push({
      id: `u${String(i + 1).padStart(7, "0")}`,
      signupDay: existing ? 0 : rng.int(0, days - 1),
      channel,
      platform: rng.weighted(platformWeights),
      region: rng.pick(regions),
      engagement: Math.min(6, rng.exponential(0.9) * quality + 0.15),
      churn: 0.012 / quality,
      churned: false,
      // Log-normal with mean 1 (e^(σ²/2) = 1.649 for σ = 1): overall conversion is about unchanged.
      buyer: rng.logNormal(1, 1) / 1.649,
      basket: rng.logNormal(1, 0.9)
    });
  }
  users.sort((a, b) => a.signupDay - b.signupDay || a.id.localeCompare(b.id));
  return users;
}

/** Seconds after midnight: lunch and evening peaks, as app traffic in China shows. */
function sessionStart(rng: Random, _date: string): number {
  const hour = rng.weighted({ 8: 3, 9: 4, 10: 5, 11: 6, 12: 8, 13: 6, 14: 4, 15: 4, 16: 4, 17: 5, 18: 6, 19: 8, 20: 10, 21: 11, 22: 8, 23: 4, 0: 2, 7: 2 } as Record<string, number>);
  return Number(hour) * 3600 + rng.int(0, 3000);
}

interface PeriodStats {
  gmv: number;
  orders: number;
  uv: number;
}

function periodStats(map: Map<string, PeriodStats>, key: string): PeriodStats {
  let stats = map.get(key);
  if (!stats) map.set(key, (stats = { gmv: 0, orders: 0, uv: 0 }));
  return stats;
}

/** GrowingIO stores instants as epoch milliseconds; the sample's clock is Shanghai time (UTC+8). */
function epochMs(date: string, seconds: number): number {
  return Date.parse(`${date}T00:00:00+08:00`) + Math.min(Math.floor(seconds), 86399) * 1000;
}

function timestamp(date: string, seconds: number): string {
  // A session running past midnight stays on its day: keeps daily files and days aligned.
  const s = Math.min(Math.floor(seconds), 86399);
  return `${date} ${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

function writeUsers(out: (n: string) => string, population: SimUser[], start: string): string {
  // CRM list, saved from Excel with a BOM.
  const w = new CsvWriter(out("CRM_用户列表.csv"), ["用户ID", "注册时间", "注册渠道", "城市", "设备"], "utf8-bom");
  for (const u of population) w.write([u.id, `${addDays(start, u.signupDay)} 09:00:00`, u.channel, u.region, u.platform]);
  w.close();
  return w.path;
}

function writeSpend(out: (n: string) => string, rng: Random, start: string, days: number, campaigns: SampleCampaign[], newUsers: Map<string, number>, withErrors: boolean): string[] {
  // 巨量引擎 (抖音) and 腾讯广告 have their own report layouts (腾讯广告 downloads as XLSX); the other
  // platforms' reports were mapped to canonical columns.
  const tencent: SheetCell[][] = [["日期", "推广计划", "曝光次数", "点击次数", "花费", "目标转化量"]];
  const ocean = new CsvWriter(out("巨量引擎_投放报表.csv"), ["日期", "广告计划", "展示数", "点击数", "消耗", "转化数"]);
  const other = new CsvWriter(out("spend_other_channels.csv"), ["date", "channel", "campaign_id", "impressions", "clicks", "cost", "conversions"]);
  for (let day = 0; day < days; day++) {
    const date = addDays(start, day);
    const campaign = campaigns.find((c) => date >= c.start_date && date <= c.end_date);
    for (const [channel, cac] of Object.entries(costPerNewUser) as [Channel, number][]) {
      const acquired = newUsers.get(`${date}|${channel}`) ?? 0;
      // 知乎 is bought in bursts: some days have no spend at all.
      if (channel === "知乎" && acquired === 0) continue;
      const cost = Math.round(acquired * cac * (0.8 + rng.next() * 0.4) * 100) / 100 + (campaign ? 200 : 0);
      const impressions = Math.round(cost * (60 + rng.next() * 40));
      const clicks = Math.round(impressions * (0.012 + rng.next() * 0.01));
      if (channel === "抖音") ocean.write([date, campaign ? campaign.campaign_id : "日常拉新", impressions, clicks, cost.toFixed(2), acquired]);
      else if (channel === "腾讯广告") tencent.push([date, campaign?.campaign_id ?? "", impressions, clicks, Math.round(cost * 100) / 100, acquired]);
      else other.write([date, channel, campaign?.campaign_id ?? "", impressions, clicks, cost.toFixed(2), acquired]);
    }
  }
  // A refund booked as negative spend, and a cell the console left as a dash.
  if (withErrors) {
    ocean.write([addDays(start, days - 1), "返点冲减", 0, 0, "¥-5.00", 0]);
    ocean.write([addDays(start, days - 1), "日常拉新", "—", 10, "—", 0]);
  }
  ocean.close();
  other.close();
  const xlsx = out("腾讯广告_投放报表.xlsx");
  writeXlsx(xlsx, "报表", tencent);
  return [ocean.path, other.path, xlsx];
}

const headlines = ["秋冬护肤指南", "办公室好物清单", "一周咖啡手冲教程", "通勤耳机横评", "瑜伽入门 7 天计划", "双11 攻略", "618 必买榜", "新品上市", "用户故事", "周末露营装备"];

function writeContent(out: (n: string) => string, rng: Random, start: string, days: number): string[] {
  const w = new CsvWriter(out("content_stats.csv"), ["date", "platform", "content_id", "title", "type", "views", "likes", "shares", "comments", "saves", "followers_gained"]);
  // 公众号 后台's 图文分析 download: Chinese headers, the title as the only identifier, BOM for Excel.
  const mp = new CsvWriter(out("公众号_图文分析.csv"), ["日期", "标题", "阅读次数", "分享次数", "点赞人数", "留言次数", "收藏次数", "阅读后关注人数"], "utf8-bom");
  const platforms = [
    { platform: "公众号", type: "图文", perWeek: 3, reach: 2400 },
    { platform: "小红书", type: "图文", perWeek: 2, reach: 5200 },
    { platform: "抖音", type: "视频", perWeek: 2, reach: 14000 }
  ];
  let seq = 0;
  for (let day = 0; day < days; day++) {
    const date = addDays(start, day);
    for (const p of platforms) {
      if (!rng.chance(p.perWeek / 7)) continue;
      seq++;
      const id = `${p.platform === "公众号" ? "mp" : p.platform === "小红书" ? "xhs" : "dy"}-${String(seq).padStart(5, "0")}`;
      const title = `${rng.pick(headlines)}｜第${seq}期`;
      const hit = rng.chance(0.08) ? 6 : 1; // the occasional 爆款
      for (let age = 0; age < 7 && day + age < days; age++) {
        const views = Math.round((p.reach * hit * rng.logNormal(1, 0.4)) / (age + 1) ** 1.6);
        const likes = Math.round(views * 0.035 * rng.logNormal(1, 0.3));
        const shares = Math.round(views * 0.012 * rng.logNormal(1, 0.3));
        const comments = Math.round(views * 0.004 * rng.logNormal(1, 0.3));
        const saves = Math.round(views * 0.018 * rng.logNormal(1, 0.3));
        const followers = Math.round(views * 0.006 * rng.logNormal(1, 0.3));
        if (p.platform === "公众号") mp.write([addDays(date, age), title, views, shares, likes, comments, saves, followers]);
        else w.write([addDays(date, age), p.platform, id, title, p.type, views, likes, shares, comments, saves, followers]);
      }
    }
  }
  w.close();
  mp.close();
  return [w.path, mp.path];
}

/** Campaign targets are set like the weekly ones: what the campaign then did, times an ambition that is sometimes missed. */
function writeCampaigns(out: (n: string) => string, rng: Random, campaigns: SampleCampaign[], actuals: Map<string, PeriodStats>, signups: string[]): string {
  const w = new CsvWriter(out("campaigns.csv"), ["campaign_id", "name", "type", "start_date", "end_date", "budget", "targets"]);
  const ambition = () => 0.9 + rng.next() * 0.3;
  for (const c of campaigns) {
    const actual = actuals.get(c.campaign_id) ?? { gmv: 0, orders: 0, uv: 0 };
    const newUsers = signups.filter((d) => d >= c.start_date && d <= c.end_date).length;
    const targets = { gmv: Math.round((actual.gmv * ambition()) / 100) * 100, orders: Math.round(actual.orders * ambition()), new_users: Math.round(newUsers * ambition()) };
    // A budget of about a quarter of the GMV target, as promotion plans usually are.
    w.write([c.campaign_id, c.name, c.type, c.start_date, c.end_date, Math.round((targets.gmv * 0.25) / 1000) * 1000, JSON.stringify(targets)]);
  }
  w.close();
  return w.path;
}

/** Targets are set the way planners do: last period's actuals plus an ambition that is sometimes missed. */
function writeTargets(out: (n: string) => string, rng: Random, weeks: Map<string, PeriodStats>, months: Map<string, PeriodStats>): string {
  const w = new CsvWriter(out("targets.csv"), ["metric", "period", "value"]);
  const ambition = () => 0.92 + rng.next() * 0.2;
  for (const [week, wk] of weeks) {
    w.write(["gmv", week, Math.round(wk.gmv * ambition() / 100) * 100]);
    w.write(["orders", week, Math.round(wk.orders * ambition())]);
    w.write(["uv", week, Math.round(wk.uv * ambition())]);
  }
  for (const [month, m] of months) w.write(["gmv", month, Math.round(m.gmv * ambition() / 1000) * 1000]);
  w.close();
  return w.path;
}

function writeExperiments(out: (n: string) => string, population: SimUser[], start: string): string {
  // The product-detail redesign ran on users arriving in the sample's second month.
  const w = new CsvWriter(out("experiments.csv"), ["experiment", "variant", "user_id", "assigned_at", "intended_share"]);
  for (const u of population) {
    if (!u.variant) continue;
    w.write(["详情页改版", u.variant, u.id, `${addDays(start, u.signupDay)} 09:00:00`, 0.5]);
  }
  w.close();
  return w.path;
}

function assignExperiment(population: SimUser[], rng: Random): void {
  for (const u of population) if (u.signupDay >= 30 && u.signupDay < 90) u.variant = rng.chance(0.5) ? "A" : "B";
}
