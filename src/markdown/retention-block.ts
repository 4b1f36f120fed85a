import { reportBlock } from "./report-block.ts";

/** ```retention fenced blocks: YAML in the page, a retentionBlock drawn from build-time data. */
export const retentionBlock = reportBlock("retention");
