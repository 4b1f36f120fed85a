import { createHash } from "node:crypto";
import { posix } from "node:path";
import type MarkdownIt from "markdown-it";
import { parse as parseYaml } from "yaml";

/** The kinds of report block an analyst can write as a fenced code block. */
export type BlockKind = "funnel" | "kpi" | "retention";
export const blockKinds: BlockKind[] = ["funnel", "kpi", "retention"];

/**
 * A block's identity: its kind and text. The same definition on two pages shares one data file.
 * Blank lines do not count: a line written for another language leaves one behind, and the
 * definition is the same without it.
 */
export function blockHash(kind: BlockKind, source: string): string {
  return createHash("sha256").update(`${kind}\n${source.trim().replace(/\n\s*\n/g, "\n")}`).digest("hex").slice(0, 12);
}

/** Framework resolves FileAttachment and imports relative to the page. */
function fromPage(pagePath: string, target: string): string {
  const rel = posix.relative(posix.dirname(pagePath || "/index.md"), target);
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/**
 * The JavaScript a block becomes: load the block's data file (computed at build time by
 * reports/data/block-[hash].json.ts) and draw it with the block's component. The page itself
 * needs no JavaScript from the analyst.
 */
export function blockCell(kind: BlockKind, source: string, pagePath: string): string {
  const hash = blockHash(kind, source);
  const component = `${kind}Block`;
  return `import {${component}} from ${JSON.stringify(fromPage(pagePath, `/components/${kind}-block.js`))};
const block = await FileAttachment(${JSON.stringify(fromPage(pagePath, `/data/block-${hash}.json`))}).json();
display(resize((width) => ${component}(block, {width})));
`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A markdown-it plugin for one block kind: a ```kind fence holding YAML turns into a JavaScript
 * cell that Framework's own fence renderer then compiles like any ```js block. A YAML mistake
 * renders as an error box naming the page and line instead of breaking the page.
 */
export function reportBlock(kind: BlockKind) {
  return (md: MarkdownIt): void => {
    md.core.ruler.push(`opsbook-${kind}`, (state) => {
      const env = state.env as { path?: string };
      for (const token of state.tokens) {
        if (token.type !== "fence" || token.info.trim().split(/\s+/)[0] !== kind) continue;
        const line = (token.map?.[0] ?? 0) + 1;
        try {
          const value: unknown = parseYaml(token.content);
          if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error(`expected a YAML mapping`);
          token.info = "js";
          token.content = blockCell(kind, token.content, env.path ?? "/index.md");
        } catch (error) {
          token.type = "html_block";
          token.content = `<div class="caution" label="${kind}">${escapeHtml(`${env.path ?? ""}:${line}: ${kind} block: ${(error as Error).message.split("\n")[0]}`)}</div>\n`;
        }
      }
    });
  };
}
