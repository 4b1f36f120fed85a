import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Size, modification and change time and inode of the warehouse file and its write-ahead log.
 * DuckDB writes nothing on a read-only open, nor on a read-write open that commits nothing
 * (an ingest that finds every export already loaded), so an equal stamp means the same content.
 * The change time and inode also catch a file swapped in by a copy that kept the old size and
 * mtime (`cp -p`, a restored backup), which size and mtime alone would not.
 */
export function warehouseStamp(dbPath: string): string {
  return [dbPath, `${dbPath}.wal`].map((file) => {
    if (!existsSync(file)) return "-";
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;
  }).join("|");
}

/**
 * One facts file per warehouse in `dir`: projects sharing a Framework root (the test suite's, the
 * bench's) would otherwise keep replacing each other's facts and each find none.
 */
export function warehouseCacheFile(dir: string, dbPath: string): string {
  return join(dir, `warehouse-${createHash("sha256").update(resolve(dbPath)).digest("hex").slice(0, 16)}.json`);
}

/**
 * Facts derived from the warehouse's content alone (fingerprints, the page index, gate findings),
 * kept between builds in one JSON file while the warehouse's stamp stays the same, so a build
 * that finds nothing changed need not open DuckDB at all. Each fact also has its own key (the
 * code and settings it was computed with); a different key recomputes just that fact.
 */
export interface WarehouseCache {
  get<T>(name: string, key: string, compute: () => Promise<T>): Promise<T>;
  /** Whether `name` was recorded with this key for the warehouse as it is (also under `recompute`). */
  has(name: string, key: string): boolean;
  set(name: string, key: string, value: unknown): void;
  /** Writes the file when a fact was computed or set. */
  save(): void;
}

interface CacheFile {
  stamp: string;
  facts: Record<string, { key: string; value: unknown }>;
}

/**
 * The cache for the warehouse as it is now. The stamp is taken before anything is computed: a
 * write that lands during the build leaves facts filed under the older stamp, which the next build
 * no longer matches.
 */
export function openWarehouseCache(file: string, dbPath: string, { recompute = false }: { recompute?: boolean } = {}): WarehouseCache {
  const stamp = warehouseStamp(dbPath);
  let facts: CacheFile["facts"] = {};
  try {
    const stored = JSON.parse(readFileSync(file, "utf8")) as CacheFile;
    if (stored.stamp === stamp && stored.facts && typeof stored.facts === "object") facts = stored.facts;
  } catch {
    // No cache yet, or unreadable: everything is computed.
  }
  const computed = new Set<string>();
  let dirty = false;
  const cache: WarehouseCache = {
    has: (name, key) => facts[name]?.key === key,
    set(name, key, value) {
      facts[name] = { key, value };
      computed.add(name);
      dirty = true;
    },
    async get<T>(name: string, key: string, compute: () => Promise<T>): Promise<T> {
      // recompute: every fact asked for is computed afresh once (and kept for later builds).
      if (cache.has(name, key) && (!recompute || computed.has(name))) return facts[name].value as T;
      const value = await compute();
      cache.set(name, key, value);
      return value;
    },
    save() {
      if (!dirty) return;
      // Written aside and renamed: builds of other projects sharing this Framework root may save at once.
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.${process.pid}`, JSON.stringify({ stamp, facts } satisfies CacheFile) + "\n");
      renameSync(`${file}.${process.pid}`, file);
      dirty = false;
    }
  };
  return cache;
}
