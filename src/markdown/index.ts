import type MarkdownIt from "markdown-it";
import { loadConfig, type Locale } from "../config.ts";
import { funnelBlock } from "./funnel-block.ts";
import { kpiBlock } from "./kpi-block.ts";
import { localeLines } from "./locale-lines.ts";
import { memoizedAnchors } from "./memoized-anchors.ts";
import { retentionBlock } from "./retention-block.ts";

/** Framework's `markdownIt` option: Opsbook's report blocks on top of Framework's Markdown. */
export function opsbookMarkdown(md: MarkdownIt, locale: Locale = loadConfig().locale): MarkdownIt {
  return md.use(memoizedAnchors).use(localeLines(locale)).use(funnelBlock).use(kpiBlock).use(retentionBlock);
}
