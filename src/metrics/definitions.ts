import { parse as parseYaml } from "yaml";
import { zoneOffsetMs } from "./zone-offset.ts";

/**
 * Behavioural metric definitions (funnels, retention, lifecycle) as analysts write them in JSON or
 * YAML, in a spec file for the CLI or in a Markdown page. Parsing validates everything up front so a
 * mistake is reported by field name ("steps[1].event: …") before any SQL runs.
 */

export class DefinitionError extends Error {
  constructor(
    readonly field: string,
    problem: string
  ) {
    super(field ? `${field}: ${problem}` : problem);
    this.name = "DefinitionError";
  }
}

export type FilterValue = string | number | boolean;

/** One event, optionally narrowed by properties: `{"event": "提交订单", "where": {"platform": ["ios", "android"]}}`. */
export interface EventFilter {
  event: string;
  /** Column of events or key of properties → accepted values (a list means "one of"). */
  where: Record<string, FilterValue[]>;
  /** Label shown in tables and charts; defaults to the event name. */
  name: string;
}

export type FunnelOrder = "ordered" | "strict" | "unordered";
export type CalendarPeriod = "day" | "week" | "month";

export interface FunnelDefinition {
  steps: EventFilter[];
  /** Conversion window as written ("14d") and in seconds. */
  window: string;
  windowSeconds: number;
  order: FunnelOrder;
  breakdown?: string;
  /** Instants in UTC ISO 8601; naive input was read in `timezone`. */
  from?: string;
  to?: string;
  timezone: string;
}

export interface RetentionDefinition {
  start: EventFilter;
  return: EventFilter;
  period: CalendarPeriod;
  /** Number of periods after the cohort's own (values has periods + 1 cells). */
  periods: number;
  type: "recurring" | "first_time";
  /** "on": returned in period k exactly (次日留存 = day 1); "on_or_after": in period k or any later one. */
  mode: "on" | "on_or_after";
  from?: string;
  to?: string;
  /** Periods that have not begun by this instant are immature (null); default: the latest event. */
  asOf?: string;
  timezone: string;
}

export interface LifecycleDefinition {
  event: EventFilter;
  period: CalendarPeriod;
  from?: string;
  to?: string;
  timezone: string;
}

export const defaultTimezone = "Asia/Shanghai";
const defaultWindow = "14d";

/** Accepts an object, or JSON/YAML text. */
function asObject(input: unknown, what: string): Record<string, unknown> {
  if (typeof input === "string") {
    try {
      input = parseYaml(input);
    } catch (error) {
      throw new DefinitionError("", `${what} is not valid JSON or YAML: ${(error as Error).message}`);
    }
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new DefinitionError("", `${what} must be an object, got ${describe(input)}`);
  return input as Record<string, unknown>;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  return value === null ? "null" : `${typeof value} ${JSON.stringify(value)}`;
}

function rejectUnknown(object: Record<string, unknown>, known: string[], prefix: string): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) throw new DefinitionError(prefix + key, `unknown field (expected one of ${known.join(", ")})`);
  }
}

