/**
 * Framework stamps each file attachment with its cached file's mtime, i.e. when the loader happened
 * to run. Pages get the day the data reaches instead, so the same warehouse always builds the same
 * bytes (and FileAttachment.lastModified says how current the data is, not the build).
 */
export function withPinnedLastModified(html: string, instant: number): string {
  return html.replace(/"lastModified":\d+/g, `"lastModified":${instant}`);
}
