import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Hosts a page must never load from: public CDNs and web-font services. */
export const forbiddenHosts = /cdn\.jsdelivr|unpkg\.com|googleapis|gstatic|esm\.sh|extensions\.duckdb\.org/;

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Loads from another origin: script and link tags, CSS url() and @import. Plain <a> links are fine. */
const remoteLoad = /<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["']?(?:https?:)?\/\/[^"' >]+|url\(["']?(?:https?:)?\/\/[^)]+\)|@import\s+(?:url\()?["']?(?:https?:)?\/\//i;

/** Files in the built site that would load something from another origin (HTML and CSS). */
export function findOffOriginReferences(distDir: string): { file: string; match: string }[] {
  const found: { file: string; match: string }[] = [];
  for (const file of walk(distDir)) {
    if (!/\.(html|css)$/.test(file)) continue;
    const text = readFileSync(file, "utf8");
    const m = forbiddenHosts.exec(text) ?? remoteLoad.exec(text);
    if (m) found.push({ file, match: m[0].slice(0, 160) });
  }
  return found;
}

/** Framework writes a bare <html>; screen readers and fonts need the page language. */
export function withPageLanguage(html: string, lang: string): string {
  return html.replace(/<html(?![^>]*\blang=)([^>]*)>/, `<html lang="${lang}"$1>`);
}
