import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { listExports } from "../ingest/ingest-directory.ts";

/**
 * Every export file's path, size and modification time: what ingest looks at first to tell a
 * file it already loaded (it reads a file only when these differ from its log). The same listing
 * and an untouched warehouse mean ingest would load nothing.
 */
export function exportsListing(exportsDir: string): string {
  const hash = createHash("sha256").update(exportsDir).update("\0");
  for (const file of listExports(exportsDir)) {
    const s = statSync(file);
    hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest("hex");
}
