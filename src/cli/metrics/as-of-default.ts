import type { DuckDBConnection } from "@duckdb/node-api";
import { dataSpan } from "../../metrics/data-span.ts";
import { asOfOption } from "./metric-source.ts";

/** --as-of, else the last day with data: "today" in an export is the day it was taken. */
export async function asOfOrLastDay(connection: DuckDBConnection, values: Record<string, unknown>): Promise<string> {
  const given = asOfOption(values);
  if (given) return given;
  const { last } = await dataSpan(connection);
  if (!last) throw new Error("no orders or events to compute from");
  return last;
}
