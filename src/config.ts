import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export type Locale = "zh-CN" | "en-US";

/** Settings an analyst may change in `opsbook.config.json` at the project root. */
export interface OpsbookConfig {
  /** Project root: where data/, reports/ and dist/ live. */
  root: string;
  /** Zone for naive timestamps and calendar periods (days, ISO weeks, months). */
  timezone: string;
  locale: Locale;
  /** Chinese reports colour a rise red and a fall green; Western ones the opposite. */
  upColor: "red" | "green";
  exportsDir: string;
  dbPath: string;
  distDir: string;
  title: string;
}

const defaults = {
  timezone: "Asia/Shanghai",
  locale: "zh-CN" as Locale,
  upColor: "red" as const,
  title: "Opsbook 运营报告",
  titleEn: "Opsbook reports"
};

export function loadConfig(root: string = process.env.OPSBOOK_ROOT ?? process.cwd()): OpsbookConfig {
  root = resolve(root);
  const file = join(root, "opsbook.config.json");
  let user: Partial<OpsbookConfig> = {};
  if (existsSync(file)) {
    try {
      user = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
    }
  }
  const locale = (process.env.OPSBOOK_LOCALE ?? user.locale ?? defaults.locale) as Locale;
  if (locale !== "zh-CN" && locale !== "en-US") throw new Error(`${file}: locale must be "zh-CN" or "en-US", got ${JSON.stringify(locale)}`);
  return {
    root,
    timezone: process.env.OPSBOOK_TIMEZONE ?? user.timezone ?? defaults.timezone,
    locale,
    upColor: user.upColor ?? defaults.upColor,
    title: user.title ?? (locale === "en-US" ? defaults.titleEn : defaults.title),
    exportsDir: resolve(root, process.env.OPSBOOK_EXPORTS ?? user.exportsDir ?? "data/exports"),
    dbPath: resolve(root, process.env.OPSBOOK_DB ?? user.dbPath ?? "data/ops.duckdb"),
    distDir: resolve(root, process.env.OPSBOOK_DIST ?? user.distDir ?? "dist")
  };
}
