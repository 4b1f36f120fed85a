import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { opsbook } from "../helpers/cli.ts";
import { browserAvailable } from "./chromium.ts";

const site = inject("site");
const out = mkdtempSync(join(tmpdir(), "opsbook-pdf-"));
const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    if (process.env.CI) throw new Error("CI=true but pdftotext is missing: apt-get install -y poppler-utils");
    console.warn("\n⚠️  SKIPPING PDF TEXT TEST: no pdftotext (apt-get install -y poppler-utils)\n");
    return false;
  }
})();

describe.runIf(browserAvailable() && hasPdftotext)("opsbook pdf", () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("prints a weekly report to a non-empty A4 PDF whose text holds the page title, and a PNG with --png", () => {
    const week = "2026-W46";
    const result = opsbook(["pdf", `weekly/${week}`, "--out", out, "--png"], site.env);
    expect(result.code, result.stderr).toBe(0);
    const pdf = join(out, `weekly-${week}.pdf`);
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    expect(existsSync(join(out, `weekly-${week}.png`))).toBe(true);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(text).toContain(`运营数据周报 ${week}`);
    // A4 portrait is 595 × 842 points.
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
  });

  it("names a page that was not built, with an example, and writes nothing", () => {
    const result = opsbook(["pdf", "weekly/1999-W01", "--out", out], site.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no page "weekly/1999-W01"');
  });

  it("asks for --out", () => {
    const result = opsbook(["pdf", "index"], site.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--out DIR is required");
  });
});
