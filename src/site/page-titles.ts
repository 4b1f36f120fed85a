import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { PageRewrite } from "../build/rewrite-pages.ts";
import type { Locale } from "../config.ts";
import { searchIndexFile } from "./segment-search-index.ts";

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

/** A page rewrite putting the translated title into the page's <title>. */
export function titleRewrite(titles: Map<string, string>): PageRewrite {
  const escaped = new Map([...titles].map(([from, to]) => [escape(from), escape(to)]));
  // Framework writes "<title>Page | Site</title>", or the page title alone.
  return (html) => (escaped.size ? html.replace(/<title>([^<|]*?)( \| [^<]*)?<\/title>/, (m, page: string, site = "") => (escaped.has(page) ? `<title>${escaped.get(page)}${site}</title>` : m)) : html);
}

/** Puts the translated titles into the search index's stored titles, which its results show. */
export function translateSearchTitles(distDir: string, titles: Map<string, string>): void {
  const file = searchIndexFile(distDir);
  if (!titles.size || !file) return;
  const index = JSON.parse(readFileSync(file, "utf8")) as { storedFields?: Record<string, { title?: string }> };
  for (const stored of Object.values(index.storedFields ?? {})) if (stored.title && titles.has(stored.title)) stored.title = titles.get(stored.title);
  writeFileSync(file, JSON.stringify(index));
}
