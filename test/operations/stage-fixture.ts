/** Users placed exactly at the stage thresholds as of Friday 2026-11-20 (Asia/Shanghai). */
export const stageFixtureSql = `
    insert into users (user_id, first_seen, channel) values
      ('u7',  '2026-10-01 09:00:00+08', '抖音'),
      ('u8',  '2026-10-01 09:00:00+08', '企业微信'),
      ('u30', '2026-10-01 09:00:00+08', '公众号'),
      ('u31', '2026-10-01 09:00:00+08', '抖音'),
      ('n6',  '2026-11-14 09:00:00+08', '小红书'),
      ('n7',  '2026-11-13 09:00:00+08', '小红书'),
      ('future', '2026-11-21 09:00:00+08', '抖音');
    insert into events (user_id, event, ts) values
      -- 16:30 UTC on the 12th is 00:30 on the 13th in Shanghai: 7 idle days, still active
      ('u7',  '浏览页面', '2026-11-12 16:30:00+00'),
      -- 23:59 Shanghai on the 12th: 8 idle days, silent
      ('u8',  '浏览页面', '2026-11-12 23:59:00+08'),
      ('u30', '浏览页面', '2026-10-21 12:00:00+08'),
      ('u31', '浏览页面', '2026-10-20 12:00:00+08'),
      -- activity after the as-of day must not rescue u31
      ('u31', '浏览页面', '2026-11-21 00:30:00+08');
    insert into orders (order_id, user_id, ts, amount, status) values
      ('o1', 'u7', '2026-10-05 10:00:00+08', 100, 'paid'),
      ('o2', 'u7', '2026-11-12 16:30:00+00', 50, 'paid'),
      ('o3', 'u8', '2026-10-06 10:00:00+08', 300, 'paid'),
      ('o4', 'u30', '2026-10-07 10:00:00+08', 80, 'refunded');
`;
