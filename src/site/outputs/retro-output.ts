import { computeCampaignReview } from "../../metrics/campaign-review.ts";
import type { LoaderOutput } from "../loader-output.ts";
import { readNotes } from "../notes.ts";
import { siteIndexOf } from "../site-index.ts";

/** data/retro-<campaign>.json: a campaign's retrospective (活动复盘). */
export const retroOutput: LoaderOutput = async ({ connection, source }, { campaign: slug }) => {
  const campaign = (await siteIndexOf(connection)).campaigns.find((c) => c.slug === slug);
  if (!campaign) throw new Error(`no campaign for the page retros/${slug}`);
  const review = await computeCampaignReview(connection, campaign.id, source && ((ranges) => source.kpis("day", ranges)));
  return JSON.stringify({ campaign, review, notes: readNotes(campaign.slug) });
};
