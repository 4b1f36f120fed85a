import type { ParseArgsConfig } from "node:util";

/**
 * One `opsbook metric <name>` subcommand. Each lives in its own file under src/cli/metrics/ and is
 * listed in src/cli/metrics/index.ts; the metric SQL itself stays in src/metrics/.
 */
export interface MetricCommand {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Returns the exit code; prints a table, or one JSON object with --json. */
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[]): Promise<number>;
}
