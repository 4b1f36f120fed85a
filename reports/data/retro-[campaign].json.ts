import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { retroOutput } from "../../src/site/outputs/retro-output.ts";

await printLoaderOutput(retroOutput, ["campaign"]);
