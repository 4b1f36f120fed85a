import type { FunnelDefinition } from "./definitions.ts";
import { fieldSql, filterSql, Params } from "./event-filter.ts";

/** A funnel period: attempts start in [from, to), instants in UTC ISO 8601 as FunnelDefinition's. */
export interface FunnelPeriod {
  from: string;
  to: string;
}

/**
 * The heart of every funnel query: CTEs ending in `counted(user_id, depth, b, ts)`, one row per user
 * who did step 0 in [from, to): `depth` = the furthest step reached (0-based), `b` = the breakdown
 * value of the counted attempt's step-0 event, `ts` = epoch microseconds of steps 0…depth of that
 * attempt. Funnel counts and time-to-convert histograms are both aggregates of it.
 *
 * Times are compared as epoch microseconds rather than TIMESTAMPTZ + INTERVAL so that the same SQL
 * runs in DuckDB-WASM, which has no ICU (time zone) extension. Naive from/to were already resolved
 * to instants when the definition was parsed.
 *
 * With `periods` (ordered funnels only, node DuckDB), one query counts the funnel of every period,
 * each exactly as a definition with that period's from/to would: `counted` gains the period's
 * number `pn` (its index in the list), every table is keyed by (pn, user), and a later step's event
 * serves each period whose attempts it may complete (from the period's start to its end + window).
 */
export function countedAttemptsSql(def: FunnelDefinition, params: Params, periods?: FunnelPeriod[]): string {
  if (periods && def.order !== "ordered") throw new Error(`a funnel over several periods must be ordered, not ${def.order}`);
  if (periods && !periods.length) throw new Error("no funnel periods to compute");
  // Over periods, the definition's own range is the span of all of them (it only prunes events).
  if (periods) def = { ...def, from: periods.map((p) => p.from).sort()[0], to: periods.map((p) => p.to).sort().at(-1) };
  const window = params.bind(def.windowSeconds * 1_000_000, "window");
  const from = def.from ? params.bind(def.from, "from") : undefined;
  const to = def.to ? params.bind(def.to, "to") : undefined;
  // Later steps may complete after `to`, as long as they are inside the window of an attempt.
  const toPlusWindow = def.to ? params.bind(new Date(Date.parse(def.to) + def.windowSeconds * 1000).toISOString(), "until") : undefined;
  const startsBefore = to ? `e.ts < ${to}::timestamptz` : "true";
  const inRange = (last: boolean) => [from ? `e.ts >= ${from}::timestamptz` : "", last && toPlusWindow ? `e.ts < ${toPlusWindow}::timestamptz` : !last && to ? startsBefore : ""].filter(Boolean);
  const where = (conditions: string[]) => (conditions.length ? `where ${conditions.join(" and ")}` : "");
  const b = def.breakdown ? `coalesce(nullif(trim(cast(${fieldSql(def.breakdown)} as varchar)), ''), '(none)')` : `cast(null as varchar)`;
  const ctx: Context = { def, params, window, b, startsBefore, inRange, where };
  return def.order === "strict" ? strictSql(ctx) : def.order === "unordered" ? unorderedSql(ctx) : orderedSql(ctx, periods && periodsSql(periods, params, window));
}

/**
 * `funnel_periods(pn, p_from, p_to)`, bounds in epoch microseconds, and `funnel_hours(pn, p_from,
 * p_to, hour)`: every UTC hour from a period's start to its end + window. Events find their periods
 * by an equality join on the hour (then the exact bounds), which DuckDB hashes in parallel; a range
 * join on the bounds themselves took 2.9 s of a single thread for a year of weeks at 10M events.
 */
function periodsSql(periods: FunnelPeriod[], params: Params, window: string): string {
  const rows = periods.map(({ from, to }, i) => `(${i}, epoch_us(${params.bind(from, "pfrom")}::timestamptz), epoch_us(${params.bind(to, "pto")}::timestamptz))`);
  return `funnel_periods(pn, p_from, p_to) as (values ${rows.join(", ")}),
    funnel_hours as (select pn, p_from, p_to, unnest(range(p_from // ${hourUs}, (p_to + ${window}::bigint) // ${hourUs} + 1)) as hour from funnel_periods)`;
}

