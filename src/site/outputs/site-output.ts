import type { LoaderOutput } from "../loader-output.ts";
import { siteIndexOf } from "../site-index.ts";
import { strings } from "../strings.ts";

/** data/site.json: the page index and display settings every page shares. */
export const siteOutput: LoaderOutput = async ({ connection, config: { locale, upColor } }) =>
  JSON.stringify({ ...(await siteIndexOf(connection)), locale, upColor, t: strings(locale) });
