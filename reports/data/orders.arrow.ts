import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { ordersOutput } from "../../src/site/outputs/orders-output.ts";

await printLoaderOutput(ordersOutput);