const hourUs = 3_600_000_000;

interface Context {
  def: FunnelDefinition;
  params: Params;
  window: string;
  b: string;
  /** True for events that may start an attempt (before `to`). */
  startsBefore: string;
  inRange(last: boolean): string[];
  where(conditions: string[]): string;
}

const list = (n: number, f: (i: number) => string, sep = ", ") => Array.from({ length: n }, (_, i) => f(i)).join(sep);

/**
 * Per step, the earliest completion of each user; then each user's deepest step wins. Step 0 needs
 * no list of times (nothing precedes it), only whether the user started and, for a breakdown, the
 * value on their first start: building a struct per step-0 event for millions of events and then
 * regrouping every step's winners cost 30 % more than this, the shape of the hand-written SQL.
 */
function countedFromReached(n: number, breakdown: boolean, byPeriod = false): string {
  // Without a breakdown the step tables carry no b at all.
  const b = breakdown ? "b" : "cast(null as varchar)";
  const firstTouch = breakdown ? "arg_min(b, t0)" : b;
  const key = byPeriod ? "pn, user_id" : "user_id";
  const perStep = list(n - 1, (i) => `u${i + 1} as (select ${key}, arg_min({'b': ${b}, 'ts': [${list(i + 2, (j) => `t${j}`)}]}, t${i + 1}) as p from s${i + 1} group by ${key})`, ",\n    ");
  return `u0 as (select ${key}, min(t0) as t0, ${firstTouch} as b from s0 group by ${key}),
    ${perStep},
    counted as (
      select ${key}, coalesce(len(p.ts) - 1, 0) as depth, coalesce(p.b, b) as b, coalesce(p.ts, [t0]) as ts
      from (select u0.*, coalesce(${list(n - 1, (i) => `u${n - 1 - i}.p`)}) as p from u0 ${list(n - 1, (i) => `left join u${i + 1} using (${key})`, " ")})
    )`;
}

/**
 * Ordered: each step-k event looks back (ASOF) to the latest step-(k−1) completion at or before it.
 * The latest predecessor has the latest attempt start (starts only move forward along a chain), so it
 * leaves the most window for the steps after: keeping only it loses no conversion. A step whose event
 * repeats an earlier step's must come strictly later, so one event row never fills two steps.
 */
function orderedSql({ def, params, window, b, inRange, where }: Context, periods?: string): string {
  const n = def.steps.length;
  const breakdown = def.breakdown !== undefined;
  // Over periods: a step-0 event belongs to the period holding it, a later step's to every period
  // whose attempts it may complete; the look-back stays within the period's attempts (x.pn = p.pn).
  const period = (last: boolean) => (periods ? ` join funnel_hours q on epoch_us(e.ts) // ${hourUs} = q.hour and epoch_us(e.ts) >= q.p_from and epoch_us(e.ts) < q.p_to${last ? ` + ${window}::bigint` : ""}` : "");
  const pn = periods ? "q.pn, " : "";
  const ctes = [...(periods ? [periods] : []), `s0 as (select ${pn}e.user_id, epoch_us(e.ts) as t0${breakdown ? `, ${b} as b` : ""} from events e${period(false)} ${where([filterSql(def.steps[0], params), ...inRange(false)])})`];
  for (let k = 1; k < n; k++) {
    const repeats = def.steps.slice(0, k).some((s) => s.event === def.steps[k].event);
    ctes.push(`e${k} as (select ${pn}e.user_id, epoch_us(e.ts) as t from events e${period(true)} ${where([filterSql(def.steps[k], params), ...inRange(true)])})`);
    // Over periods, only starts of users with a step-1 event in the period can continue: the
    // look-back then sorts those alone (a year of weeks at 10M: 2.5 -> 1.7 s). For one period the
    // extra pass costs more than it saves when step 0 is common (the 4-step bench case: 1.14x -> 1.53x).
    if (k === 1 && periods) ctes.push(`s0_cont as (select * from s0 where (pn, user_id) in (select pn, user_id from e1))`);
    ctes.push(`s${k} as (
      select ${periods ? "x.pn, " : ""}x.user_id, ${breakdown ? "p.b, " : ""}${list(k, (i) => `p.t${i}`)}, x.t as t${k}
      from e${k} x asof join ${k === 1 && periods ? "s0_cont" : `s${k - 1}`} p on x.user_id = p.user_id${periods ? " and x.pn = p.pn" : ""} and x.t ${repeats ? ">" : ">="} p.t${k - 1}
      where x.t <= p.t0 + ${window}::bigint
    )`);
  }
  return `with ${ctes.join(",\n    ")},\n    ${countedFromReached(n, breakdown, periods !== undefined)}`;
}

