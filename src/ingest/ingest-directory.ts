import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { defaultChannelGroups, ensureSchema } from "../warehouse/schema.ts";
import { fileFacts, type FileFacts } from "./file-facts.ts";
import { ingestFile, type IngestResult } from "./ingest-file.ts";
import { upgradeIngestLog } from "./upgrade-ingest-log.ts";
import type { Preset } from "./preset.ts";
import { ExportFileError, exportFormat, type TextEncoding } from "./read-export.ts";

export interface IngestOptions {
  exportsDir: string;
  presets: Preset[];
  encoding?: TextEncoding;
  sheet?: string;
  onFile?: (result: IngestResult, index: number, total: number) => void;
  onStart?: (file: string, index: number, total: number) => void;
}

/** Every export file under a directory, in name order (exports are usually dated in their names). */
export function listExports(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      if (entry.startsWith(".")) continue;
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (exportFormat(entry)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** Loads each file in its own transaction; one bad file does not stop the others. */
export async function ingestDirectory(connection: DuckDBConnection, options: IngestOptions): Promise<IngestResult[]> {
  await ensureSchema(connection);
  await upgradeIngestLog(connection);
  const files = listExports(options.exportsDir);
  const results: IngestResult[] = [];
  // A file already loaded under the same name, size and modification time is skipped without reading
  // it (as rsync decides); anything else is hashed, so a renamed copy is still recognised.
  const known = new Set(
    (await connection.runAndReadAll(`select file, file_size, file_mtime_ms from ingest_log where file_size is not null`)).getRowObjectsJS().map((r) => `${r.file}\t${r.file_size}\t${r.file_mtime_ms}`)
  );
  const stats = new Map(files.map((f) => [f, statSync(f)]));
  const unchanged = (f: string) => {
    const s = stats.get(f)!;
    return known.has(`${relative(options.exportsDir, f)}\t${s.size}\t${Math.round(s.mtimeMs)}`);
  };
  // Hashes are read ahead, a few files at a time, while earlier files load: on a re-run over an
  // unchanged directory, reading the bytes once is nearly all the work.
  const hashes = new Map<string, Promise<FileFacts>>();
  const hashAhead = (from: number) => {
    for (const f of files.slice(from, from + 4)) {
      if (hashes.has(f) || unchanged(f)) continue;
      const hash = fileFacts(f);
      hash.catch(() => {}); // a vanished file fails when its turn comes, not before
      hashes.set(f, hash);
    }
  };
  for (const [i, file] of files.entries()) {
    hashAhead(i);
    const displayName = relative(options.exportsDir, file);
    options.onStart?.(displayName, i, files.length);
    let result: IngestResult;
    if (unchanged(file)) {
      result = { file: displayName, status: "unchanged", rowsLoaded: 0, rowsRejected: 0, message: "already loaded" };
      results.push(result);
      options.onFile?.(result, i, files.length);
      continue;
    }
    try {
      const { hash, unpadded } = await hashes.get(file)!;
      result = await ingestFile(connection, file, options.presets, { encoding: options.encoding, sheet: options.sheet, displayName, hash, unpadded, stat: stats.get(file) });
      hashes.delete(file);
    } catch (error) {
      const message = error instanceof ExportFileError ? error.message : `${displayName}: ${(error as Error).message}`;
      result = { file: displayName, status: "failed", rowsLoaded: 0, rowsRejected: 0, message };
    }
    results.push(result);
    options.onFile?.(result, i, files.length);
  }
  // Nothing new, nothing to classify: keeps a re-run over an unchanged directory fast.
  if (results.some((r) => r.status === "loaded")) await refreshChannels(connection);
  return results;
}

/** Every channel seen gets a 公域/私域 group; unknown channels default to 公域 until configured. */
export async function refreshChannels(connection: DuckDBConnection): Promise<void> {
  const known = JSON.stringify(Object.entries(defaultChannelGroups).map(([channel, channel_group]) => ({ channel, channel_group })));
  await connection.run(`insert into channels
    select channel, coalesce(k.channel_group, '公域') from (
      select distinct channel from events where channel is not null
      union select distinct channel from users where channel is not null
      union select distinct channel from spend
      union select distinct channel from orders where channel is not null
    ) c left join (select unnest(from_json($known, '[{"channel":"VARCHAR","channel_group":"VARCHAR"}]'), recursive := true)) k using (channel)
    where channel not in (select channel from channels)`, { known });
}
