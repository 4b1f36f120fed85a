import type { DuckDBConnection } from "@duckdb/node-api";

/**
 * The canonical warehouse. Every loader maps its source onto these tables; every metric reads
 * only these. Timestamps are TIMESTAMPTZ (instants); calendar periods are cut in the session
 * time zone set by openWarehouse.
 */
export const schemaSql = `
create table if not exists events (
  user_id     varchar not null,   -- login id, else device id
  event       varchar not null,   -- 浏览页面, 浏览商品, 加入购物车, 提交订单, 支付成功 …
  ts          timestamptz not null,
  session_id  varchar,
  platform    varchar,            -- ios, android, web, miniprogram
  channel     varchar,            -- acquisition / traffic source (抖音, 公众号 …)
  page        varchar,
  properties  json,               -- remaining export columns, as exported
  source_file varchar
);
create table if not exists users (
  user_id       varchar primary key,
  first_seen    timestamptz,
  channel       varchar,          -- acquisition channel
  platform      varchar,
  region        varchar,
  attributes    json,
  source_file   varchar
);
create table if not exists orders (
  order_id    varchar primary key,
  user_id     varchar not null,
  ts          timestamptz not null, -- placed at
  paid_at     timestamptz,
  amount      decimal(18, 2) not null, -- amount actually paid (实付金额), yuan
  status      varchar not null,     -- paid | refunded | cancelled | pending
  channel     varchar,
  campaign_id varchar,
  source_file varchar
);
create table if not exists spend (
  date        date not null,
  channel     varchar not null,
  campaign_id varchar,
  impressions bigint,
  clicks      bigint,
  cost        decimal(18, 2) not null,
  conversions bigint,
  source_file varchar
);
create table if not exists content (
  date             date not null,
  platform         varchar not null,
  content_id       varchar not null,
  title            varchar,
  type             varchar,        -- 图文, 视频, 直播 …
  views            bigint,         -- reads / plays
  likes            bigint,
  shares           bigint,
  comments         bigint,
  saves            bigint,
  followers_gained bigint,
  source_file      varchar
);
create table if not exists campaigns (
  campaign_id varchar primary key,
  name        varchar not null,
  type        varchar,             -- 大促, 品牌日, 拉新, 召回 …
  start_date  date not null,
  end_date    date not null,       -- inclusive
  budget      decimal(18, 2),
  targets     json,                -- {"gmv": 5000000, "new_users": 10000}
  source_file varchar
);
create table if not exists targets (
  metric      varchar not null,    -- gmv, uv, orders, conversion_rate …
  period      varchar not null,    -- 2026-W47, 2026-11, 2026-Q4
  value       double not null,
  source_file varchar
);
create table if not exists experiments (
  experiment     varchar not null,
  variant        varchar not null,
  user_id        varchar not null,
  assigned_at    timestamptz,
  intended_share double,           -- planned traffic share of this variant, for the SRM check
  source_file    varchar
);
create table if not exists traffic (
  date              date not null,
  channel           varchar not null, -- traffic source (百度搜索, 直接访问, 外部链接 …)
  page              varchar,          -- landing / visited page; null when the report is not per page
  pv                bigint,           -- 浏览量(PV)
  uv                bigint,           -- 访客数(UV)
  visits            bigint,           -- 访问次数
  bounce_rate       double,           -- 跳出率, 0–1
  avg_visit_seconds double,           -- 平均访问时长
  source_file       varchar
);
create table if not exists recall (
  campaign_id varchar not null,    -- the recall campaign (召回活动)
  user_id     varchar not null,
  variant     varchar not null,    -- target (sent) | holdout (deliberately not sent)
  sent_at     timestamptz,         -- empty for holdout rows: the campaign's first send is used
  touch       varchar,             -- 短信, push, 优惠券, 企业微信 …
  source_file varchar
);
create table if not exists nps (
  survey       varchar,
  user_id      varchar not null,
  ts           timestamptz not null,
  score        integer not null,   -- 0–10 "how likely are you to recommend us"
  satisfaction integer,            -- optional 1–5 satisfaction
  comment      varchar,
  channel      varchar,            -- where the survey was answered
  source_file  varchar
);
create table if not exists channels (
  channel       varchar primary key,
  channel_group varchar not null   -- 公域 | 私域
);
create table if not exists ingest_log (
  file          varchar not null,
  content_hash  varchar not null,
  preset        varchar,
  table_name    varchar,
  rows_loaded   bigint,
  rows_rejected bigint,
  loaded_at     timestamptz default current_timestamp,
  headers       varchar,          -- JSON array of the file's header, for drift
  drift         varchar,          -- header change since the preset's previous file
  late_rows     bigint,           -- rows for closed ISO weeks already loaded
  file_size     bigint,           -- size and modification time: an unchanged file is skipped without hashing
  file_mtime_ms bigint
);
create table if not exists rejects (
  file      varchar not null,
  line      bigint,
  raw       varchar,
  reason    varchar not null,
  loaded_at timestamptz default current_timestamp
);
`;

export async function ensureSchema(connection: DuckDBConnection): Promise<void> {
  await connection.run(schemaSql);
}

/** Default split of the channels the sample and the vendor presets know. */
export const defaultChannelGroups: Record<string, "公域" | "私域"> = {
  抖音: "公域",
  小红书: "公域",
  百度搜索: "公域",
  知乎: "公域",
  腾讯广告: "公域",
  自然流量: "公域",
  企业微信: "私域",
  公众号: "私域",
  社群: "私域"
};
