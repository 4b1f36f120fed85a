import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { monthlyOutput } from "../../src/site/outputs/monthly-output.ts";

await printLoaderOutput(monthlyOutput, ["month"]);
