import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { closureHash, sourceClosure, tablesMentioned } from "./source-closure.ts";

/** Framework runs a file as a data loader when its name ends in one of these after the output's own extension. */
const loaderExtension = /\.(js|ts|mjs|py|R|rs|go|java|jl|php|sh|exe)$/;

export interface DataLoader {
  /** Path relative to the Framework root, e.g. "data/weekly-[week].json.ts". */
  path: string;
  /** Matches the outputs it produces; named groups are the route params. */
  output: RegExp;
  sourceHash: string;
  /** Warehouse tables its sources mention. */
  tables: string[];
}

export interface CacheContext {
  /** Table → content fingerprint. */
  fingerprints: Record<string, string>;
  /** Anything else every output depends on: settings, the lock file. */
  salt: string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|\\]/g, "\\$&");
}

/** Every data loader of a Framework root (the components symlink and Framework's own cache excluded). */
export function findLoaders(frameworkRoot: string, tables: string[]): DataLoader[] {
  const out: DataLoader[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.isSymbolicLink() || entry.name === "node_modules") continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (loaderExtension.test(entry.name) && /\.[^.]+\.[^.]+$/.test(entry.name)) {
        const path = relative(frameworkRoot, full).split("\\").join("/");
        const target = path.replace(loaderExtension, "");
        const pattern = escapeRegExp(target).replace(/\\\[([a-z0-9_]+)\]|\[([a-z0-9_]+)\]/gi, (_, a, b) => `(?<${a ?? b}>[^/]+)`);
        const closure = sourceClosure(full);
        out.push({ path, output: new RegExp(`^${pattern}$`), sourceHash: closureHash(closure, frameworkRoot), tables: tablesMentioned(closure, tables) });
      }
    }
  };
  walk(frameworkRoot);
  // Static names win over parameterized ones, as in Framework's own routing.
  return out.sort((a, b) => Number(a.path.includes("[")) - Number(b.path.includes("[")));
}

/**
 * The content key of one loader output: its loader's code (with every local import), the route
 * params, and the fingerprints of the tables it reads. Equal keys mean equal output.
 */
export function outputKey(loaders: DataLoader[], target: string, context: CacheContext): string | undefined {
  for (const loader of loaders) {
    const m = loader.output.exec(target);
    if (!m) continue;
    const hash = createHash("sha256").update(loader.path).update("\0").update(target).update("\0").update(loader.sourceHash).update("\0").update(context.salt);
    for (const table of loader.tables) hash.update(`\0${table}=${context.fingerprints[table] ?? "absent"}`);
    return hash.digest("hex");
  }
  return undefined;
}

const cacheDir = (frameworkRoot: string) => join(frameworkRoot, ".observablehq", "cache");
const manifestPath = (frameworkRoot: string) => join(cacheDir(frameworkRoot), "_opsbook", "loader-keys.json");
/** Where the build keeps the warehouse fingerprints between runs (see fingerprint-cache.ts). */
export const fingerprintCacheFile = (frameworkRoot: string) => join(cacheDir(frameworkRoot), "_opsbook", "fingerprints.json");

/** Loader outputs in Framework's cache (its own bundles and the vendored packages live under "_…"). */
export function cachedOutputs(frameworkRoot: string): string[] {
  const root = cacheDir(frameworkRoot);
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (dir === root && entry.name.startsWith("_")) continue;
      if (entry.isDirectory()) walk(full);
      // Framework's in-flight and failed runs: "<target>.<pid>" and "<target>.<pid>.err".
      else if (!/\.\d+(\.err)?$/.test(entry.name)) out.push(relative(root, full).split("\\").join("/"));
      else rmSync(full, { force: true });
    }
  };
  walk(root);
  return out;
}

function readManifest(frameworkRoot: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(manifestPath(frameworkRoot), "utf8"));
  } catch {
    return {};
  }
}

/**
 * Before Framework runs: keep each cached output whose content key still matches (touched, so
 * Framework's mtime check sees it as fresh) and delete every other one, so Framework reruns exactly
 * the loaders whose inputs changed.
 */
export function prepareLoaderCache(frameworkRoot: string, keyOf: (target: string) => string | undefined): { reused: string[]; invalidated: string[] } {
  const manifest = readManifest(frameworkRoot);
  const kept: Record<string, string> = {};
  const reused: string[] = [];
  const invalidated: string[] = [];
  const now = new Date();
  for (const target of cachedOutputs(frameworkRoot)) {
    const file = join(cacheDir(frameworkRoot), target);
    const key = keyOf(target);
    if (key && manifest[target] === key) {
      utimesSync(file, now, now);
      kept[target] = key;
      reused.push(target);
    } else {
      rmSync(file, { force: true });
      invalidated.push(target);
    }
  }
  // Outputs Framework writes from here on count only once a successful build records their keys.
  writeManifest(frameworkRoot, kept);
  return { reused, invalidated };
}

function writeManifest(frameworkRoot: string, manifest: Record<string, string>): void {
  mkdirSync(dirname(manifestPath(frameworkRoot)), { recursive: true });
  writeFileSync(manifestPath(frameworkRoot), JSON.stringify(manifest, null, 1) + "\n");
}

/** After a successful build: remember the key each output was produced under. */
export function recordLoaderCache(frameworkRoot: string, keyOf: (target: string) => string | undefined, exclude: Set<string> = new Set()): void {
  const manifest: Record<string, string> = {};
  for (const target of cachedOutputs(frameworkRoot)) {
    const key = keyOf(target);
    if (key && !exclude.has(target)) manifest[target] = key;
  }
  writeManifest(frameworkRoot, manifest);
}

/** Forget every loader output: the next build reruns them all. */
export function clearLoaderCache(frameworkRoot: string): void {
  for (const target of cachedOutputs(frameworkRoot)) rmSync(join(cacheDir(frameworkRoot), target), { force: true });
  rmSync(manifestPath(frameworkRoot), { force: true });
}

export function cachedOutputPath(frameworkRoot: string, target: string): string {
  return join(cacheDir(frameworkRoot), target);
}
