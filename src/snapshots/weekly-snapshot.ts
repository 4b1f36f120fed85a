import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { addDays, isoWeek, isoWeekStart } from "../calendar.ts";
import { headlineRows } from "./headline-rows.ts";

/** One figure that a restatement changed. */
export interface FigureChange {
  metric: string;
  old: number | null;
  new: number | null;
}

export interface Restatement {
  week: string;
  /** When the restatement was applied (the build's --now). */
  restatedAt?: string;
  changes: FigureChange[];
}

/**
 * The published figures of a closed week, committed under data/snapshots/weekly/<week>.json.
 * `output` is the weekly data loader's output exactly as the page read it; `basis` fingerprints
 * the rows it was computed from (that week and the week before, for 环比).
 */
export interface WeeklySnapshot {
  week: string;
  basis: string;
  output: Record<string, unknown>;
  restatements: (Restatement & { previous: Record<string, unknown> })[];
}

export const snapshotTarget = (week: string) => `data/weekly-${week}.json`;

export function snapshotPath(snapshotsDir: string, week: string): string {
  return join(snapshotsDir, "weekly", `${week}.json`);
}

export function readSnapshot(snapshotsDir: string, week: string): WeeklySnapshot | undefined {
  const file = snapshotPath(snapshotsDir, week);
  if (!existsSync(file)) return undefined;
  try {
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as WeeklySnapshot;
    if (snapshot.week !== week || typeof snapshot.output !== "object") throw new Error(`expected week ${week} with an output`);
    return { ...snapshot, restatements: snapshot.restatements ?? [] };
  } catch (error) {
    throw new Error(`${file}: not a valid snapshot (${(error as Error).message}); restore it from git`);
  }
}

export function writeSnapshot(snapshotsDir: string, snapshot: WeeklySnapshot): void {
  const file = snapshotPath(snapshotsDir, snapshot.week);
  mkdirSync(join(snapshotsDir, "weekly"), { recursive: true });
  writeFileSync(file, JSON.stringify(snapshot, null, 2) + "\n");
}

/** What the page reads for a snapshotted week: the frozen output, plus the latest restatement if any. */
export function servedOutput(snapshot: WeeklySnapshot): string {
  const last = snapshot.restatements.at(-1);
  return JSON.stringify(last ? { ...snapshot.output, restatement: { week: last.week, restatedAt: last.restatedAt, changes: last.changes } } : snapshot.output);
}

/** Fingerprint of the rows a week's figures are computed from: its own and the previous week's. */
export function weekBasis(weekFingerprints: Record<string, Record<string, string>>, week: string): string {
  const previous = isoWeek(addDays(isoWeekStart(week), -7));
  const part = (w: string) => Object.entries(weekFingerprints[w] ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([t, d]) => `${t}=${d}`).join(",");
  return createHash("sha256").update(`${previous}:${part(previous)}|${week}:${part(week)}`).digest("hex").slice(0, 32);
}

/** Local calendar date of an instant in a time zone, "YYYY-MM-DD". */
export function localDate(now: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * A week is closed once its Sunday is over (in the report's time zone) and the data reaches that
 * Sunday: a week whose data stops early is still being filled, whatever the clock says.
 */
export function isClosed(week: { end: string; partial: boolean }, today: string): boolean {
  return !week.partial && today > week.end;
}

/** The headline figures that changed between two outputs of the weekly loader (its current-week KPI row). */
export function figureChanges(before: Record<string, unknown>, after: Record<string, unknown>): FigureChange[] {
  const row = (o: Record<string, unknown>) => headlineRows(o)?.current ?? {};
  const a = row(before);
  const b = row(after);
  const changes: FigureChange[] = [];
  for (const metric of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[metric];
    const y = b[metric];
    if ((typeof x === "number" || x === null || typeof y === "number") && x !== y) changes.push({ metric, old: (x as number | null) ?? null, new: (y as number | null) ?? null });
  }
  // A loader without a KPI row is compared whole. With one, only this week's own figures count:
  // late data in the previous week moves 环比, which that week's own restatement reports.
  if (!Array.isArray(before.kpis) && JSON.stringify(withoutVolatile(before)) !== JSON.stringify(withoutVolatile(after))) changes.push({ metric: "detail", old: null, new: null });
  return changes;
}

/** The data's last day is shown only for weeks still in progress; it moves with every new day. */
export function withoutVolatile(output: Record<string, unknown>): Record<string, unknown> {
  const { lastDay: _lastDay, restatement: _restatement, ...rest } = output;
  return rest;
}
