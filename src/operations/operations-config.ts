import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Which stage vocabulary pages and exports use: 新客/活跃/沉默/流失, or 引入期/成长期/成熟期/休眠期/流失期. */
export type StageNaming = "classic" | "lifecycle";

/**
 * Lifecycle thresholds. Days are whole local days: a user active on the as-of day has 0 idle days.
 * Defaults follow the usual practice: silent from 8 idle days, churned beyond 30.
 */
export interface StageThresholds {
  naming: StageNaming;
  /** 新客 / 引入期: first seen in the last N days, the as-of day included (0 … N−1 days ago). */
  newDays: number;
  /** 沉默 / 休眠期 from this many idle days. */
  silentAfter: number;
  /** 流失 / 流失期 from this many idle days. */
  churnAfter: number;
  /** 成熟期 (lifecycle naming only): active users with at least this many paid orders. */
  matureOrders: number;
}

export interface FestivalSetting {
  name: string;
  start: string;
  end: string;
  type?: string;
}

export interface OperationsConfig {
  stages: StageThresholds;
  /** A recalled user counts as returned when active within this many days after the send. */
  recallWindowDays: number;
  /** Extra dates (brand days, platform festivals) added to the shipped calendar. */
  festivals: FestivalSetting[];
}

export const defaultStages: StageThresholds = { naming: "classic", newDays: 7, silentAfter: 8, churnAfter: 31, matureOrders: 2 };

/** Reads the operations settings of `opsbook.config.json`; every mistake names the file and field. */
export function loadOperationsConfig(root: string = process.env.OPSBOOK_ROOT ?? process.cwd()): OperationsConfig {
  const file = join(root, "opsbook.config.json");
  let user: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      user = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
    }
  }
  return parseOperationsConfig(user, file);
}

export function parseOperationsConfig(user: Record<string, unknown>, file = "opsbook.config.json"): OperationsConfig {
  const stages = parseStages(user.stages, file);
  const recall = (user.recall ?? {}) as Record<string, unknown>;
  const recallWindowDays = recall.windowDays === undefined ? 14 : positiveInt(recall.windowDays, `${file}: recall.windowDays`);
  const festivals = user.festivals === undefined ? [] : parseFestivals(user.festivals, file);
  return { stages, recallWindowDays, festivals };
}

export function parseStages(input: unknown, file = "opsbook.config.json"): StageThresholds {
  if (input === undefined) return { ...defaultStages };
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new Error(`${file}: stages must be an object`);
  const s = input as Record<string, unknown>;
  const naming = s.naming ?? defaultStages.naming;
  if (naming !== "classic" && naming !== "lifecycle") throw new Error(`${file}: stages.naming must be "classic" (新客/活跃/沉默/流失) or "lifecycle" (引入期…流失期), got ${JSON.stringify(naming)}`);
  const pick = (key: keyof StageThresholds) => (s[key] === undefined ? (defaultStages[key] as number) : positiveInt(s[key], `${file}: stages.${key}`));
  const stages = { naming, newDays: pick("newDays"), silentAfter: pick("silentAfter"), churnAfter: pick("churnAfter"), matureOrders: pick("matureOrders") } as StageThresholds;
  if (stages.churnAfter <= stages.silentAfter) throw new Error(`${file}: stages.churnAfter (${stages.churnAfter}) must be greater than stages.silentAfter (${stages.silentAfter})`);
  if (stages.newDays > stages.silentAfter) throw new Error(`${file}: stages.newDays (${stages.newDays}) must not exceed stages.silentAfter (${stages.silentAfter}): a new user cannot already be silent`);
  return stages;
}

function parseFestivals(input: unknown, file: string): FestivalSetting[] {
  if (!Array.isArray(input)) throw new Error(`${file}: festivals must be an array of {"name", "start", "end"}`);
  return input.map((f, i) => {
    const where = `${file}: festivals[${i}]`;
    if (typeof f !== "object" || f === null) throw new Error(`${where}: expected an object`);
    const { name, start, end = (f as FestivalSetting).start, type } = f as Partial<FestivalSetting>;
    if (typeof name !== "string" || !name.trim()) throw new Error(`${where}.name: expected a non-empty string`);
    for (const [key, value] of [["start", start], ["end", end]] as const) {
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new Error(`${where}.${key}: expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
    }
    if ((end as string) < (start as string)) throw new Error(`${where}.end: ${end} is before start ${start}`);
    return { name, start: start as string, end: end as string, ...(type ? { type: String(type) } : {}) };
  });
}

function positiveInt(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new Error(`${where}: expected a positive whole number of days, got ${JSON.stringify(value)}`);
  return value;
}