function nonEmptyString(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new DefinitionError(field, `expected a non-empty string, got ${describe(value)}`);
  return value.trim();
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !allowed.includes(value as T)) throw new DefinitionError(field, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describe(value)}`);
  return value as T;
}

/** A step is an event name, or `{event, where?, name?}`. */
export function parseEventFilter(input: unknown, field: string): EventFilter {
  if (typeof input === "string") return { event: nonEmptyString(input, field), where: {}, name: input.trim() };
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new DefinitionError(field, `expected an event name or {"event": …, "where": {…}}, got ${describe(input)}`);
  const object = input as Record<string, unknown>;
  rejectUnknown(object, ["event", "where", "name"], `${field}.`);
  const event = nonEmptyString(object.event, `${field}.event`);
  const where: Record<string, FilterValue[]> = {};
  if (object.where !== undefined) {
    if (typeof object.where !== "object" || object.where === null || Array.isArray(object.where)) throw new DefinitionError(`${field}.where`, `expected an object of property → value, got ${describe(object.where)}`);
    for (const [key, raw] of Object.entries(object.where as Record<string, unknown>)) {
      const path = `${field}.where.${key}`;
      if (key.trim() === "") throw new DefinitionError(`${field}.where`, "property names must not be empty");
      const values = Array.isArray(raw) ? raw : [raw];
      if (values.length === 0) throw new DefinitionError(path, "expected a value or a non-empty list of values");
      values.forEach((v, i) => {
        if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") throw new DefinitionError(Array.isArray(raw) ? `${path}[${i}]` : path, `expected a string, number or boolean, got ${describe(v)}`);
      });
      where[key] = values as FilterValue[];
    }
  }
  const name = object.name === undefined ? event : nonEmptyString(object.name, `${field}.name`);
  return { event, where, name };
}

export function parseTimezone(value: unknown, field = "timezone"): string {
  if (value === undefined) return defaultTimezone;
  const zone = nonEmptyString(value, field);
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    throw new DefinitionError(field, `unknown time zone ${JSON.stringify(zone)} (e.g. "Asia/Shanghai")`);
  }
  return zone;
}

/**
 * An ISO 8601 date or date-time as a UTC instant. Without an offset it is wall-clock time in
 * `zone`, so "2026-11-01" means midnight in Shanghai, as the analyst reads it.
 */
export function resolveInstant(value: unknown, field: string, zone: string): string {
  const text = nonEmptyString(value, field);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) throw new DefinitionError(field, `expected an ISO 8601 date or date-time such as "2026-11-01" or "2026-11-01T08:00:00+08:00", got ${JSON.stringify(text)}`);
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", offset] = m;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, frac ? Math.round(Number(frac) * 1000) : 0);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== +y || check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) throw new DefinitionError(field, `not a real date or time: ${JSON.stringify(text)}`);
  let utc: number;
  if (offset === "Z") utc = wall;
  else if (offset) {
    const sign = offset[0] === "-" ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    utc = wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  } else {
    // Two passes settle the offset even next to a daylight-saving switch.
    utc = wall - zoneOffsetMs(wall, zone);
    utc = wall - zoneOffsetMs(utc, zone);
  }
  return new Date(utc).toISOString();
}

const windowUnits: Record<string, number> = { s: 1, 秒: 1, m: 60, min: 60, 分钟: 60, h: 3600, 小时: 3600, d: 86400, 天: 86400, w: 604800, 周: 604800 };

export function parseWindow(value: unknown, field = "window"): { window: string; windowSeconds: number } {
  if (value === undefined) return parseWindow(defaultWindow, field);
  const text = typeof value === "number" ? `${value}d` : nonEmptyString(value, field);
  const m = /^(\d+(?:\.\d+)?)\s*(s|min|m|h|d|w|秒|分钟|小时|天|周)$/.exec(text);
  if (!m || Number(m[1]) <= 0) throw new DefinitionError(field, `expected a positive duration such as "14d", "24h" or "30m", got ${describe(value)}`);
  return { window: text, windowSeconds: Math.round(Number(m[1]) * windowUnits[m[2]]) };
}

function range(object: Record<string, unknown>, zone: string): { from?: string; to?: string } {
  const from = object.from === undefined ? undefined : resolveInstant(object.from, "from", zone);
  const to = object.to === undefined ? undefined : resolveInstant(object.to, "to", zone);
  if (from && to && from >= to) throw new DefinitionError("to", `must be after from (${object.from} … ${object.to} is empty)`);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

const calendarPeriods = ["day", "week", "month"] as const;

export function parseFunnelDefinition(input: unknown): FunnelDefinition {
  const object = asObject(input, "a funnel definition");
  rejectUnknown(object, ["steps", "window", "order", "breakdown", "from", "to", "timezone"], "");
  if (!Array.isArray(object.steps)) throw new DefinitionError("steps", `expected a list of at least 2 steps, got ${describe(object.steps)}`);
  if (object.steps.length < 2) throw new DefinitionError("steps", `a funnel needs at least 2 steps, got ${object.steps.length}`);
  const steps = object.steps.map((s, i) => parseEventFilter(s, `steps[${i}]`));
  const timezone = parseTimezone(object.timezone);
  const breakdown = object.breakdown === undefined ? undefined : nonEmptyString(object.breakdown, "breakdown");
  return {
    steps,
    ...parseWindow(object.window),
    order: oneOf(object.order, "order", ["ordered", "strict", "unordered"] as const, "ordered"),
    ...(breakdown ? { breakdown } : {}),
    ...range(object, timezone),
    timezone
  };
}

export function parseRetentionDefinition(input: unknown): RetentionDefinition {
  const object = asObject(input, "a retention definition");
  rejectUnknown(object, ["start", "return", "period", "periods", "type", "mode", "from", "to", "asOf", "timezone"], "");
  if (object.start === undefined) throw new DefinitionError("start", "required: the event that puts a user in a cohort");
  if (object.return === undefined) throw new DefinitionError("return", "required: the event that counts as coming back");
  const timezone = parseTimezone(object.timezone);
  const period = oneOf(object.period, "period", calendarPeriods, "day");
  const periods = object.periods ?? ({ day: 30, week: 12, month: 6 } as const)[period];
  if (typeof periods !== "number" || !Number.isInteger(periods) || periods < 1 || periods > 400) throw new DefinitionError("periods", `expected a whole number from 1 to 400, got ${describe(object.periods)}`);
  return {
    start: parseEventFilter(object.start, "start"),
    return: parseEventFilter(object.return, "return"),
    period,
    periods,
    type: oneOf(object.type, "type", ["recurring", "first_time"] as const, "first_time"),
    mode: oneOf(object.mode, "mode", ["on", "on_or_after"] as const, "on"),
    ...range(object, timezone),
    ...(object.asOf === undefined ? {} : { asOf: resolveInstant(object.asOf, "asOf", timezone) }),
    timezone
  };
}

export function parseLifecycleDefinition(input: unknown): LifecycleDefinition {
  const object = asObject(input, "a lifecycle definition");
  rejectUnknown(object, ["event", "period", "from", "to", "timezone"], "");
  if (object.event === undefined) throw new DefinitionError("event", "required: the event that makes a user active");
  const timezone = parseTimezone(object.timezone);
  return { event: parseEventFilter(object.event, "event"), period: oneOf(object.period, "period", calendarPeriods, "week"), ...range(object, timezone), timezone };
}

/** Columns and property keys a definition reads besides user_id, event and ts (filters, breakdown). */
export function definitionFields(def: FunnelDefinition | RetentionDefinition | LifecycleDefinition): string[] {
  const filters = "steps" in def ? def.steps : "start" in def ? [def.start, def.return] : [def.event];
  const fields = filters.flatMap((f) => Object.keys(f.where));
  if ("steps" in def && def.breakdown) fields.push(def.breakdown);
  return [...new Set(fields)];
}
