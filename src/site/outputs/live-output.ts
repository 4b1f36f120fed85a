import { computeCampaignLive } from "../../metrics/campaign-live.ts";
import type { LoaderOutput } from "../loader-output.ts";
import { siteIndexOf } from "../site-index.ts";

/** data/live-<campaign>.json: the live page's data as of the full build; `opsbook build --live` later replaces it in dist/live-data/. */
export const liveOutput: LoaderOutput = async ({ connection }, { campaign: slug }) => {
  const campaign = (await siteIndexOf(connection)).campaigns.find((c) => c.slug === slug);
  if (!campaign) throw new Error(`no campaign with page slug ${JSON.stringify(slug)}`);
  return JSON.stringify(await computeCampaignLive(connection, campaign.id));
};
