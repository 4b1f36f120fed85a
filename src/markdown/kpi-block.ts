import { reportBlock } from "./report-block.ts";

/** ```kpi fenced blocks: YAML in the page, a kpiBlock drawn from build-time data. */
export const kpiBlock = reportBlock("kpi");
