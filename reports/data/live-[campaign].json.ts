import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { liveOutput } from "../../src/site/outputs/live-output.ts";

await printLoaderOutput(liveOutput, ["campaign"]);
