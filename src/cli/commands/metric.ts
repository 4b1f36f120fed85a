import { parseArgs } from "node:util";
import { UsageError, type Command } from "../command.ts";
import { metricCommands } from "../metrics/index.ts";

export const metric: Command = {
  name: "metric",
  summary: "compute one metric from the warehouse (or a file) and print it as a table or JSON",
  get usage() {
    const width = Math.max(...metricCommands.map((m) => m.name.length));
    return `opsbook metric <name> [options] [--json]     opsbook metric <name> --help\n\nMetrics:\n${metricCommands.map((m) => `  ${m.name.padEnd(width)}  ${m.summary}`).join("\n")}`;
  },
  options: {},
  allowPositionals: true,
  // Subcommands parse their own flags, so this command takes its argv raw.
  rawArgs: true,
  async run(_values, argv) {
    const [name, ...rest] = argv;
    const sub = metricCommands.find((m) => m.name === name);
    if (!sub) throw new UsageError(name ? `unknown metric ${JSON.stringify(name)}` : "which metric?");
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...sub.options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n\nUsage: ${sub.usage}`);
    }
    if (parsed.values.help) {
      console.log(`${sub.summary}\n\nUsage: ${sub.usage}`);
      return 0;
    }
    return sub.run(parsed.values, parsed.positionals);
  }
};
