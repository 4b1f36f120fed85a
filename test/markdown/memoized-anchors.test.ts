import { describe, expect, it } from "vitest";
// Framework's own Markdown pipeline: the ids must be the ones Framework gives without the plugin.
import { createMarkdownIt, parseMarkdown } from "@observablehq/framework/dist/markdown.js";
import { memoizedAnchors } from "../../src/markdown/memoized-anchors.ts";

const page = [
  "# 运营数据周报",
  "## 核心指标",
  "## Key metrics & GMV",
  "## 核心指标",
  "### Ünïcödé `code` heading",
  "## 核心指标",
  "## Key metrics & GMV"
].join("\n\n");

const ids = (body: string) => [...body.matchAll(/<h\d id="([^"]*)"/g)].map((m) => m[1]);

describe("memoized heading anchors", () => {
  it("give every heading the id Framework's own anchor rule gives, repeats numbered the same way", () => {
    const framework = parseMarkdown(page, { md: createMarkdownIt(), path: "/p.md" }).body;
    const memoized = createMarkdownIt({ markdownIt: (md) => md.use(memoizedAnchors) });
    // Twice: the second parse is served from the memo and must not carry slugs over between pages.
    for (let i = 0; i < 2; i++) expect(parseMarkdown(page, { md: memoized, path: "/p.md" }).body).toBe(framework);
    // Framework's slugify drops Han characters: Chinese headings share the empty slug, numbered.
    expect(ids(framework)).toEqual(["", "-1", "key-metrics-and-gmv", "-2", "uenicoede-code-heading", "-3", "key-metrics-and-gmv-1"]);
  });
});
