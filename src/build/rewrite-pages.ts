import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One change to a built page's HTML. */
export type PageRewrite = (html: string) => string;

/**
 * Reads every HTML page of a built site once, applies each rewrite in turn and writes it back when
 * it changed: the build's finishing touches (language, head and footer, titles, pinned times) in
 * one pass over the pages instead of one each.
 */
export function rewritePages(distDir: string, rewrites: PageRewrite[]): void {
  for (const name of readdirSync(distDir, { recursive: true, encoding: "utf8" })) {
    if (!name.endsWith(".html")) continue;
    const file = join(distDir, name);
    const text = readFileSync(file, "utf8");
    const next = rewrites.reduce((html, rewrite) => rewrite(html), text);
    if (next !== text) writeFileSync(file, next);
  }
}
