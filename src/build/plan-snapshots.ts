import { existsSync, readFileSync } from "node:fs";
import type { SiteIndex } from "../site/site-index.ts";
import {
  figureChanges, isClosed, localDate, readSnapshot, servedOutput, snapshotTarget, weekBasis, writeSnapshot,
  type Restatement, type WeeklySnapshot
} from "../snapshots/weekly-snapshot.ts";
import { cachedOutputPath } from "./loader-cache.ts";

export interface SnapshotPlan {
  dir: string;
  /** Closed weeks, newest first. */
  closed: string[];
  /** Loader target → the JSON the page gets instead of a recomputation. */
  serve: Map<string, string>;
  pending: Restatement[];
  applied: Restatement[];
  /** Snapshots to write once the build is published. */
  write: WeeklySnapshot[];
  /** Closed weeks seen for the first time: snapshot this build's output once published. */
  create: { week: string; basis: string }[];
}

interface PlanInput {
  dir: string;
  index: SiteIndex;
  weeks: Record<string, Record<string, string>>;
  /** A loader output computed from the warehouse as it is now. */
  recompute: (target: string) => Promise<string>;
  now: Date;
  timezone: string;
  restate: string[];
}

/**
 * Decides, per closed week, what its page shows. A snapshot whose rows are unchanged is served as
 * is. When late data changed those rows the week is recomputed: equal figures just refresh the
 * snapshot's basis; different ones are a restatement, applied only when asked for with --restate.
 */
export async function planSnapshots({ dir, index, weeks, recompute, now, timezone, restate }: PlanInput): Promise<SnapshotPlan> {
  const today = localDate(now, timezone);
  const plan: SnapshotPlan = { dir, closed: [], serve: new Map(), pending: [], applied: [], write: [], create: [] };
  const known = new Set(index.weeks.map((w) => w.week));
  for (const week of restate) {
    if (!/^\d{4}-W\d{2}$/.test(week)) throw new Error(`--restate ${week}: not an ISO week (expected e.g. 2026-W46)`);
    if (!known.has(week)) throw new Error(`--restate ${week}: the warehouse has no data for that week`);
  }
  for (const page of index.weeks) {
    if (!isClosed(page, today)) {
      if (restate.includes(page.week)) throw new Error(`--restate ${page.week}: the week is not closed yet (it ends ${page.end}${page.partial ? ", and its data stops early" : ""}); open weeks always show current data`);
      continue;
    }
    plan.closed.push(page.week);
    const target = snapshotTarget(page.week);
    const basis = weekBasis(weeks, page.week);
    const snapshot = readSnapshot(dir, page.week);
    if (!snapshot) {
      plan.create.push({ week: page.week, basis });
      continue;
    }
    if (snapshot.basis === basis) {
      plan.serve.set(target, servedOutput(snapshot));
      continue;
    }
    const fresh = JSON.parse(await recompute(target)) as Record<string, unknown>;
    const changes = figureChanges(snapshot.output, fresh);
    if (!changes.length) {
      const refreshed = { ...snapshot, basis };
      plan.write.push(refreshed);
      plan.serve.set(target, servedOutput(refreshed));
    } else if (restate.includes(page.week)) {
      const restatement = { week: page.week, restatedAt: now.toISOString(), changes };
      const restated: WeeklySnapshot = { week: page.week, basis, output: fresh, restatements: [...snapshot.restatements, { ...restatement, previous: snapshot.output }] };
      plan.applied.push(restatement);
      plan.write.push(restated);
      plan.serve.set(target, servedOutput(restated));
    } else {
      plan.pending.push({ week: page.week, changes });
      plan.serve.set(target, servedOutput(snapshot));
    }
  }
  for (const week of restate) {
    if (plan.closed.includes(week) && !plan.applied.some((r) => r.week === week)) {
      throw new Error(`--restate ${week}: nothing to restate, the week's published figures match the warehouse`);
    }
  }
  return plan;
}

/** After publication: commit-ready snapshot files for new closed weeks and applied restatements. */
export function saveSnapshots(plan: SnapshotPlan, frameworkRoot: string): string[] {
  const written: string[] = [];
  for (const snapshot of plan.write) {
    writeSnapshot(plan.dir, snapshot);
    written.push(snapshot.week);
  }
  for (const { week, basis } of plan.create) {
    const file = cachedOutputPath(frameworkRoot, snapshotTarget(week));
    if (!existsSync(file)) continue; // the site has no weekly loader output for it
    writeSnapshot(plan.dir, { week, basis, output: JSON.parse(readFileSync(file, "utf8")), restatements: [] });
    written.push(week);
  }
  return written;
}
