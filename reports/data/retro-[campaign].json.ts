import { computeCampaignReview } from "../../src/metrics/campaign-review.ts";
import { loaderParam } from "../../src/site/loader-params.ts";
import { readNotes } from "../../src/site/notes.ts";
import { siteIndex } from "../../src/site/site-index.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

const slug = loaderParam("campaign");
const campaign = (await siteIndex()).campaigns.find((c) => c.slug === slug);
if (!campaign) throw new Error(`no campaign for the page retros/${slug}`);
const review = await withWarehouse(({ connection }) => computeCampaignReview(connection, campaign.id));

process.stdout.write(JSON.stringify({ campaign, review, notes: readNotes(campaign.slug) }));
