import { addDays } from "../calendar.ts";

/** The fictional shop the sample describes: channels, campaigns and their effects. */
export const channelWeights = {
  抖音: 23, 小红书: 14, 百度搜索: 13, 知乎: 6, 腾讯广告: 6, 自然流量: 8, 企业微信: 11, 公众号: 11, 社群: 8
} as const;
export type Channel = keyof typeof channelWeights;

/** Yuan per acquired user on paid public channels; private channels cost (almost) nothing. */
export const costPerNewUser: Partial<Record<Channel, number>> = { 抖音: 42, 小红书: 58, 百度搜索: 33, 知乎: 50, 腾讯广告: 46 };
/** Private-domain users are fewer but convert and return more. */
export const channelQuality: Record<Channel, number> = {
  抖音: 0.8, 小红书: 1.0, 百度搜索: 1.1, 知乎: 0.9, 腾讯广告: 0.85, 自然流量: 1.0, 企业微信: 1.6, 公众号: 1.3, 社群: 1.5
};
export const platformWeights = { android: 45, ios: 35, miniprogram: 15, web: 5 } as const;
export const regions = ["上海", "北京", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆", "苏州", "长沙"] as const;
export const products = ["保温杯", "蓝牙耳机", "护手霜", "咖啡豆", "瑜伽垫", "帆布包", "香薰蜡烛", "运动水壶", "洗面奶", "手机支架"] as const;

export interface SampleCampaign {
  campaign_id: string;
  name: string;
  type: string;
  start_date: string;
  end_date: string;
  /** Multiplies traffic and conversion on campaign days. */
  lift: number;
}

/** The shopping-festival calendar every Chinese shop plans around, for the years the sample spans. */
export function campaignsBetween(start: string, end: string): SampleCampaign[] {
  const years = new Set([start.slice(0, 4), end.slice(0, 4)]);
  const all: SampleCampaign[] = [];
  for (const y of years) {
    all.push(
      { campaign_id: `618-${y}`, name: `${y} 618年中大促`, type: "大促", start_date: `${y}-06-01`, end_date: `${y}-06-18`, lift: 1.9 },
      { campaign_id: `brand-day-${y}`, name: `${y} 品牌日`, type: "品牌日", start_date: `${y}-08-16`, end_date: `${y}-08-18`, lift: 1.6 },
      { campaign_id: `double11-${y}`, name: `${y} 双11全球狂欢节`, type: "大促", start_date: `${y}-10-20`, end_date: `${y}-11-11`, lift: 2.2 }
    );
  }
  return all.filter((c) => c.end_date >= start && c.start_date <= end);
}

/** Traffic multiplier for a day: weekends are busier, campaign peaks (the last days) busiest. */
export function dayFactor(date: string, weekday: number, campaigns: SampleCampaign[]): { factor: number; campaign?: SampleCampaign } {
  let factor = weekday >= 6 ? 1.25 : weekday === 5 ? 1.1 : 1;
  for (const c of campaigns) {
    if (date >= c.start_date && date <= c.end_date) {
      const peak = date >= addDays(c.end_date, -2);
      return { factor: factor * (peak ? c.lift * 1.6 : c.lift), campaign: c };
    }
  }
  return { factor };
}
