import type { DuckDBConnection } from "@duckdb/node-api";
import { tables, type TableName } from "../warehouse/tables.ts";
import { parseExpression, quoteIdent, quoteLiteral } from "./parse-sql.ts";
import { sourceHeaders, type Preset } from "./preset.ts";
import { readerError, readOrderLine, type Malformed } from "./read-export.ts";

/** Rows as text, one VARCHAR column per header: a staging table, or a reader call DuckDB scans once. */
export interface RowSource {
  /** Table expression, aliased `s` in the parse. */
  from: string;
  headers: string[];
  /**
   * SQL for a row's line over the source aliased `s` (a staging table stores it); or, for a reader
   * read in file order, the line of its first row: later rows follow, skipping malformed lines.
   */
  line: string | number;
  /** Lines the reader could not split: known once the source has been read. */
  malformed: Malformed[] | (() => Promise<Malformed[]>);
}

/** What one pass over the parsed rows says about them, before anything is stored. */
export interface ParsedRows {
  /** SQL for a parsed row's source line, over `__parsed` aliased `p`. */
  lineSql: string;
  malformed: Malformed[];
  good: number;
  bad: number;
  /** Good rows sharing a natural key with an earlier good row of the same file (by key hash; "keep" tables only). */
  clashes: number;
  /** The good rows' date span, for comparing with stored rows only where they can overlap. */
  lo: string | null;
  hi: string | null;
  /** Good rows dated in a closed ISO week, at or before data this preset already delivered. */
  late: number;
}

/** The column that dates a fact, for late-arrival accounting; tables of settings have none. */
export const dateColumn: Partial<Record<TableName, string>> = { events: "ts", orders: "ts", spend: "date", content: "date", traffic: "date" };

interface ColumnSql {
  target: string;
  /** Typed value, from the row's text. */
  value: string;
  /** The cell text the value came from (NULL when empty), kept to explain a reject. */
  cell?: string;
  header?: string;
  required?: boolean;
}

/** Per target column: the typed value, and the cell it came from. */
export function columnSql(preset: Preset, headers: string[]): ColumnSql[] {
  const out: ColumnSql[] = [];
  for (const [target, mapping] of Object.entries(preset.columns)) {
    const found = sourceHeaders(mapping, headers);
    if (found.length === 0) {
      // A missing properties/attributes column is filled from the rest below, not left null.
      if (target !== preset.rest) out.push({ target, value: "null" });
      continue;
    }
    // Exports leave a cell empty when another column carries the fact (GrowingIO: no login id → device id).
    const cells = found.map((h) => `nullif(trim(s.${quoteIdent(h)}), '')`);
    const cell = cells.length === 1 ? cells[0] : `coalesce(${cells.join(", ")})`;
    // The cell is trimmed text already: a text column is the cell itself, and can only be missing.
    let value = mapping.parse === "text" ? cell : parseExpression(mapping.parse, cell);
    if (mapping.values) {
      const cases = Object.entries(mapping.values).map(([k, v]) => `when ${quoteLiteral(k)} then ${quoteLiteral(v)}`).join(" ");
      value = `(case ${cell} ${cases} else null end)`;
    }
    out.push({ target, value, cell, header: found.join(" / "), required: mapping.required });
  }
  for (const [target, constant] of Object.entries(preset.constants ?? {})) out.push({ target, value: quoteLiteral(constant) });
  if (preset.rest && !out.some((c) => c.target === preset.rest)) {
    const mapped = new Set(Object.values(preset.columns).flatMap((m) => m.from));
    const rest = headers.filter((h) => !mapped.has(h));
    out.push({ target: preset.rest, value: rest.length ? `json_object(${rest.map((h) => `${quoteLiteral(h)}, nullif(s.${quoteIdent(h)}, '')`).join(", ")})` : "null" });
  }
  return out;
}

/** Why a parsed row is rejected, from its typed values and their cells ('' when it is fine). */
function problemSql(columns: ColumnSql[]): string {
  const problems = columns.flatMap((c, i) => {
    if (!c.cell) return [];
    const cell = `__cell${i}`;
    const label = `${c.header}: `;
    if (c.value === c.cell) return c.required ? [`case when ${cell} is null then ${quoteLiteral(label + "missing value")} end`] : [];
    return [
      c.required
        ? `case when ${cell} is null then ${quoteLiteral(label + "missing value")} when ${quoteIdent(c.target)} is null then ${quoteLiteral(label + "cannot parse ")} || ${cell} end`
        : `case when ${cell} is not null and ${quoteIdent(c.target)} is null then ${quoteLiteral(label + "cannot parse ")} || ${cell} end`
    ];
  });
  return problems.length ? problems.join(", ") : "null";
}