/** Strict: step k+1 must be the user's very next event after step k (any event, matching or not). */
function strictSql({ def, params, window, b, startsBefore, inRange, where }: Context): string {
  const n = def.steps.length;
  const flags = def.steps.map((s, k) => `(${filterSql(s, params)}) as f${k}`).join(", ");
  const ctes = [
    `seq as (select e.user_id, epoch_us(e.ts) as t, ${b} as b, ${flags}, ${startsBefore} as can_start,
      row_number() over (partition by e.user_id order by e.ts, e.event) as n
      from events e ${where(inRange(true))})`,
    `s0 as (select user_id, b, n, t as t0 from seq where f0 and can_start)`
  ];
  for (let k = 1; k < n; k++) {
    ctes.push(`s${k} as (
      select p.user_id, p.b, ${list(k, (i) => `p.t${i}`)}, q.t as t${k}, q.n
      from s${k - 1} p join seq q on q.user_id = p.user_id and q.n = p.n + 1
      where q.f${k} and q.t <= p.t0 + ${window}::bigint
    )`);
  }
  return `with ${ctes.join(",\n    ")},\n    ${countedFromReached(n, def.breakdown !== undefined)}`;
}

/**
 * Unordered: every matching event in [from, to) anchors a window [t, t + window]; for each step the
 * first matching event at or after the anchor (ASOF) tells whether that step occurred in the window.
 * A user reaches step k when some window holds k+1 distinct steps; the earliest such window counts.
 * Steps are then listed in the order they happened, so "seconds from previous" are real gaps.
 */
function unorderedSql({ def, params, window, b, startsBefore, inRange, where }: Context): string {
  const n = def.steps.length;
  const flags = def.steps.map((s, k) => `(${filterSql(s, params)}) as f${k}`).join(", ");
  const found = (k: number) => `(x${k}.t is not null and x${k}.t <= a.t + ${window}::bigint)`;
  const ctes = [
    `m as (select * from (select e.user_id, epoch_us(e.ts) as t, ${b} as b, ${startsBefore} as can_start, ${flags} from events e ${where(inRange(true))}) where ${list(n, (k) => `f${k}`, " or ")})`,
    ...def.steps.map((_, k) => `x${k} as (select user_id, t from m where f${k})`),
    `anchors as (
      select a.user_id, a.t, a.b, ${list(n, (k) => `case when ${found(k)} then 1 else 0 end`, " + ")} as level,
        list_sort([${list(n, (k) => `case when ${found(k)} then x${k}.t end`)}], 'ASC', 'NULLS LAST') as times
      from (select user_id, t, b from m where can_start) a
      ${list(n, (k) => `asof left join x${k} on a.user_id = x${k}.user_id and a.t <= x${k}.t`, "\n      ")}
    )`,
    `counted as (
      select user_id, max(level) - 1 as depth,
        arg_min(b, t) filter (where level = top) as b,
        arg_min(times, t) filter (where level = top) as ts
      from (select *, max(level) over (partition by user_id) as top from anchors)
      group by user_id
    )`
  ];
  return `with ${ctes.join(",\n    ")}`;
}
