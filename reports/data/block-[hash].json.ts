import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { blockOutput } from "../../src/site/outputs/block-output.ts";

await printLoaderOutput(blockOutput, ["hash"]);
