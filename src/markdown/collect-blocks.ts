import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import MarkdownIt from "markdown-it";
import { loadConfig, type Locale } from "../config.ts";
import { selectLocale } from "./locale-lines.ts";
import { blockHash, blockKinds, type BlockKind } from "./report-block.ts";

export interface BlockSource {
  kind: BlockKind;
  source: string;
  /** Where the analyst wrote it, for error messages: reports/funnels.md:12. */
  file: string;
  line: number;
}

const md = new MarkdownIt();

/** Every report block in the pages under `root`, by hash: the registry the block loader reads. */
export function collectBlocks(root: string, base = root, locale: Locale = loadConfig().locale): Map<string, BlockSource> {
  const blocks = new Map<string, BlockSource>();
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(root, entry.name);
    if (entry.isDirectory()) for (const [hash, block] of collectBlocks(path, base, locale)) blocks.set(hash, block);
    else if (entry.name.endsWith(".md")) for (const block of blocksIn(readFileSync(path, "utf8"), relative(base, path), locale)) blocks.set(blockHash(block.kind, block.source), block);
  }
  return blocks;
}

export function blocksIn(markdown: string, file: string, locale: Locale = "zh-CN"): BlockSource[] {
  // Front matter shifts line numbers but never holds fences; count it so lines match the file.
  const front = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(markdown)?.[0] ?? "";
  const offset = front ? front.split("\n").length - 1 : 0;
  // A block's text is what the page shows in this language, so its hash matches the page's.
  return md
    .parse(selectLocale(markdown.slice(front.length), locale), {})
    .filter((t) => t.type === "fence" && (blockKinds as string[]).includes(t.info.trim().split(/\s+/)[0]))
    .map((t) => ({ kind: t.info.trim().split(/\s+/)[0] as BlockKind, source: t.content, file, line: offset + (t.map?.[0] ?? 0) + 1 }));
}
