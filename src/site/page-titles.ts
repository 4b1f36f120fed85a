import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Locale } from "../config.ts";

function* markdownFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* markdownFiles(path);
    else if (entry.name.endsWith(".md")) yield path;
  }
}

/**
 * Each template's title in `locale`, keyed by the title Framework printed: a page writes
 * `en-US| title: Weekly operations report` beside `title: 运营数据周报` in its front matter, the
 * same mark its body lines use. Framework reads front matter itself and ignores that key, so the
 * built pages get it here.
 */
export function localizedTitles(frameworkRoot: string, locale: Locale): Map<string, string> {
  const titles = new Map<string, string>();
  for (const file of markdownFiles(frameworkRoot)) {
    const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(readFileSync(file, "utf8"))?.[1];
    if (!front) continue;
    let data: unknown;
    try {
      data = parseYaml(front);
    } catch {
      continue; // Framework reports bad front matter itself.
    }
    if (!data || typeof data !== "object") continue;
    const entries = Object.entries(data as Record<string, unknown>);
    const title = entries.find(([k]) => k === "title")?.[1];
    const translated = entries.find(([k]) => k.replace(/\s+/g, "") === `${locale}|title`)?.[1];
    if (typeof title === "string" && typeof translated === "string") titles.set(title, translated);
  }
  return titles;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Puts the translated titles into each page's <title> and the search index's stored titles. */
export function translateTitles(distDir: string, titles: Map<string, string>): void {
  if (!titles.size) return;
  const escaped = new Map([...titles].map(([from, to]) => [escape(from), escape(to)]));
  const walk = function* (dir: string): Generator<string> {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(path);
      else yield path;
    }
  };
  for (const file of walk(distDir)) {
    if (file.endsWith(".html")) {
      const text = readFileSync(file, "utf8");
      // Framework writes "<title>Page | Site</title>", or the page title alone.
      const next = text.replace(/<title>([^<|]*?)( \| [^<]*)?<\/title>/, (m, page: string, site = "") => (escaped.has(page) ? `<title>${escaped.get(page)}${site}</title>` : m));
      if (next !== text) writeFileSync(file, next);
    } else if (/\/_observablehq\/minisearch\.[0-9a-f]+\.json$/.test(file)) {
      const index = JSON.parse(readFileSync(file, "utf8")) as { storedFields?: Record<string, { title?: string }> };
      for (const stored of Object.values(index.storedFields ?? {})) if (stored.title && titles.has(stored.title)) stored.title = titles.get(stored.title);
      writeFileSync(file, JSON.stringify(index));
    }
  }
}
