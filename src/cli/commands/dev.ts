import { loadConfig } from "../../config.ts";
import { vendorNpm } from "../../build/vendor-npm.ts";
import { runFramework } from "../../build/run-framework.ts";
import { join } from "node:path";
import type { Command } from "../command.ts";

export const dev: Command = {
  name: "dev",
  summary: "preview server that rebuilds pages as you edit them",
  usage: `opsbook dev [--port N] [--host HOST]

  Serves reports/ with live reload on http://127.0.0.1:3000 (offline: libraries come from node_modules).`,
  options: { port: { type: "string" }, host: { type: "string" } },
  async run(values) {
    const config = loadConfig();
    await vendorNpm(config.root, join(config.root, "reports"));
    const args = ["preview", "--config", "observablehq.config.ts", "--no-open"];
    if (values.port) args.push("--port", String(values.port));
    args.push("--host", (values.host as string | undefined) ?? "127.0.0.1");
    return runFramework(config.root, args);
  }
};
