import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const metricsDir = fileURLToPath(new URL("../metrics/", import.meta.url));

/**
 * A metric module by file name, or null while it does not exist yet. Metrics land on their own
 * schedule; a page whose metric is missing shows "暂无数据" instead of failing the whole build.
 */
export async function optionalMetric<T>(name: string): Promise<T | null> {
  const file = `${metricsDir}${name}.ts`;
  if (!existsSync(file)) return null;
  return (await import(pathToFileURL(file).href)) as T;
}
