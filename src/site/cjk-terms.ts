const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });

/**
 * Search terms for one token of text. Latin words stay as they are; a run of Chinese, which has no
 * spaces, is cut into words by Intl.Segmenter and also indexed by every suffix, so that a prefix
 * search for any part of it (留存 in 用户留存分析) finds the page.
 */
export function cjkTerms(token: string): string[] {
  if (!cjk.test(token)) return [token];
  const terms = new Set<string>([token]);
  for (const { segment, isWordLike } of segmenter.segment(token)) if (isWordLike) terms.add(segment);
  const chars = [...token];
  // Framework's search keeps 15 characters of a term; suffixes shorter than 2 characters match too much.
  for (let i = 1; i < chars.length - 1; i++) terms.add(chars.slice(i, i + 15).join(""));
  return [...terms];
}
