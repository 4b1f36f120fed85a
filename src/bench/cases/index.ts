import type { BenchCase } from "../bench-case.ts";
import { weeklyKpisCase } from "./weekly-kpis.ts";
import { pageWeightCase } from "./page-weight.ts";

/** Every benchmark case, in the order the table lists them. */
export const benchCases: BenchCase[] = [weeklyKpisCase, pageWeightCase];
