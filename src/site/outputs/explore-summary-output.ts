import { exploreSummary, orderDetailQuery } from "../explore-data.ts";
import type { LoaderOutput } from "../loader-output.ts";

/** data/explore-summary.json: the explorer's first view (totals, filter choices, paid orders per channel). */
export const exploreSummaryOutput: LoaderOutput = async ({ connection }) => JSON.stringify(await exploreSummary(connection, `(${orderDetailQuery.sql})`));
