import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { awaitOutputBundle } from "../../src/build/run-framework.ts";
import { projectRoot } from "../helpers/cli.ts";

/*
 * Framework's TypeScript interpreter while `opsbook build` computes the outputs (src/build/await-output.ts),
 * run as Framework runs it: `node <bundle> reports/data/<loader> --name=value`, its stdout the output file.
 */
let bundle: string;
beforeAll(async () => {
  bundle = await awaitOutputBundle(projectRoot);
});

function project() {
  const dir = mkdtempSync(join(tmpdir(), "opsbook-await-"));
  const root = join(dir, "reports");
  mkdirSync(join(root, "data"), { recursive: true });
  mkdirSync(join(root, ".observablehq", "cache", "data"), { recursive: true });
  const done = join(dir, "outputs-ready");
  return { dir, root, done, env: { OPSBOOK_OUTPUTS_DONE: done, OPSBOOK_FRAMEWORK_ROOT: root, OPSBOOK_BUILD_PID: String(process.pid) } };
}

function run(cwd: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [bundle, ...args], { cwd, env: { ...process.env, PATH: [join(projectRoot, "node_modules", ".bin"), process.env.PATH].join(delimiter), ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  return { child, exited };
}

describe("await-output (Framework's loader interpreter during a build)", () => {
  it("prints the output the build wrote for the loader and params, and only once the build says its outputs are ready", async () => {
    const p = project();
    writeFileSync(join(p.root, "data", "weekly-[week].json.ts"), "throw new Error('the build computes this output');\n");
    writeFileSync(join(p.root, ".observablehq", "cache", "data", "weekly-2026-W47.json"), '{"week":"2026-W47"}');
    writeFileSync(join(p.root, ".observablehq", "cache", "data", "weekly-2026-W46.json"), '{"week":"2026-W46"}');
    const { child, exited } = run(p.dir, ["reports/data/weekly-[week].json.ts", "--week=2026-W47"], p.env);
    await sleep(400);
    expect(child.exitCode).toBeNull();
    writeFileSync(p.done, "");
    const result = await exited;
    expect(result).toMatchObject({ code: 0, stdout: '{"week":"2026-W47"}' });
  });

  it("runs the loader script itself where the build wrote no output, so Framework reports its error as always", async () => {
    const p = project();
    writeFileSync(p.done, "");
    writeFileSync(join(p.root, "data", "echo-[id].txt.ts"), "const id: string = process.argv.find((a) => a.startsWith('--id='))!.slice(5);\nprocess.stdout.write(`id ${id}`);\n");
    writeFileSync(join(p.root, "data", "broken.json.ts"), "throw new Error('no such table: events');\n");
    expect(await run(p.dir, ["reports/data/echo-[id].txt.ts", "--id=7"], p.env).exited).toMatchObject({ code: 0, stdout: "id 7" });
    const broken = await run(p.dir, ["reports/data/broken.json.ts"], p.env).exited;
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain("no such table: events");
  });

  it("gives up instead of waiting when the build has died", async () => {
    const p = project();
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const result = await run(p.dir, ["reports/data/weekly-[week].json.ts", "--week=2026-W47"], { ...p.env, OPSBOOK_BUILD_PID: gone }).exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the build stopped before computing reports/data/weekly-[week].json.ts");
  });
});
