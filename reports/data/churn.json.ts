import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { churnOutput } from "../../src/site/outputs/churn-output.ts";

await printLoaderOutput(churnOutput);
