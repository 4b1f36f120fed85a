import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { npsOutput } from "../../src/site/outputs/nps-output.ts";

await printLoaderOutput(npsOutput);
