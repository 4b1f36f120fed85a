import type { MetricQuery } from "../warehouse/query-rows.ts";

type Value = string | number | boolean | null;

/**
 * The same query for DuckDB-WASM, whose prepared statements bind by position only: each `$name`
 * becomes `?` and its value joins the list in order. Quoted strings and identifiers are copied
 * untouched, so a `$` inside a literal is never mistaken for a parameter.
 */
export function positionalQuery({ sql, params = {} }: MetricQuery): { sql: string; values: Value[] } {
  const values: Value[] = [];
  let out = "";
  for (let i = 0; i < sql.length; ) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === ch && sql[j + 1] !== ch)) j += sql[j] === ch ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "$" && /[A-Za-z_]/.test(sql[i + 1] ?? "")) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))![0];
      if (!(name in params)) throw new Error(`query uses $${name} but no value was bound for it`);
      values.push(params[name]);
      out += "?";
      i += name.length + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return { sql: out, values };
}
