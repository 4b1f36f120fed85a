import { siteIndex } from "../../src/site/site-index.ts";

process.stdout.write(JSON.stringify(await siteIndex()));
