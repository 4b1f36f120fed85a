import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

/** Debian's chromium; never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);

export const chromiumFlags = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"
];

/** Headless Chromium through playwright-core, loaded only by the commands that need a browser. */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error("no Chromium found: apt-get install -y chromium (or set CHROMIUM_PATH)");
  const { chromium } = await import("playwright-core").catch(() => {
    throw new Error("playwright-core is not installed: npm install (it drives the system Chromium)");
  });
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}
