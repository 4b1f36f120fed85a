import type { Row } from "../warehouse/query-rows.ts";

export interface ProfileComparison {
  dimension: string;
  value: string;
  active_users: number;
  active_share: number | null;
  paying_users: number;
  paying_share: number | null;
  previous_active_users: number;
  previous_active_share: number | null;
  previous_paying_share: number | null;
  /** Change of the active share in percentage points (as a fraction: 0.02 = +2pp). */
  active_share_change: number | null;
  paying_share_change: number | null;
}

/** Lines up two userProfile results by dimension and value; a value missing in one period counts as 0. */
export function compareProfiles(current: Row[], previous: Row[]): ProfileComparison[] {
  const key = (r: Row) => `${r.dimension}\u0000${r.value}`;
  const before = new Map(previous.map((r) => [key(r), r]));
  const dimensionsBefore = new Set(previous.map((r) => r.dimension));
  const out: ProfileComparison[] = current.map((r) => {
    const p = before.get(key(r));
    before.delete(key(r));
    // Shares are 0 for a value absent in a period that had the dimension, unknown when it had none.
    const zero = dimensionsBefore.has(r.dimension) ? 0 : null;
    const prevActive = p ? (p.active_share as number | null) : zero;
    const prevPaying = p ? (p.paying_share as number | null) : zero;
    return {
      dimension: r.dimension as string, value: r.value as string,
      active_users: r.active_users as number, active_share: r.active_share as number | null,
      paying_users: r.paying_users as number, paying_share: r.paying_share as number | null,
      previous_active_users: (p?.active_users as number | undefined) ?? 0,
      previous_active_share: prevActive, previous_paying_share: prevPaying,
      active_share_change: diff(r.active_share as number | null, prevActive),
      paying_share_change: diff(r.paying_share as number | null, prevPaying)
    };
  });
  for (const p of before.values()) {
    out.push({
      dimension: p.dimension as string, value: p.value as string, active_users: 0, active_share: 0, paying_users: 0, paying_share: 0,
      previous_active_users: p.active_users as number, previous_active_share: p.active_share as number | null, previous_paying_share: p.paying_share as number | null,
      active_share_change: diff(0, p.active_share as number | null), paying_share_change: diff(0, p.paying_share as number | null)
    });
  }
  return out;
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
