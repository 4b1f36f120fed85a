import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// Framework's own Markdown pipeline, so the test sees exactly what a build compiles.
import { createMarkdownIt, parseMarkdown } from "@observablehq/framework/dist/markdown.js";
import { opsbookMarkdown } from "../../src/markdown/index.ts";
import { blocksIn } from "../../src/markdown/collect-blocks.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const md = createMarkdownIt({ markdownIt: opsbookMarkdown });

// The block's YAML exactly as written between the fences of funnel-page.md.
const funnelYaml = "title: 购买\nsteps:\n  - event: 浏览商品\n  - event: 支付成功\n";
const funnelHash = createHash("sha256").update(`funnel\n${funnelYaml.trim()}`).digest("hex").slice(0, 12);

describe("markdown report blocks", () => {
  it("a ```funnel block becomes a JavaScript cell loading its build-time data file, with no YAML left in the page", () => {
    const page = parseMarkdown(fixture("funnel-page.md"), { md, path: "/weekly/funnels.md" });
    expect(page.body).toContain('<div class="observablehq observablehq--block">');
    expect(page.body).not.toContain("steps:");
    expect(page.body).toContain("<p>Text after.</p>");
    expect(page.code).toHaveLength(1);
    const source = page.code[0].node.input as string;
    expect(source).toContain(`FileAttachment("../data/block-${funnelHash}.json")`);
    expect(source).toContain(`import {funnelBlock} from "../components/funnel-block.js"`);
    expect(page.code[0].node.files.map((f: { name: string }) => f.name)).toEqual([`../data/block-${funnelHash}.json`]);
  });

  it("a page at the root links the data file relative to itself", () => {
    const page = parseMarkdown(fixture("funnel-page.md"), { md, path: "/funnels.md" });
    expect(page.code[0].node.input).toContain(`FileAttachment("./data/block-${funnelHash}.json")`);
  });

  it("broken YAML renders an error box naming the page and line, escaped, and no cell", () => {
    const page = parseMarkdown(fixture("bad-yaml.md"), { md, path: "/bad.md" });
    expect(page.code).toHaveLength(0);
    // The fence opens on line 3 of the file.
    expect(page.body).toMatch(/<div class="caution" label="retention">\/bad\.md:3: retention block: /);
  });

  it("the block registry finds the same block, hash and file line the page uses", () => {
    const blocks = blocksIn(fixture("funnel-page.md"), "funnels.md");
    expect(blocks).toHaveLength(1);
    // Three front-matter lines + "---" + blank + heading + blank: the fence is line 7 of the file.
    expect(blocks[0]).toMatchObject({ kind: "funnel", file: "funnels.md", line: 7, source: funnelYaml });
  });

  it("other fences are left alone", () => {
    const page = parseMarkdown("```yaml\nsteps: []\n```\n", { md, path: "/x.md" });
    expect(page.code).toHaveLength(0);
    expect(page.body).toContain('<code class="language-yaml">');
  });
});
