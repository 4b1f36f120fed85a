import type { SourceDriver } from "./source-driver.ts";

export interface BatchQuery {
  sql: string;
  params: (string | number)[];
}

type Dialect = Pick<SourceDriver, "quoteIdent" | "placeholder">;

/** The table ("shop.orders" → "shop"."orders") or the user's query, as a FROM item named src. */
export function fromItem(d: Dialect, source: { table?: string; query?: string }): string {
  if (source.table) return `${source.table.split(".").map((part) => d.quoteIdent(part)).join(".")} as src`;
  return `(${source.query!.trim().replace(/;\s*$/, "")}) as src`;
}

/**
 * The next batch after `position`, in (watermark, key) order. Comparing the whole tuple, not the
 * watermark alone, is what lets a batch end between two rows updated in the same instant without
 * losing or repeating either.
 */
export function batchQuery(d: Dialect, source: { table?: string; query?: string }, order: string[], position: string[] | undefined, limit: number): BatchQuery {
  const cols = order.map((c) => `src.${d.quoteIdent(c)}`);
  const params: (string | number)[] = [];
  const bind = (value: string | number) => {
    params.push(value);
    return d.placeholder(params.length);
  };
  // Rows without a watermark would never be reached by "greater than"; they are counted and reported instead.
  let where = `${cols[0]} is not null`;
  if (position) where += ` and (${cols.join(", ")}) > (${position.map(bind).join(", ")})`;
  return { sql: `select * from ${fromItem(d, source)} where ${where} order by ${cols.join(", ")} limit ${bind(limit)}`, params };
}

/** Column names only, and a cheap check that the table or query exists. */
export function probeQuery(d: Dialect, source: { table?: string; query?: string }): string {
  return `select * from ${fromItem(d, source)} where 1 = 0`;
}
