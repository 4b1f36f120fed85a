import type { BenchCase } from "../bench-case.ts";
import { weeklyKpisCase } from "./weekly-kpis.ts";
import { fullBuildCase } from "./full-build.ts";
import { explorerLoadCase } from "./explorer-load.ts";
import { weeklyFromExportsCase } from "./weekly-from-exports.ts";

/** Every benchmark case, in the order the table lists them. */
export const benchCases: BenchCase[] = [weeklyKpisCase, fullBuildCase, explorerLoadCase, weeklyFromExportsCase];
