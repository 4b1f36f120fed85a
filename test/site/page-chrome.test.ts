import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// Framework's own config and page renderer: the chrome must land exactly where Framework puts it.
import { normalizeConfig } from "@observablehq/framework/dist/config.js";
import { renderPage } from "@observablehq/framework/dist/render.js";
import { opsbookMarkdown } from "../../src/markdown/index.ts";
import { pageChrome, withPageChrome, type PageChrome } from "../../src/site/page-chrome.ts";

const root = mkdtempSync(join(tmpdir(), "opsbook-chrome-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, "weekly"));
writeFileSync(join(root, "index.md"), "# 首页\n\n一段文字。\n");
writeFileSync(join(root, "weekly", "w1.md"), "---\ntitle: 周报\n---\n\n# 周报\n\n## 核心指标\n\n```js\nconst x = 1 + 1;\ndisplay(x);\n```\n\n## 渠道 & 用户\n\n文字 <b>加粗</b>\n");

/** A page rendered by Framework with the site's options, and head and footer as given. */
async function render(path: string, chrome: Partial<PageChrome> | null): Promise<string> {
  const config = normalizeConfig({
    root, title: "Opsbook", search: true, pager: false, toc: { label: "目录" }, globalStylesheets: [], markdownIt: opsbookMarkdown,
    header: null, head: chrome?.head ?? null, footer: chrome?.footer ?? null
  }, root);
  const page = await config.loaders.loadPage(path, { ...config, path });
  return renderPage(page, { ...config, path });
}

describe("page chrome added after the build", () => {
  for (const locale of ["zh-CN", "en-US"] as const) {
    it(`gives the same page as Framework rendering head and footer itself (${locale})`, async () => {
      const chrome = pageChrome(locale);
      for (const path of ["/index", "/weekly/w1"]) {
        const framework = await render(path, chrome);
        const after = withPageChrome(await render(path, null), chrome);
        expect(after).toBe(framework);
        expect(framework).toContain(`\n${chrome.head}\n<script type="module">`);
        expect(after).toContain(`<div>${chrome.footer}</div>`);
      }
    });
  }

  it("refuses a page whose layout it does not know, instead of guessing", () => {
    expect(() => withPageChrome("<html><body>no script</body></html>", pageChrome("zh-CN"))).toThrow(/unexpected page layout/);
  });
});
