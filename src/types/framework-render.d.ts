// Framework's config and page renderer, imported by the page-chrome test to render pages exactly as a build does.
declare module "@observablehq/framework/dist/config.js" {
  export interface FrameworkPage {
    readonly __page: unique symbol;
  }
  export interface FrameworkConfig {
    loaders: { loadPage(path: string, options: object): Promise<FrameworkPage> };
  }
  export function normalizeConfig(spec: Record<string, unknown>, defaultRoot: string): FrameworkConfig;
}
declare module "@observablehq/framework/dist/render.js" {
  import type { FrameworkConfig, FrameworkPage } from "@observablehq/framework/dist/config.js";
  export function renderPage(page: FrameworkPage, options: FrameworkConfig & { path: string }): Promise<string>;
}
