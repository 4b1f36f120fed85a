import { describe, expect, it } from "vitest";
// Framework's own Markdown pipeline: Latin headings must keep the ids Framework gives them.
import { createMarkdownIt, parseMarkdown } from "@observablehq/framework/dist/markdown.js";
import { memoizedAnchors } from "../../src/markdown/memoized-anchors.ts";

const latin = ["# Weekly report", "## Key metrics & GMV", "### Ünïcödé `code` heading", "## Key metrics & GMV"].join("\n\n");
const chinese = ["# 运营数据周报", "## 核心指标", "## 7 日留存（D7）", "## 核心指标", "## GMV 与客单价"].join("\n\n");

const ids = (body: string) => [...body.matchAll(/<h\d id="([^"]*)"/g)].map((m) => m[1]);

describe("heading anchors", () => {
  const memoized = createMarkdownIt({ markdownIt: (md) => md.use(memoizedAnchors) });

  it("give Latin headings the ids Framework's own anchor rule gives, repeats numbered the same way", () => {
    const framework = parseMarkdown(latin, { md: createMarkdownIt(), path: "/p.md" }).body;
    // Twice: the second parse is served from the memo and must not carry slugs over between pages.
    for (let i = 0; i < 2; i++) expect(parseMarkdown(latin, { md: memoized, path: "/p.md" }).body).toBe(framework);
    expect(ids(framework)).toEqual(["weekly-report", "key-metrics-and-gmv", "uenicoede-code-heading", "key-metrics-and-gmv-1"]);
  });

  it("keep Chinese text in the id, where Framework's slugify leaves the empty id", () => {
    expect(ids(parseMarkdown(chinese, { md: createMarkdownIt(), path: "/p.md" }).body)).toEqual(["", "-1", "7-d7", "-2", "gmv"]);
    for (let i = 0; i < 2; i++) {
      expect(ids(parseMarkdown(chinese, { md: memoized, path: "/p.md" }).body)).toEqual(["运营数据周报", "核心指标", "7-日留存-d7", "核心指标-1", "gmv-与客单价"]);
    }
  });
});
