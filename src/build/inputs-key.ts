import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Project files a built site can depend on, besides the warehouse. */
const inputRoots = ["reports", "src", "observablehq.config.ts", "opsbook.config.json", "package-lock.json"];

/**
 * One key for everything a build reads: the project's pages, code and settings plus whatever the
 * caller adds (table fingerprints, the snapshots served, the closed weeks). Builds are
 * deterministic, so an equal key means the published site is already what a build would produce.
 */
export function inputsKey(root: string, extra: unknown): string {
  const hash = createHash("sha256");
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      // reports/components is a symlink into src/, hashed there; Framework's cache is an output.
      if (entry.name === ".observablehq" || entry.name === "node_modules" || entry.isSymbolicLink()) continue;
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(relative(root, full)).update("\0").update(readFileSync(full)).update("\0");
    }
  };
  for (const name of inputRoots) {
    const full = join(root, name);
    if (!existsSync(full)) continue;
    if (name.includes(".")) hash.update(name).update("\0").update(readFileSync(full)).update("\0");
    else walk(full);
  }
  hash.update(JSON.stringify(extra));
  return hash.digest("hex");
}
