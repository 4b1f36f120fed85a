import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

const importPattern = /(?:^|[\s;])(?:import|export)\s[^"'`]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)|(?:^|[\s;])import\s*["'](\.{1,2}\/[^"']+)["']/g;

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  // Sources import "./x.js" for files that exist as x.ts.
  const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, `${base}.js`];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/**
 * A script and every local module it imports, transitively: what a data loader's output can
 * depend on besides the data. Package imports are covered by the lock file, hashed separately.
 */
export function sourceClosure(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = [resolve(entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const text = readFileSync(file, "utf8");
    seen.set(file, text);
    for (const m of text.matchAll(importPattern)) {
      const target = resolveImport(file, m[1] ?? m[2] ?? m[3]);
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return seen;
}

/** Hash of a closure, independent of where the project is checked out. */
export function closureHash(closure: Map<string, string>, root: string): string {
  const hash = createHash("sha256");
  for (const file of [...closure.keys()].sort()) hash.update(file.slice(root.length)).update("\0").update(closure.get(file)!).update("\0");
  return hash.digest("hex");
}

/**
 * Warehouse tables a loader reads, read off its sources: any table name that appears as a word.
 * Over-inclusive on purpose (a comment mentioning "users" only costs a rerun); a table a loader
 * reads can never be missed, so no declaration can go out of date.
 */
export function tablesMentioned(closure: Map<string, string>, tables: string[]): string[] {
  const text = [...closure.values()].join("\n");
  return tables.filter((t) => new RegExp(`\\b${t}\\b`).test(text));
}
