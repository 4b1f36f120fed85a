import { reportBlock } from "./report-block.ts";

/** ```funnel fenced blocks: YAML in the page, a funnelBlock drawn from build-time data. */
export const funnelBlock = reportBlock("funnel");
