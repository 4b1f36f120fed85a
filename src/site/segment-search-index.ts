import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import MiniSearch from "minisearch";
import { cjkTerms } from "./cjk-terms.ts";

interface SearchJson {
  options: { fields: string[]; storeFields: string[] };
  documentIds: Record<string, string>;
  storedFields: Record<string, { title?: string }>;
  fieldIds: Record<string, number>;
  index: [string, Record<string, Record<string, number>>][];
}

/** MiniSearch's default split: anything that is not a letter or digit separates words. */
const split = /[\n\r\p{Z}\p{P}\p{S}]+/u;

/** The same normalisation Framework's own index applies (search.js), then Chinese word terms. */
function terms(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(split)
    .filter(Boolean)
    .flatMap(cjkTerms);
}

function pageText(html: string): string {
  const main = /<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(html)?.[1] ?? "";
  return main
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|amp|lt|gt|quot|nbsp);/gi, (m, d, h) => (d ? String.fromCodePoint(+d) : h ? String.fromCodePoint(parseInt(h, 16)) : ({ "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&nbsp;": " " } as Record<string, string>)[m.toLowerCase()] ?? " "));
}

/** The built site's search index (Framework's _observablehq/minisearch.<hash>.json), if it has one. */
export function searchIndexFile(distDir: string): string | undefined {
  const dir = join(distDir, "_observablehq");
  const file = existsSync(dir) ? readdirSync(dir).find((f) => /^minisearch\.[0-9a-f]+\.json$/.test(f)) : undefined;
  return file && join(dir, file);
}

/**
 * Framework's search index splits text on spaces, so a Chinese sentence is one long term and 留存
 * finds only pages where it stands alone. This rebuilds the built site's index over the same
 * pages with Chinese words segmented, keeping the file name the pages already load.
 */
export function segmentSearchIndex(distDir: string): number {
  const file = searchIndexFile(distDir);
  if (!file) return 0;
  const old = JSON.parse(readFileSync(file, "utf8")) as SearchJson;
  const index = new MiniSearch({
    fields: old.options.fields,
    storeFields: old.options.storeFields,
    tokenize: terms,
    // As Framework's index: long numbers are noise, and terms keep 15 characters.
    processTerm: (term) => ((term.match(/\p{N}/gu)?.length ?? 0) > 6 ? null : term.slice(0, 15).toLowerCase())
  });
  // Front-matter keywords are not in the built HTML; recover them from Framework's index.
  const keywordField = String(old.fieldIds.keywords);
  const keywords = new Map<string, string[]>();
  for (const [term, fields] of old.index) for (const short of Object.keys(fields[keywordField] ?? {})) keywords.set(short, [...(keywords.get(short) ?? []), term]);
  let count = 0;
  for (const [short, id] of Object.entries(old.documentIds)) {
    const page = join(distDir, id === "/" || id === "/index" ? "index.html" : `${id.replace(/\/$/, "/index")}.html`);
    const html = existsSync(page) ? readFileSync(page, "utf8") : "";
    index.add({ id, title: old.storedFields[short]?.title ?? "", text: pageText(html), keywords: (keywords.get(short) ?? []).join(" ") });
    count++;
  }
  writeFileSync(file, JSON.stringify({ options: old.options, ...index.toJSON() }));
  return count;
}
