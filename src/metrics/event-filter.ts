import { quoteIdent, quoteLiteral } from "../ingest/parse-sql.ts";
import type { EventFilter, FilterValue } from "./definitions.ts";

/** Columns of the events table a filter or breakdown may name directly; anything else is a key of `properties`. */
export const eventColumns = ["user_id", "event", "session_id", "platform", "channel", "page"] as const;

/** Bound values of one query: each value gets a fresh `$name`, so nothing from a definition is spliced. */
export class Params {
  readonly values: Record<string, string | number | boolean | null> = {};
  private count = 0;

  bind(value: string | number | boolean | null, hint = "p"): string {
    const name = `${hint}${this.count++}`;
    this.values[name] = value;
    return `$${name}`;
  }
}

/**
 * SQL for a column or property of the events table aliased `alias`, as text. Property keys become
 * a JSON path: this needs DuckDB's json extension, which node DuckDB has built in but DuckDB-WASM
 * loads on demand, so browser-side definitions should filter on columns.
 */
export function fieldSql(field: string, alias = "e"): string {
  if ((eventColumns as readonly string[]).includes(field)) return `${alias}.${quoteIdent(field)}`;
  return `(${alias}.properties ->> ${quoteLiteral(`$."${field.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)})`;
}

function valueText(value: FilterValue): string {
  return typeof value === "string" ? value : String(value);
}

/** The WHERE condition selecting the events a filter matches. */
export function filterSql(filter: EventFilter, params: Params, alias = "e"): string {
  const parts = [`${alias}.event = ${params.bind(filter.event, "event")}`];
  for (const [field, values] of Object.entries(filter.where)) {
    const column = fieldSql(field, alias);
    const bound = values.map((v) => params.bind(valueText(v), "value"));
    parts.push(bound.length === 1 ? `${column} = ${bound[0]}` : `${column} in (${bound.join(", ")})`);
  }
  return parts.join(" and ");
}
