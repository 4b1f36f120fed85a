import { parseArgs } from "node:util";

/** Framework passes a parameterized loader its route params as --name=value. */
export function loaderParam(name: string): string {
  const { values } = parseArgs({ options: { [name]: { type: "string" } }, strict: false });
  const value = values[name];
  if (typeof value !== "string" || !value) throw new Error(`missing --${name}`);
  return value;
}
