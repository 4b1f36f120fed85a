import { printLoaderOutput } from "../../src/site/loader-output.ts";
import { calendarOutput } from "../../src/site/outputs/calendar-output.ts";

await printLoaderOutput(calendarOutput);
