import type { BenchCase } from "../bench-case.ts";
import { kpiReportCase } from "./kpi-report.ts";
import { weeklyKpisCase } from "./weekly-kpis.ts";

/** Every benchmark case, in the order the table lists them. */
export const benchCases: BenchCase[] = [weeklyKpisCase, kpiReportCase];
