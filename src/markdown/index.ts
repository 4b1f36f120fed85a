import type MarkdownIt from "markdown-it";
import { funnelBlock } from "./funnel-block.ts";
import { kpiBlock } from "./kpi-block.ts";
import { retentionBlock } from "./retention-block.ts";

/** Framework's `markdownIt` option: Opsbook's report blocks on top of Framework's Markdown. */
export function opsbookMarkdown(md: MarkdownIt): MarkdownIt {
  return md.use(funnelBlock).use(kpiBlock).use(retentionBlock);
}
