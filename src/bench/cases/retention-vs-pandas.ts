import { pandasCase } from "../behaviour-bench.ts";

/** retention end to end from a CSV: `opsbook metric retention --events` versus the careful pandas script. */
export const retentionVsPandasCase = pandasCase("retention");
