import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { exploreOrdersOutput } from "../../src/site/outputs/explore-orders-output.ts";

await printLoaderOutput(exploreOrdersOutput);
