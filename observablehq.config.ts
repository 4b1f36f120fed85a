import { readFileSync } from "node:fs";
import { loadConfig } from "./src/config.ts";
import type { SiteIndex } from "./src/site/site-index.ts";
import { strings } from "./src/site/strings.ts";
import { sidebar, generatedPaths } from "./src/site/sidebar.ts";
import { opsbookMarkdown } from "./src/markdown/index.ts";
import { operationsPaths, operationsSidebar } from "./src/site/operations-pages.ts";
import { pageChrome } from "./src/site/page-chrome.ts";

const opsbook = loadConfig();
const t = strings(opsbook.locale);
const chrome = pageChrome(opsbook.locale);
// `opsbook build` adds head and footer to the built pages itself (addPageChrome: Framework would
// parse both with JSDOM three times per page); preview serves them from here.
const chromeAfterBuild = process.env.OPSBOOK_BUILD_OUT !== undefined;

// The site's pages follow the warehouse: one weekly report per ISO week with data.
let index: SiteIndex = { firstDay: null, lastDay: null, weeks: [], months: [], campaigns: [] };
try {
  // `opsbook build` has read the index already and passes it on, so this process never opens
  // DuckDB. The import is by URL so that esbuild leaves it out of the build's config bundle (it
  // would hoist the DuckDB bindings to the top: ≈ 0.2 s of start-up); only preview takes it.
  const passed = process.env.OPSBOOK_SITE_INDEX_FILE;
  const siteIndexModule = new URL("./src/site/site-index.ts", import.meta.url).href;
  index = passed ? (JSON.parse(readFileSync(passed, "utf8")) as SiteIndex) : await ((await import(siteIndexModule)) as typeof import("./src/site/site-index.ts")).siteIndex();
} catch (error) {
  console.warn(`opsbook: ${(error as Error).message}; building without generated pages`);
}

export default {
  root: "reports",
  output: process.env.OPSBOOK_BUILD_OUT ?? "dist",
  title: opsbook.title,
  // No web fonts: the theme's Google Fonts link is dropped and style.css sets a CJK system stack.
  globalStylesheets: [],
  style: "style.css",
  footer: chromeAfterBuild ? null : chrome.footer,
  head: chromeAfterBuild ? null : chrome.head,
  header: null,
  search: true,
  pager: false,
  toc: { label: t.contents },
  // DuckDB-WASM must not fetch extensions; pages ship Arrow IPC, which needs none.
  duckdb: { extensions: { json: null, parquet: null } },
  // ```funnel, ```kpi and ```retention blocks: reports written in Markdown alone.
  markdownIt: opsbookMarkdown,
  // Opsbook's data loaders are TypeScript. Framework looks every file and page up once per
  // interpreter extension (a directory glob each where names have [params]): eleven unused ones
  // made those lookups ≈ 2 s of an 86-page build.
  interpreters: {
    ...Object.fromEntries([".js", ".py", ".r", ".R", ".rs", ".go", ".java", ".jl", ".php", ".sh", ".exe"].map((ext) => [ext, null])),
    // `opsbook build` computes the outputs itself while Framework starts (src/build/page-build.ts).
    ...(process.env.OPSBOOK_AWAIT_OUTPUT ? { ".ts": [process.execPath, process.env.OPSBOOK_AWAIT_OUTPUT] } : {})
  },
  pages: [...sidebar(index, t), ...operationsSidebar(index, opsbook.locale)],
  dynamicPaths: [...generatedPaths(index), ...operationsPaths(index)]
};
