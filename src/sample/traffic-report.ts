import { CsvWriter } from "./csv-writer.ts";

interface Visit {
  channel: string;
  landing: string;
  user: string;
  pages: number;
  seconds: number;
}

const hms = (s: number) => [Math.floor(s / 3600), Math.floor((s % 3600) / 60), Math.round(s % 60)].map((n) => String(n).padStart(2, "0")).join(":");

/**
 * 百度统计's 入口页面 report for the web site, one row per day, source and landing page, in the
 * console's own formats: 2026/11/18, "45.20%", "00:02:35", GB18030 like every 百度统计 download.
 * Only one day of visits is held at a time.
 */
export class TrafficReport {
  private writer: CsvWriter;
  private visits: Visit[] = [];

  constructor(path: string) {
    this.writer = new CsvWriter(path, ["日期", "来源", "入口页面", "浏览量(PV)", "访客数(UV)", "访问次数", "跳出率", "平均访问时长"], "gb18030");
  }

  get path(): string {
    return this.writer.path;
  }

  visit(v: Visit): void {
    this.visits.push(v);
  }

  endDay(date: string): void {
    const groups = new Map<string, Visit[]>();
    for (const v of this.visits) {
      const key = `${v.channel}\t${v.landing}`;
      groups.set(key, [...(groups.get(key) ?? []), v]);
    }
    for (const [key, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      const [channel, landing] = key.split("\t");
      const pv = list.reduce((s, v) => s + v.pages, 0);
      const bounces = list.filter((v) => v.pages === 1).length;
      const seconds = list.reduce((s, v) => s + v.seconds, 0) / list.length;
      this.writer.write([date.replace(/-/g, "/"), channel, `https://shop.example.com${landing}`, pv, new Set(list.map((v) => v.user)).size, list.length,
        `${((bounces / list.length) * 100).toFixed(2)}%`, hms(seconds)]);
    }
    this.visits = [];
  }

  close(): void {
    this.writer.close();
  }
}
