/**
 * SQL expressions that turn one exported text cell into a typed value. Each returns NULL when the
 * cell cannot be parsed, so the caller can tell "empty" from "bad" and reject the row with a reason.
 */
export type ParseKind = "text" | "timestamp" | "date" | "money" | "integer" | "number" | "percent" | "duration" | "json";
export const parseKinds: ParseKind[] = ["text", "timestamp", "date", "money", "integer", "number", "percent", "duration", "json"];

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Strips ¥, thousands separators and spaces; expands 万 and 亿 (1.2万 = 12000). */
function numericText(x: string): string {
  const stripped = `regexp_replace(trim(${x}), '[¥￥,，\\s元]', '', 'g')`;
  return `(case
    when ${stripped} like '%亿' then try_cast(rtrim(${stripped}, '亿') as double) * 100000000
    when ${stripped} like '%万' then try_cast(rtrim(${stripped}, '万') as double) * 10000
    when ${stripped} like '%\\%%' escape '\\' then try_cast(rtrim(${stripped}, '%') as double) / 100
    else try_cast(${stripped} as double) end)`;
}

/** 2026年11月23日 [10:21[:33]], 2026/11/23, ISO 8601 with or without offset, epoch seconds or ms. */
function timestampText(x: string): string {
  const t = `trim(${x})`;
  const cn = `regexp_replace(regexp_replace(${t}, '(\\d{4})年(\\d{1,2})月(\\d{1,2})日', '\\1-\\2-\\3'), '/', '-', 'g')`;
  // Most exports already hold ISO-like text: one cast, the regular expressions only for the rest.
  return `coalesce(try_cast(${t} as timestamptz), case
    when regexp_full_match(${t}, '\\d{13}') then make_timestamptz(try_cast(${t} as bigint) * 1000)
    when regexp_full_match(${t}, '\\d{10}') then make_timestamptz(try_cast(${t} as bigint) * 1000000)
    else try_cast(${cn} as timestamptz) end)`;
}

/** Seconds from 00:02:35, 02:35, 2分35秒, 1小时2分 or a plain number of seconds (百度统计 平均访问时长). */
function durationText(x: string): string {
  const t = `trim(${x})`;
  const part = (re: string, i: number) => `coalesce(try_cast(nullif(regexp_extract(${t}, '${re}', ${i}), '') as double), 0)`;
  const hms = "^(\\d+):(\\d{1,2}):(\\d{1,2}(?:\\.\\d+)?)$";
  const ms = "^(\\d+):(\\d{1,2}(?:\\.\\d+)?)$";
  const cn = "^(?:(\\d+)小时)?(?:(\\d+)分钟?)?(?:(\\d+(?:\\.\\d+)?)秒)?$";
  return `(case
    when regexp_full_match(${t}, '${hms.slice(1, -1)}') then ${part(hms, 1)} * 3600 + ${part(hms, 2)} * 60 + ${part(hms, 3)}
    when regexp_full_match(${t}, '${ms.slice(1, -1)}') then ${part(ms, 1)} * 60 + ${part(ms, 2)}
    when ${t} <> '' and regexp_full_match(${t}, '${cn.slice(1, -1)}') then ${part(cn, 1)} * 3600 + ${part(cn, 2)} * 60 + ${part(cn, 3)}
    else try_cast(rtrim(${t}, 's') as double) end)`;
}

export function parseExpression(kind: ParseKind, x: string): string {
  switch (kind) {
    case "text":
      return `nullif(trim(${x}), '')`;
    case "timestamp":
      return timestampText(x);
    case "date":
      return `cast(${timestampText(x)} as date)`;
    case "money":
      // try_cast: an amount too large for the column is a rejected row, not a failed load.
      return `try_cast(round(${numericText(x)}, 2) as decimal(18, 2))`;
    case "integer":
      return `try_cast(round(${numericText(x)}) as bigint)`;
    case "number":
    case "percent":
      return numericText(x);
    case "duration":
      return durationText(x);
    case "json":
      return `try_cast(${x} as json)`;
  }
}
