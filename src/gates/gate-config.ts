import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Gates of one table; a missing number turns that gate off. */
export interface TableGates {
  /** The newest row may be at most this many hours old (relative to --now or the clock). */
  freshnessHours?: number;
  /** The newest day's rows may fall at most this many percent below the trailing median. */
  volumeDropPercent?: number;
  /** Days before the newest one that make the trailing median. */
  trailingDays?: number;
  /** Below this trailing median the volume gate is skipped: a handful of rows a day is noise. */
  minMedianRows?: number;
  /** Rejected rows as a share of the rows read, in files loaded since the last published build. */
  maxRejectedPercent?: number;
  /** A column's share of empty values on the newest day may rise at most this many points (a renamed export column empties it). */
  maxNullRisePoints?: number;
}

export interface MetricBounds {
  min?: number;
  max?: number;
}

export interface GateConfig {
  tables: Record<string, TableGates>;
  /** Bounds on the newest week's headline KPIs (columns of weekly-kpis). */
  metrics: Record<string, MetricBounds>;
}

const tableDefaults: TableGates = { volumeDropPercent: 50, trailingDays: 7, minMedianRows: 20, maxRejectedPercent: 5, maxNullRisePoints: 50 };

/** Freshness needs a known export schedule, so it is off until configured; the rest guard every build. */
export const defaultGates: GateConfig = {
  tables: { events: { ...tableDefaults }, orders: { ...tableDefaults } },
  metrics: { conversion_rate: { min: 0, max: 1 }, gmv: { min: 0 }, uv: { min: 0 }, orders: { min: 0 } }
};

/**
 * Gates from the "gates" key of opsbook.config.json, merged over the defaults:
 * `{"gates": {"orders": {"freshnessHours": 36}, "spend": {...}, "events": false, "metrics": {"conversion_rate": {"max": 0.5}}}}`.
 */
export function loadGateConfig(root: string): GateConfig {
  const file = join(root, "opsbook.config.json");
  const user = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")).gates ?? {}) : {};
  if (typeof user !== "object" || Array.isArray(user)) throw new Error(`${file}: "gates" must be an object of tables, e.g. {"orders": {"freshnessHours": 36}}`);
  const config: GateConfig = { tables: structuredClone(defaultGates.tables), metrics: { ...defaultGates.metrics } };
  for (const [key, value] of Object.entries(user as Record<string, unknown>)) {
    if (key === "metrics") {
      for (const [metric, bounds] of Object.entries((value ?? {}) as Record<string, MetricBounds | false>)) {
        if (bounds === false) delete config.metrics[metric];
        else config.metrics[metric] = checkNumbers(file, `gates.metrics.${metric}`, bounds, ["min", "max"]);
      }
    } else if (value === false) {
      delete config.tables[key];
    } else {
      config.tables[key] = { ...tableDefaults, ...config.tables[key], ...checkNumbers(file, `gates.${key}`, value, Object.keys(tableDefaults).concat("freshnessHours")) };
    }
  }
  return config;
}

function checkNumbers<T extends object>(file: string, where: string, value: unknown, allowed: string[]): T {
  if (typeof value !== "object" || value === null) throw new Error(`${file}: ${where} must be an object or false`);
  for (const [k, v] of Object.entries(value)) {
    if (!allowed.includes(k)) throw new Error(`${file}: ${where}.${k} is not a gate setting (known: ${allowed.join(", ")})`);
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${file}: ${where}.${k} must be a number, got ${JSON.stringify(v)}`);
  }
  return value as T;
}
