import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's chromium; never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);

export const chromiumFlags = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"
];

export function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error("no Chromium found: apt-get install -y chromium (or set CHROMIUM_PATH)");
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

/**
 * Browser tests skip locally, loudly, when there is no Chromium; in CI (CI=true) a missing
 * browser is a failure, never a silent pass.
 */
export function browserAvailable(): boolean {
  if (chromiumPath) return true;
  if (process.env.CI) throw new Error("CI=true but no Chromium at /usr/bin/chromium: browser tests cannot run");
  console.warn("\n⚠️  SKIPPING BROWSER TESTS: no Chromium found (apt-get install -y chromium)\n");
  return false;
}
