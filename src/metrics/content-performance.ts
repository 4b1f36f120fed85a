import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";

export interface ContentStats {
  views: number;
  likes: number;
  shares: number;
  comments: number;
  saves: number;
  followers_gained: number;
  /** likes ÷ views, and so on; null without views. */
  like_rate: number | null;
  share_rate: number | null;
  comment_rate: number | null;
  /** (likes + comments + shares + saves) ÷ views (互动率). */
  interaction_rate: number | null;
  /** Followers gained per 1,000 views. */
  followers_per_1k_views: number | null;
}

export interface ContentPiece extends ContentStats {
  platform: string;
  content_id: string;
  title: string | null;
  type: string | null;
  first_date: string;
}

export interface ContentReport {
  start: string;
  end: string;
  platforms: ({ platform: string; pieces: number } & ContentStats)[];
  pieces: ContentPiece[];
  /** By views within the range; bottom excludes pieces already in top. */
  top: ContentPiece[];
  bottom: ContentPiece[];
}

const stats = `coalesce(sum(views), 0) as views, coalesce(sum(likes), 0) as likes, coalesce(sum(shares), 0) as shares,
  coalesce(sum(comments), 0) as comments, coalesce(sum(saves), 0) as saves, coalesce(sum(followers_gained), 0) as followers_gained`;
const rates = `likes / nullif(views, 0) as like_rate, shares / nullif(views, 0) as share_rate, comments / nullif(views, 0) as comment_rate,
  (likes + comments + shares + saves) / nullif(views, 0) as interaction_rate, followers_gained * 1000 / nullif(views, 0) as followers_per_1k_views`;

/**
 * Content statistics are daily rows per piece (a platform export per day), so a piece's numbers in
 * a range are sums of its days. Rates are Σ ÷ Σ views, never averages of daily rates.
 */
export function contentPerformance({ start, end }: { start: string; end: string }): MetricQuery {
  return {
    sql: `select platform, content_id, title, type, first_date, views, likes, shares, comments, saves, followers_gained, ${rates}
      from (
        select platform, content_id, any_value(title) as title, any_value(type) as type, min(date) as first_date, ${stats}
        from content where date >= $start::date and date < $end::date group by platform, content_id
      ) order by views desc, platform, content_id`,
    params: { start, end }
  };
}

export function contentPlatforms({ start, end }: { start: string; end: string }): MetricQuery {
  return {
    sql: `select platform, pieces, views, likes, shares, comments, saves, followers_gained, ${rates}
      from (select platform, count(distinct content_id) as pieces, ${stats} from content where date >= $start::date and date < $end::date group by platform)
      order by views desc, platform`,
    params: { start, end }
  };
}

export async function computeContent(connection: DuckDBConnection, { start, end, top = 5 }: { start: string; end: string; top?: number }): Promise<ContentReport> {
  const pieces = (await queryRows(connection, contentPerformance({ start, end }))) as unknown as ContentPiece[];
  const platforms = (await queryRows(connection, contentPlatforms({ start, end }))) as unknown as ContentReport["platforms"];
  const best = pieces.slice(0, top);
  const worst = pieces.slice(Math.max(best.length, pieces.length - top)).reverse();
  return { start, end, platforms, pieces, top: best, bottom: worst };
}
