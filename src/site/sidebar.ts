import type { SiteIndex } from "./site-index.ts";
import type { Strings } from "./strings.ts";

interface SidebarPage { name: string; path: string }
interface SidebarSection { name: string; open?: boolean; pages: SidebarPage[] }

/** The sidebar: generated reports newest first, then the analysis pages. */
export function sidebar(index: SiteIndex, t: Strings): (SidebarPage | SidebarSection)[] {
  const label = (name: string, partial: boolean) => `${name}${partial ? t.partialSuffix : ""}`;
  return [
    { name: t.weeklyReports, open: true, pages: index.weeks.map((w) => ({ name: label(w.week, w.partial), path: `/weekly/${w.week}` })) },
    { name: t.monthlyReports, open: false, pages: index.months.map((m) => ({ name: label(m.month, m.partial), path: `/monthly/${m.month}` })) },
    // Campaign names come from exports; Framework escapes sidebar names as text.
    { name: t.retros, open: false, pages: index.campaigns.map((c) => ({ name: c.name, path: `/retros/${c.slug}` })) },
    {
      name: t.analysis,
      open: true,
      pages: [
        { name: t.channels, path: "/channels" },
        { name: t.content, path: "/content" },
        { name: t.users, path: "/users" },
        { name: t.funnels, path: "/funnels" },
        { name: t.experiments, path: "/experiments" },
        { name: t.explore, path: "/explore" }
      ]
    }
  ];
}

/** Every generated page, for Framework's dynamicPaths. */
export function generatedPaths(index: SiteIndex): string[] {
  return [
    ...index.weeks.map((w) => `/weekly/${w.week}`),
    ...index.months.map((m) => `/monthly/${m.month}`),
    ...index.campaigns.map((c) => `/retros/${c.slug}`)
  ];
}
