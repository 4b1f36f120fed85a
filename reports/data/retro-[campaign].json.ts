import { loaderParam } from "../../src/site/loader-params.ts";
import type { CampaignReviewModule } from "../../src/site/metric-contracts.ts";
import { readNotes } from "../../src/site/notes.ts";
import { optionalMetric } from "../../src/site/optional-module.ts";
import { siteIndex } from "../../src/site/site-index.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

const slug = loaderParam("campaign");
const campaign = (await siteIndex()).campaigns.find((c) => c.slug === slug);
if (!campaign) throw new Error(`no campaign for the page retros/${slug}`);
const module = await optionalMetric<CampaignReviewModule>("campaign-review");
const review = module ? await withWarehouse(({ connection }) => module.computeCampaignReview(connection, campaign.id)) : null;

process.stdout.write(JSON.stringify({ campaign, review, notes: readNotes(campaign.slug) }));
