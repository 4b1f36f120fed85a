// Framework's Markdown pipeline, imported by the report-block tests to compile pages exactly as a build does.
declare module "@observablehq/framework/dist/markdown.js" {
  import type MarkdownIt from "markdown-it";
  export function createMarkdownIt(options?: { markdownIt?: (md: MarkdownIt) => MarkdownIt }): MarkdownIt;
  export function parseMarkdown(input: string, options: { md: MarkdownIt; path: string }): {
    body: string;
    code: { id: string; node: { input: string; files: { name: string }[] } }[];
  };
}
