import type { Locale } from "../config.ts";
import type { SiteIndex } from "./site-index.ts";

const zh = { users: "用户运营", churn: "流失预警", profile: "用户画像", nps: "NPS 满意度", campaigns: "活动运营", calendar: "活动日历", live: "实时" };
const en: typeof zh = { users: "User operations", churn: "Churn warning", profile: "User profile", nps: "NPS", campaigns: "Campaign operations", calendar: "Campaign calendar", live: "Live" };

/**
 * Sidebar sections of the user- and campaign-operations pages. Live pages are listed for the most
 * recent campaigns (the running one first in practice); every campaign has one at /live/<slug>.
 */
export function operationsSidebar(index: SiteIndex, locale: Locale) {
  const t = locale === "en-US" ? en : zh;
  return [
    { name: t.users, open: true, pages: [{ name: t.churn, path: "/churn" }, { name: t.profile, path: "/profile" }, { name: t.nps, path: "/nps" }] },
    {
      name: t.campaigns,
      open: true,
      pages: [{ name: t.calendar, path: "/calendar" }, ...index.campaigns.slice(0, 3).map((c) => ({ name: `${t.live} · ${c.name}`, path: `/live/${c.slug}` }))]
    }
  ];
}

export function operationsPaths(index: SiteIndex): string[] {
  return index.campaigns.map((c) => `/live/${c.slug}`);
}
