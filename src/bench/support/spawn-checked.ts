import { spawn } from "node:child_process";

/**
 * Runs a command to completion and resolves with its stdout; a non-zero exit is an error carrying
 * the end of its output, so a failed build inside a benchmark is reported, never timed as if it
 * had worked.
 */
export function spawnChecked(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, CI: "true", ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let stdout = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
    child.stdout.on("data", (chunk: Buffer) => {
      // Only small outputs (a JSON answer) are kept whole; builds print megabytes of progress.
      if (stdout.length < 1 << 20) stdout += chunk.toString();
      keep(chunk);
    });
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`))
    );
  });
}
