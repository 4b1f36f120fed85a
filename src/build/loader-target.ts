/** The output path a loader writes for some params: "data/weekly-[week].json.ts" + {week} → "data/weekly-2026-W47.json". */
export function targetOf(loaderPath: string, params: Record<string, string>): string {
  return loaderPath.replace(/\.[^.]+$/, "").replace(/\[([a-z0-9_]+)\]/gi, (_, name: string) => params[name]);
}

/** Framework's loader arguments (`--week=2026-W47`) as route params. */
export function paramsOfFlags(flags: string[]): Record<string, string> {
  return Object.fromEntries(flags.flatMap((flag) => {
    const m = /^--([a-z0-9_]+)=(.*)$/is.exec(flag);
    return m ? [[m[1], m[2]]] : [];
  }));
}
