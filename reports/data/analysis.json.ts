import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { analysisOutput } from "../../src/site/outputs/analysis-output.ts";

await printLoaderOutput(analysisOutput);
