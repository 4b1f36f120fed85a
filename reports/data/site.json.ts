import { loadConfig } from "../../src/config.ts";
import { siteIndex } from "../../src/site/site-index.ts";
import { strings } from "../../src/site/strings.ts";

const { locale, upColor } = loadConfig();
process.stdout.write(JSON.stringify({ ...(await siteIndex()), locale, upColor, t: strings(locale) }));
