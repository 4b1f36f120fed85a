import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { exploreSummaryOutput } from "../../src/site/outputs/explore-summary-output.ts";

await printLoaderOutput(exploreSummaryOutput);
