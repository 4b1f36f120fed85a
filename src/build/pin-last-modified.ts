import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Framework stamps each file attachment with its cached file's mtime, i.e. when the loader happened
 * to run. Pages get the day the data reaches instead, so the same warehouse always builds the same
 * bytes (and FileAttachment.lastModified says how current the data is, not the build).
 */
export function pinLastModified(distDir: string, instant: number): void {
  for (const name of readdirSync(distDir, { recursive: true, encoding: "utf8" })) {
    if (!name.endsWith(".html")) continue;
    const file = join(distDir, name);
    const text = readFileSync(file, "utf8");
    const pinned = text.replace(/"lastModified":\d+/g, `"lastModified":${instant}`);
    if (pinned !== text) writeFileSync(file, pinned);
  }
}
