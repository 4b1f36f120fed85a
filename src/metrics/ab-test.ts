import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import { abVerdict, pairSplit } from "../components/ab-verdict.ts";
import { chiSquare1P, twoSidedP, z975 } from "./normal.ts";

export interface ArmInput {
  conversions: number;
  users: number;
}

export interface AbTestResult {
  a: ArmInput & { rate: number | null };
  b: ArmInput & { rate: number | null };
  /** rate(B) − rate(A), a difference of fractions. */
  diff: number | null;
  /** 95 % interval of diff, unpooled normal approximation. */
  ci: [number, number] | null;
  /** diff ÷ rate(A). */
  relative_lift: number | null;
  /** Pooled two-proportion z statistic and its two-sided p-value. */
  z: number | null;
  p_value: number | null;
  /** Sample-ratio mismatch: chi-square (1 df) of the users against the intended split. */
  srm_p_value: number | null;
  verdict: string;
}


function check(name: string, arm: ArmInput): void {
  const { conversions, users } = arm;
  if (!Number.isInteger(users) || users < 0) throw new Error(`${name}.users must be a whole number ≥ 0, got ${users}`);
  if (!Number.isInteger(conversions) || conversions < 0 || conversions > users) throw new Error(`${name}.conversions must be a whole number between 0 and users (${users}), got ${conversions}`);
}

/**
 * Compares B's conversion rate with A's. `split` is the share of users meant for A (default 0.5).
 * Significance at 5 %; an SRM p below 0.001 overrides the verdict because the split itself is
 * suspect then (the threshold the SRM literature and most A/B tools use).
 */
export function abTest({ a, b, split = 0.5 }: { a: ArmInput; b: ArmInput; split?: number }): AbTestResult {
  check("a", a);
  check("b", b);
  if (!(split > 0 && split < 1)) throw new Error(`split must be between 0 and 1 (A's intended share), got ${split}`);
  const rateA = a.users ? a.conversions / a.users : null;
  const rateB = b.users ? b.conversions / b.users : null;
  const total = a.users + b.users;
  let srm: number | null = null;
  if (total > 0) {
    const expA = total * split;
    const expB = total * (1 - split);
    srm = chiSquare1P((a.users - expA) ** 2 / expA + (b.users - expB) ** 2 / expB);
  }
  const result: AbTestResult = { a: { ...a, rate: rateA }, b: { ...b, rate: rateB }, diff: null, ci: null, relative_lift: null, z: null, p_value: null, srm_p_value: srm, verdict: "" };
  if (rateA === null || rateB === null) return { ...result, verdict: abVerdict(result, split, "zh-CN") };
  const diff = rateB - rateA;
  const se = Math.sqrt((rateA * (1 - rateA)) / a.users + (rateB * (1 - rateB)) / b.users);
  const pooled = (a.conversions + b.conversions) / total;
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / a.users + 1 / b.users));
  const z = sePooled > 0 ? diff / sePooled : null;
  const p = z === null ? null : twoSidedP(z);
  Object.assign(result, { diff, ci: [diff - z975 * se, diff + z975 * se], relative_lift: rateA > 0 ? diff / rateA : null, z, p_value: p });
  result.verdict = abVerdict(result, split, "zh-CN");
  return result;
}

/** Users and converted users (a paid order at or after assignment) per experiment and variant. */
export function experimentArms(): MetricQuery {
  return {
    sql: `with assigned as (
        select experiment, variant, user_id, min(assigned_at) as assigned_at, avg(intended_share) as intended_share
        from experiments group by all
      )
      select a.experiment, a.variant, count(*) as users,
        count(*) filter (where exists (
          select 1 from orders o where o.user_id = a.user_id and o.status = 'paid' and (a.assigned_at is null or o.ts >= a.assigned_at)
        )) as conversions,
        avg(a.intended_share) as intended_share
      from assigned a group by a.experiment, a.variant order by a.experiment, a.variant`
  };
}

export interface ExperimentReport {
  experiment: string;
  control: string;
  variants: { variant: string; users: number; conversions: number; rate: number | null; intended_share: number | null }[];
  /** Each other variant against the control. */
  comparisons: ({ variant: string } & AbTestResult)[];
}

/** The control arm: one named like a control, else the first in sort order (A). */
const controlNames = ["control", "对照", "对照组", "a", "baseline", "原版"];

export async function computeExperiments(connection: DuckDBConnection): Promise<ExperimentReport[]> {
  const rows = await queryRows(connection, experimentArms());
  const reports: ExperimentReport[] = [];
  for (const experiment of [...new Set(rows.map((r) => r.experiment as string))]) {
    const variants = rows
      .filter((r) => r.experiment === experiment)
      .map((r) => ({ variant: r.variant as string, users: r.users as number, conversions: r.conversions as number, rate: (r.conversions as number) / (r.users as number), intended_share: (r.intended_share as number | null) ?? null }));
    const control = variants.find((v) => controlNames.includes(v.variant.toLowerCase())) ?? variants[0];
    const comparisons = variants
      .filter((v) => v !== control)
      .map((v) => {
        // The SRM check compares this pair: the control's share of the two arms' planned traffic.
        const split = pairSplit(control.intended_share, v.intended_share);
        return { variant: v.variant, ...abTest({ a: { conversions: control.conversions, users: control.users }, b: { conversions: v.conversions, users: v.users }, split }) };
      });
    reports.push({ experiment, control: control.variant, variants, comparisons });
  }
  return reports;
}
