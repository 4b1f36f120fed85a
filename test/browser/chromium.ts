import { chromiumPath } from "../../src/site/chromium.ts";

export { chromiumPath, chromiumFlags, launchChromium } from "../../src/site/chromium.ts";

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
