import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { collectBlocks } from "../../src/markdown/collect-blocks.ts";
import { blockData } from "../../src/site/block-data.ts";
import { loaderParam } from "../../src/site/loader-params.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

// One generic loader for every ```funnel / ```kpi / ```retention block: the hash in the file name
// finds the block's definition in the pages, so analysts never write a loader.
const hash = loaderParam("hash");
const block = collectBlocks(join(loadConfig().root, "reports")).get(hash);
if (!block) throw new Error(`no report block with hash ${hash} in reports/*.md`);
process.stdout.write(JSON.stringify(await withWarehouse(({ connection }) => blockData(connection, block))));
