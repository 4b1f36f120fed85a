import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { quoteLiteral } from "../ingest/parse-sql.ts";

/** A score range [min, max], both 1–5 inclusive. */
export type ScoreRange = [number, number];

export interface RfmTierRule {
  tier: string;
  /** Omitted = any score. */
  r?: ScoreRange;
  f?: ScoreRange;
  m?: ScoreRange;
}

export interface RfmRules {
  /** First matching rule wins; a customer matching none falls into the last tier. */
  tiers: RfmTierRule[];
  /** Only orders in the last N days count (null = all history up to the as-of date). */
  lookbackDays: number | null;
}

/**
 * Default tiers, by 1–5 quintile scores (5 = most recent / most orders / highest spend), first
 * match wins: 高价值 bought recently, often and a lot; 流失 are the least recent fifth whatever they
 * once spent; 潜力 bought recently (R ≥ 3) and not at the lowest spend; everyone else is 低活跃.
 * On the sample this gives 高价值 ≈ 19 % of customers with ≈ 47 % of revenue, 潜力 ≈ 31 %.
 */
export const defaultRfmRules: RfmRules = {
  tiers: [
    { tier: "高价值", r: [4, 5], f: [4, 5], m: [4, 5] },
    { tier: "流失", r: [1, 1] },
    { tier: "潜力", r: [3, 5], m: [2, 5] },
    { tier: "低活跃" }
  ],
  lookbackDays: null
};

function fail(field: string, message: string): never {
  throw new Error(`opsbook.config.json rfm.${field}: ${message}`);
}

/** Validates the "rfm" key of opsbook.config.json; errors name the offending field. */
export function parseRfmRules(input: unknown): RfmRules {
  if (input === undefined || input === null) return defaultRfmRules;
  if (typeof input !== "object" || Array.isArray(input)) fail("", "expected an object with \"tiers\" and/or \"lookbackDays\"");
  const raw = input as Record<string, unknown>;
  const lookbackDays = raw.lookbackDays ?? null;
  if (lookbackDays !== null && (!Number.isInteger(lookbackDays) || (lookbackDays as number) <= 0)) fail("lookbackDays", "expected a positive whole number of days or null");
  if (raw.tiers === undefined) return { tiers: defaultRfmRules.tiers, lookbackDays: lookbackDays as number | null };
  if (!Array.isArray(raw.tiers) || raw.tiers.length === 0) fail("tiers", "expected a non-empty array of rules");
  const tiers = raw.tiers.map((rule, i): RfmTierRule => {
    if (!rule || typeof rule !== "object") fail(`tiers[${i}]`, "expected an object like {\"tier\": \"高价值\", \"r\": [4, 5]}");
    const { tier, r, f, m, ...rest } = rule as Record<string, unknown>;
    if (typeof tier !== "string" || !tier.trim()) fail(`tiers[${i}].tier`, "expected a non-empty string");
    const extra = Object.keys(rest);
    if (extra.length) fail(`tiers[${i}].${extra[0]}`, "unknown field (expected tier, r, f, m)");
    const range = (name: string, v: unknown): ScoreRange | undefined => {
      if (v === undefined) return undefined;
      if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => Number.isInteger(x) && x >= 1 && x <= 5) || v[0] > v[1]) fail(`tiers[${i}].${name}`, "expected [min, max] with 1 ≤ min ≤ max ≤ 5");
      return [v[0], v[1]];
    };
    return { tier, r: range("r", r), f: range("f", f), m: range("m", m) };
  });
  return { tiers, lookbackDays: lookbackDays as number | null };
}

/** The "rfm" settings of the project's opsbook.config.json, or the defaults. */
export function loadRfmRules(root: string): RfmRules {
  const file = join(root, "opsbook.config.json");
  if (!existsSync(file)) return defaultRfmRules;
  return parseRfmRules((JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>).rfm);
}

/** The tier as a SQL CASE over r_score, f_score, m_score; ranges are validated integers. */
export function tierSql(rules: RfmRules): string {
  const fallback = rules.tiers[rules.tiers.length - 1].tier;
  const whens = rules.tiers.map(({ tier, ...ranges }) => {
    const conditions = (["r", "f", "m"] as const).flatMap((k) => (ranges[k] ? [`${k}_score between ${ranges[k]![0]} and ${ranges[k]![1]}`] : []));
    return `when ${conditions.length ? conditions.join(" and ") : "true"} then ${quoteLiteral(tier)}`;
  });
  return `case ${whens.join(" ")} else ${quoteLiteral(fallback)} end`;
}

/** Tier names in rule order, each once: the order the tier table is listed in. */
export function tierNames(rules: RfmRules): string[] {
  return [...new Set(rules.tiers.map((t) => t.tier))];
}
