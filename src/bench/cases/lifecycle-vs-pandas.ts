import { pandasCase } from "../behaviour-bench.ts";

/** lifecycle end to end from a CSV: `opsbook metric lifecycle --events` versus the careful pandas script. */
export const lifecycleVsPandasCase = pandasCase("lifecycle");
