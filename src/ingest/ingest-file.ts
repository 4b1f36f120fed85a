import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { tables } from "../warehouse/tables.ts";
import { parseExpression, quoteIdent, quoteLiteral } from "./parse-sql.ts";
import { presetMatches, type Preset } from "./preset.ts";
import { ExportFileError, stageFile, type StagedFile, type TextEncoding } from "./read-export.ts";

export interface IngestResult {
  file: string;
  status: "loaded" | "unchanged" | "failed";
  preset?: string;
  table?: string;
  rowsLoaded: number;
  rowsRejected: number;
  message?: string;
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export function choosePreset(presets: Preset[], file: string, headers: string[]): Preset | undefined {
  let best: { preset: Preset; score: number } | undefined;
  for (const preset of presets) {
    const { matched, score } = presetMatches(preset, headers);
    if (!matched) continue;
    const named = preset.fileName && new RegExp(preset.fileName, "i").test(basename(file)) ? 0.5 : 0;
    if (!best || score + named > best.score) best = { preset, score: score + named };
  }
  return best?.preset;
}

/** Per target column: the typed value, and a reason when a non-empty cell would not parse. */
function columnSql(preset: Preset, headers: string[]): { target: string; value: string; problem?: string }[] {
  const present = new Set(headers);
  const out: { target: string; value: string; problem?: string }[] = [];
  for (const [target, mapping] of Object.entries(preset.columns)) {
    const header = mapping.from.find((h) => present.has(h));
    if (!header) {
      // A missing properties/attributes column is filled from the rest below, not left null.
      if (target !== preset.rest) out.push({ target, value: "null" });
      continue;
    }
    const raw = `s.${quoteIdent(header)}`;
    let value = parseExpression(mapping.parse, raw);
    if (mapping.values) {
      const cases = Object.entries(mapping.values).map(([k, v]) => `when ${quoteLiteral(k)} then ${quoteLiteral(v)}`).join(" ");
      value = `(case trim(${raw}) ${cases} else null end)`;
    }
    const empty = `(${raw} is null or trim(${raw}) = '')`;
    const label = `${header}: `;
    const problem = mapping.required
      ? `case when ${empty} then ${quoteLiteral(label + "missing value")} when ${value} is null then ${quoteLiteral(label + "cannot parse ")} || ${raw} end`
      : `case when not ${empty} and ${value} is null then ${quoteLiteral(label + "cannot parse ")} || ${raw} end`;
    out.push({ target, value, problem });
  }
  for (const [target, constant] of Object.entries(preset.constants ?? {})) out.push({ target, value: quoteLiteral(constant) });
  if (preset.rest && !out.some((c) => c.target === preset.rest)) {
    const mapped = new Set(Object.values(preset.columns).flatMap((m) => m.from));
    const rest = headers.filter((h) => h !== "__line" && !mapped.has(h));
    out.push({ target: preset.rest, value: rest.length ? `json_object(${rest.map((h) => `${quoteLiteral(h)}, nullif(s.${quoteIdent(h)}, '')`).join(", ")})` : "null" });
  }
  return out;
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
 * Loads one export file in one transaction: parsed rows go to their table (de-duplicated by the
 * table's natural key), unparseable rows to `rejects` with their line and reason, and the file's
 * hash to `ingest_log`. An error leaves the warehouse exactly as it was.
 */
export async function ingestFile(
  connection: DuckDBConnection,
  file: string,
  presets: Preset[],
  options: { encoding?: TextEncoding; displayName?: string; hash?: string } = {}
): Promise<IngestResult> {
  const name = options.displayName ?? basename(file);
  const hash = options.hash ?? (await hashFile(file));
  const seen = await connection.runAndReadAll(`select file from ingest_log where content_hash = $hash limit 1`, { hash });
  if (seen.currentRowCount > 0) {
    const previous = String(seen.getRowObjectsJS()[0].file);
    return { file: name, status: "unchanged", rowsLoaded: 0, rowsRejected: 0, message: previous === name ? "already loaded" : `same content as ${previous}, already loaded` };
  }
  const staged = await stageFile(connection, file, { encoding: options.encoding });
  const preset = choosePreset(presets, file, staged.headers);
  if (!preset) {
    throw new ExportFileError(name, `no preset matches its header (${staged.headers.filter((h) => h !== "__line").slice(0, 12).join(", ")}); run \`opsbook ingest --explain ${name}\` or declare a preset`);
  }
  const { rowsLoaded, rowsRejected } = await loadStaged(connection, { name, hash, preset, staged });
  return { file: name, status: "loaded", preset: preset.name, table: preset.table, rowsLoaded, rowsRejected };
}

export interface StagedLoad {
  /** Recorded as source_file, and as the file in ingest_log and rejects. */
  name: string;
  hash: string;
  preset: Preset;
  staged: Pick<StagedFile, "table" | "headers" | "malformed">;
  /** Source columns naming a row where line numbers mean nothing (database rows): rejects cite them instead. */
  keyHeaders?: string[];
  /** Runs inside the transaction after the rows: a database source advances its watermark here, so both commit or neither. */
  beforeCommit?: (counts: { rowsLoaded: number; rowsRejected: number }) => Promise<void>;
}

/**
 * The transform shared by every source: parses a staged all-text table with the preset's mapping,
 * then in one transaction de-duplicates good rows into the preset's table, sends bad rows to
 * `rejects` with their reason, and logs the load. An error leaves the warehouse exactly as it was.
 */
export async function loadStaged(connection: DuckDBConnection, { name, hash, preset, staged, keyHeaders, beforeCommit }: StagedLoad): Promise<{ rowsLoaded: number; rowsRejected: number }> {
  const spec = tables[preset.table];
  const columns = columnSql(preset, staged.headers);
  const problems = columns.flatMap((c) => (c.problem ? [c.problem] : []));
  await connection.run(`drop table if exists __parsed; create temp table __parsed as
    select __line, ${columns.map((c) => `${c.value} as ${quoteIdent(c.target)}`).join(", ")},
      to_json(s)::varchar as __raw,
      concat_ws('; ', ${problems.length ? problems.join(", ") : "null"}) as __reason,
      ${keyHeaders?.length ? `concat_ws(', ', ${keyHeaders.map((h) => `${quoteLiteral(h + "=")} || coalesce(s.${quoteIdent(h)}, 'NULL')`).join(", ")})` : "null"} as __key
    from ${staged.table} s`);
  const sanity = sanitySql(preset);
  if (sanity.length) await connection.run(`update __parsed set __reason = concat_ws('; ', nullif(__reason, ''), ${sanity.join(", ")})`);

  const targetColumns = spec.columns.filter((c) => columns.some((x) => x.target === c));
  const cols = targetColumns.map(quoteIdent).join(", ");
  const keyMatch = spec.key.map((k) => `t.${quoteIdent(k)} is not distinct from n.${quoteIdent(k)}`).join(" and ");
  // Within one file a repeated key keeps its last line ("replace") or its first ("keep").
  const newest = `qualify row_number() over (partition by ${spec.key.map(quoteIdent).join(", ")} order by __line ${spec.onConflict === "replace" ? "desc" : "asc"}) = 1`;

  await connection.run("begin transaction");
  try {
    await connection.run(`create or replace temp table __good as select ${cols} from __parsed where __reason = '' ${newest}`);
    if (spec.onConflict === "replace") {
      await connection.run(`delete from ${preset.table} t where exists (select 1 from __good n where ${keyMatch})`);
      await connection.run(`insert into ${preset.table} (${cols}, source_file) select ${cols}, $name from __good`, { name });
    } else {
      await connection.run(`insert into ${preset.table} (${cols}, source_file) select ${cols}, $name from __good n where not exists (select 1 from ${preset.table} t where ${keyMatch})`, { name });
    }
    await connection.run(`insert into rejects (file, line, raw, reason) select $name, ${keyHeaders?.length ? "null, __raw, __key || ': ' || __reason" : "__line, __raw, __reason"} from __parsed where __reason <> ''`, { name });
    for (const m of staged.malformed) {
      await connection.run(`insert into rejects (file, line, raw, reason) values ($name, $line, $raw, $reason)`, { name, line: m.line, raw: m.raw, reason: m.reason });
    }
    const counts = (await connection.runAndReadAll(`select count(*) filter (where __reason = '') as good, count(*) filter (where __reason <> '') as bad from __parsed`)).getRowObjectsJS()[0];
    const rowsLoaded = Number(counts.good);
    const rowsRejected = Number(counts.bad) + staged.malformed.length;
    await connection.run(`insert into ingest_log (file, content_hash, preset, table_name, rows_loaded, rows_rejected) values ($name, $hash, $preset, $table, $loaded, $rejected)`, {
      name, hash, preset: preset.name, table: preset.table, loaded: rowsLoaded, rejected: rowsRejected
    });
    await beforeCommit?.({ rowsLoaded, rowsRejected });
    await connection.run("commit");
    return { rowsLoaded, rowsRejected };
  } catch (error) {
    await connection.run("rollback");
    throw new ExportFileError(name, `not loaded, warehouse unchanged: ${(error as Error).message}`);
  } finally {
    await connection.run("drop table if exists __parsed; drop table if exists __good; drop table if exists __stage");
  }
}
