import { UsageError } from "../command.ts";

/** A YYYY-MM-DD flag, checked before any work is done. */
export function dateOption(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(`--${name} must be a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  return v;
}
