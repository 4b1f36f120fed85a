import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { profileOutput } from "../../src/site/outputs/profile-output.ts";

await printLoaderOutput(profileOutput);
