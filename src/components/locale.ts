/** The languages a report can be written in; `opsbook.config.json`'s `locale` picks one per site. */
export type Locale = "zh-CN" | "en-US";

/**
 * The language of the page a component draws on. The build writes the configured locale on
 * `<html lang>`, so components need no locale argument from the page; outside a browser (tests,
 * data loaders) it is the default, zh-CN.
 */
export function pageLocale(): Locale {
  return typeof document !== "undefined" && document.documentElement?.lang?.startsWith("en") ? "en-US" : "zh-CN";
}

/** This page's entry of a strings table keyed by locale. */
export function localized<T>(table: Record<Locale, T>, locale: Locale = pageLocale()): T {
  return table[locale];
}
