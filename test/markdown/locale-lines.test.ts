import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { blocksIn } from "../../src/markdown/collect-blocks.ts";
import { localeLines, selectLocale } from "../../src/markdown/locale-lines.ts";

const template = ["# 周报", "", "zh-CN| ## 核心指标", "en-US| ## Key metrics", "", "<div>${cards}</div>", "", "zh-CN| 口径：", "zh-CN| 按周去重。", "en-US| Definitions:", "en-US| deduplicated by week.", ""].join("\n");

describe("locale lines in a template", () => {
  it("keeps the page language's lines without their mark and blanks the others, line for line", () => {
    const zh = selectLocale(template, "zh-CN").split("\n");
    const en = selectLocale(template, "en-US").split("\n");
    expect(zh).toHaveLength(12);
    expect(en).toHaveLength(12);
    expect(zh.slice(2, 4)).toEqual(["## 核心指标", ""]);
    expect(en.slice(2, 4)).toEqual(["", "## Key metrics"]);
    expect(en[5]).toBe("<div>${cards}</div>"); // unmarked lines belong to every language
    expect(en.slice(7, 11)).toEqual(["", "", "Definitions:", "deduplicated by week."]);
  });

  it("renders the zh-CN page exactly as the template without the English lines would", () => {
    const md = new MarkdownIt({ html: true }).use(localeLines("zh-CN"));
    const plain = new MarkdownIt({ html: true });
    const withoutEnglish = template.split("\n").filter((l) => !l.startsWith("en-US|")).map((l) => l.replace(/^zh-CN\| /, "")).join("\n");
    expect(md.render(template)).toBe(plain.render(withoutEnglish));
    expect(md.render(template)).toBe("<h1>周报</h1>\n<h2>核心指标</h2>\n<div>${cards}</div>\n<p>口径：\n按周去重。</p>\n");
  });

  it("renders the en-US page in English", () => {
    const md = new MarkdownIt({ html: true }).use(localeLines("en-US"));
    expect(md.render(template)).toBe("<h1>周报</h1>\n<h2>Key metrics</h2>\n<div>${cards}</div>\n<p>Definitions:\ndeduplicated by week.</p>\n");
  });

  it("keeps CRLF line ends and leaves pipes inside lines alone", () => {
    expect(selectLocale("a | b\r\nen-US| x\r\nzh-CN| y\r\n", "en-US")).toBe("a | b\r\nx\r\n\r\n");
  });

  it("gives a report block the same text, and so the same data file, as the page in that language", () => {
    const page = ["```funnel", "zh-CN| title: 购买漏斗", "en-US| title: Purchase funnel", "steps: [浏览商品, 支付成功]", "```", ""].join("\n");
    const [en] = blocksIn(page, "funnels.md", "en-US");
    expect(en.source).toBe("\ntitle: Purchase funnel\nsteps: [浏览商品, 支付成功]\n");
    expect(en.line).toBe(1);
    expect(blocksIn(page, "funnels.md", "zh-CN")[0].source).toBe("title: 购买漏斗\n\nsteps: [浏览商品, 支付成功]\n");
  });
});