/** Sanity rules beyond parsing: money is never negative, nor beyond what one order or day can be. */
function sanitySql(preset: Preset): string[] {
  const checks: string[] = [];
  for (const column of ["amount", "cost"]) {
    if (column in preset.columns) {
      checks.push(`case when ${column} < 0 then '${column}: negative amount ' || ${column} end`);
      checks.push(`case when ${column} > 100000000 then '${column}: implausible amount ' || ${column} end`);
    }
  }
  return checks;
}

/**
 * Parses the source into the temp table `__parsed` in one pass: the preset's typed columns and
 * `__problems` ('' for a good row); for bad rows only, the raw row as JSON (`__raw`) and, where
 * line numbers mean nothing (database rows), the key columns naming it (`__key`). Then one
 * aggregate pass counts what the load needs. Nothing in the warehouse changes.
 */
export async function parseRows(
  connection: DuckDBConnection,
  { name, preset, source, keyHeaders }: { name: string; preset: Preset; source: RowSource; keyHeaders?: string[] }
): Promise<ParsedRows> {
  const columns = columnSql(preset, source.headers);
  const sanity = sanitySql(preset);
  const stored = typeof source.line === "string";
  const keyText = keyHeaders?.length ? `concat_ws(', ', ${keyHeaders.map((h) => `${quoteLiteral(h + "=")} || coalesce(__row.${quoteIdent(h)}, 'NULL')`).join(", ")})` : null;
  // Cells are trimmed and parsed once; reasons are built from the results. The raw row is only
  // turned into JSON for rejected rows: a clean file pays nothing for it.
  try {
    await connection.run(`drop table if exists __parsed; create temp table __parsed as
      select ${stored ? "__line, " : ""}${columns.map((c) => quoteIdent(c.target)).join(", ")}, __problems,
        case when __problems <> '' then to_json(__row)::varchar end as __raw${keyText ? `, case when __problems <> '' then ${keyText} end as __key` : ""}
      from (select *, concat_ws('; ', ${problemSql(columns)}, ${sanity.length ? sanity.join(", ") : "null"}) as __problems
        from (select s as __row, ${stored ? `${source.line} as __line, ` : ""}${columns.map((c, i) => `${c.value} as ${quoteIdent(c.target)}${c.cell ? `, ${c.cell} as __cell${i}` : ""}`).join(", ")}
          from ${source.from} s))`);
  } catch (error) {
    // A reader scanned here (not staged before) reports a file it cannot read at this point.
    throw stored ? error : readerError(name, error);
  }
  const malformed = typeof source.malformed === "function" ? await source.malformed() : source.malformed;
  const lineSql = typeof source.line === "string" ? "p.__line" : await readOrderLine(connection, "p.rowid", source.line, malformed);

  const spec = tables[preset.table];
  const when = dateColumn[preset.table];
  const dated = when && columns.some((c) => c.target === when && c.cell) ? quoteIdent(when) : undefined;
  const good = "where __problems = ''";
  const stats = (await connection.runAndReadAll(`select count(*) filter (${good}) as good, count(*) filter (where __problems <> '') as bad,
      ${spec.onConflict === "keep" ? `count(*) filter (${good}) - count(distinct hash(${spec.key.map(quoteIdent).join(", ")})) filter (${good})` : "0"} as clashes,
      ${dated ? `min(${dated}) filter (${good})::varchar` : "null"} as lo, ${dated ? `max(${dated}) filter (${good})::varchar` : "null"} as hi
    from __parsed`)).getRowObjectsJS()[0];
  const lo = stats.lo === null ? null : String(stats.lo);
  let late = 0;
  if (dated && lo !== null) {
    // Late = dated in a closed ISO week, at or before data this source (preset) already delivered:
    // a backfill into a period that may have been reported already. Other sources filling the same
    // table (GrowingIO next to 神策) do not make each other late. Only stored rows from the file's
    // first date on can make one of its rows late: the bound lets DuckDB skip older row groups by
    // their min/max, instead of reading the whole table for every file.
    const since = `${quoteLiteral(lo)}::${when === "ts" ? "timestamptz" : "date"}`;
    late = Number((await connection.runAndReadAll(`select count(*) as n from __parsed ${good} and ${dated} < date_trunc('week', current_date)
      and ${dated} <= (select max(${dated}) from ${preset.table} where ${dated} >= ${since} and source_file in (select file from ingest_log where preset = $preset))`, { preset: preset.name })).getRowObjectsJS()[0].n);
  }
  return {
    lineSql, malformed,
    good: Number(stats.good), bad: Number(stats.bad), clashes: Number(stats.clashes), late,
    lo, hi: stats.hi === null ? null : String(stats.hi)
  };
}
