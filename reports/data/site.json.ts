import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { siteOutput } from "../../src/site/outputs/site-output.ts";

await printLoaderOutput(siteOutput);
