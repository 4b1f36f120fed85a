/**
 * This week's and last week's headline figures from a weekly loader output, as flat rows
 * ({uv, orders, gmv, …}). The weekly page ships the KPI report (`kpis: [{key, value, previous}]`);
 * older outputs and snapshots carry one row per period (`kpis: [{period: "current", uv, …}]`).
 */
export function headlineRows(output: Record<string, unknown>): { current: Record<string, unknown>; previous: Record<string, unknown> } | undefined {
  if (!Array.isArray(output.kpis)) return undefined;
  const kpis = output.kpis as Record<string, unknown>[];
  if (kpis.some((k) => typeof k.key === "string")) {
    return {
      current: Object.fromEntries(kpis.map((k) => [k.key as string, k.value ?? null])),
      previous: Object.fromEntries(kpis.map((k) => [k.key as string, k.previous ?? null]))
    };
  }
  return { current: kpis.find((r) => r.period === "current") ?? {}, previous: kpis.find((r) => r.period === "previous") ?? {} };
}
