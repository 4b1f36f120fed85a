import { computeCampaignLive } from "../../src/metrics/campaign-live.ts";
import { loaderParam } from "../../src/site/loader-params.ts";
import { siteIndex } from "../../src/site/site-index.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

// The live page's data as of the full build; `opsbook build --live` later replaces it in dist/live-data/.
const slug = loaderParam("campaign");
const campaign = (await siteIndex()).campaigns.find((c) => c.slug === slug);
if (!campaign) throw new Error(`no campaign with page slug ${JSON.stringify(slug)}`);
process.stdout.write(JSON.stringify(await withWarehouse(({ connection }) => computeCampaignLive(connection, campaign.id))));
