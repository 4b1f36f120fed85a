import { join } from "node:path";
import { collectBlocks } from "../../markdown/collect-blocks.ts";
import { blockData } from "../block-data.ts";
import type { LoaderOutput } from "../loader-output.ts";

// One generic loader for every ```funnel / ```kpi / ```retention block: the hash in the file name
// finds the block's definition in the pages, so analysts never write a loader.
export const blockOutput: LoaderOutput = async ({ connection, config, source }, { hash }) => {
  const block = collectBlocks(join(config.root, "reports")).get(hash);
  if (!block) throw new Error(`no report block with hash ${hash} in reports/*.md`);
  return JSON.stringify(await blockData(connection, block, source));
};
