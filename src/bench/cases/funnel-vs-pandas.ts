import { pandasCase } from "../behaviour-bench.ts";

/** funnel end to end from a CSV: `opsbook metric funnel --events` versus the careful pandas script. */
export const funnelVsPandasCase = pandasCase("funnel");
