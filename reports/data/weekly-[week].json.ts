import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { weeklyOutput } from "../../src/site/outputs/weekly-output.ts";

await printLoaderOutput(weeklyOutput, ["week"]);
