import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import { rangesSql, rowsByRange, type DateRange } from "./date-ranges.ts";

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
export function contentPerformance(ranges: DateRange[]): MetricQuery {
  const params: Record<string, string> = {};
  return {
    sql: `with ${rangesSql(ranges, params)}
      select r, platform, content_id, title, type, first_date, views, likes, shares, comments, saves, followers_gained, ${rates}
      from (
        select r, platform, content_id, any_value(title) as title, any_value(type) as type, min(date) as first_date, ${stats}
        from content join ranges on date >= range_start and date < range_end group by r, platform, content_id
      ) order by r, views desc, platform, content_id`,
    params
  };
}

export function contentPlatforms(ranges: DateRange[]): MetricQuery {
  const params: Record<string, string> = {};
  return {
    sql: `with ${rangesSql(ranges, params)}
      select r, platform, pieces, views, likes, shares, comments, saves, followers_gained, ${rates}
      from (select r, platform, count(distinct content_id) as pieces, ${stats} from content join ranges on date >= range_start and date < range_end group by r, platform)
      order by r, views desc, platform`,
    params
  };
}

/** Each range's pieces, best first, from one query: a build's reports rank every week's (or month's) content at once. */
export async function contentPieceRanges(connection: DuckDBConnection, ranges: DateRange[]): Promise<ContentPiece[][]> {
  return rowsByRange(ranges.length, await queryRows(connection, contentPerformance(ranges))) as unknown as ContentPiece[][];
}

export async function computeContent(connection: DuckDBConnection, { start, end, top = 5 }: { start: string; end: string; top?: number }): Promise<ContentReport> {
  const [pieces] = await contentPieceRanges(connection, [{ start, end }]);
  const [platforms] = rowsByRange(1, await queryRows(connection, contentPlatforms([{ start, end }]))) as unknown as ContentReport["platforms"][];
  const best = pieces.slice(0, top);
  const worst = pieces.slice(Math.max(best.length, pieces.length - top)).reverse();
  return { start, end, platforms, pieces, top: best, bottom: worst };
}
