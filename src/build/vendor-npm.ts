import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { build, type Plugin } from "esbuild";

/**
 * Framework resolves `npm:` imports by downloading from a CDN unless it finds the file in
 * `<root>/.observablehq/cache/_npm/<name>@<version>/`. We put ES-module bundles of the
 * packages installed in node_modules there, so builds and the built site never need the network.
 */
export interface VendoredPackage {
  name: string;
  /** Raw files served as-is (the DuckDB-WASM engines and workers). */
  files?: string[];
}

/**
 * Framework's client bundle names every library it can load lazily (JSX, maps, Vega …). Opsbook
 * pages use none of them; a stub that fails loudly if ever loaded keeps the build offline.
 */
export const stubbedPackages = [
  "react", "react-dom", "@observablehq/sample-datasets", "@uwdata/vgplot", "@viz-js/viz", "echarts", "exceljs",
  "jszip", "katex", "leaflet", "lodash", "mapbox-gl", "mermaid", "parquet-wasm", "sql.js", "topojson-client",
  "vega", "vega-lite", "vega-lite-api"
];
const stubVersion = "0.0.0-opsbook-stub";

export const vendoredPackages: VendoredPackage[] = [
  { name: "d3" },
  { name: "d3-dsv" },
  { name: "htl" },
  { name: "isoformat" },
  { name: "@observablehq/plot" },
  { name: "apache-arrow" },
  { name: "arquero" },
  {
    name: "@duckdb/duckdb-wasm",
    files: [
      "dist/duckdb-eh.wasm",
      "dist/duckdb-mvp.wasm",
      "dist/duckdb-browser-eh.worker.js",
      "dist/duckdb-browser-mvp.worker.js"
    ]
  }
];

const require = createRequire(import.meta.url);

function packageDir(name: string, projectRoot: string): string {
  const direct = join(projectRoot, "node_modules", name, "package.json");
  if (existsSync(direct)) return dirname(direct);
  return dirname(require.resolve(`${name}/package.json`, { paths: [projectRoot] }));
}

async function installedVersion(dir: string): Promise<string> {
  return JSON.parse(await readFile(join(dir, "package.json"), "utf8")).version;
}

/** Imports of another vendored package stay imports, pointing at its cached bundle. */
function externalsPlugin(fromDir: string, versions: Map<string, string>): Plugin {
  return {
    name: "opsbook-vendored-externals",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        const version = versions.get(args.path);
        if (!version) return undefined;
        const target = join("_npm", `${args.path}@${version}`, "_esm.js");
        return { path: "./" + relative(fromDir, target).split("\\").join("/"), external: true };
      });
    }
  };
}

export async function vendorNpm(projectRoot: string, frameworkRoot: string): Promise<string[]> {
  const cache = join(frameworkRoot, ".observablehq", "cache", "_npm");
  const versions = new Map<string, string>();
  const dirs = new Map<string, string>();
  for (const pkg of vendoredPackages) {
    const dir = packageDir(pkg.name, projectRoot);
    dirs.set(pkg.name, dir);
    versions.set(pkg.name, await installedVersion(dir));
  }
  // Stale versions would be picked by Framework's "newest cached version" rule.
  if (existsSync(cache)) {
    for (const pkg of vendoredPackages) {
      const parent = join(cache, dirname(pkg.name));
      if (!existsSync(parent)) continue;
      const base = pkg.name.split("/").pop()!;
      for (const entry of readdirSync(parent)) {
        if (entry.startsWith(`${base}@`) && entry !== `${base}@${versions.get(pkg.name)}`) {
          await rm(join(parent, entry), { recursive: true, force: true });
        }
      }
    }
  }
  const written: string[] = [];
  for (const name of stubbedPackages) {
    const outFile = join(cache, `${name}@${stubVersion}`, "_esm.js");
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(outFile, `throw new Error(${JSON.stringify(`${name} is not part of this offline Opsbook site`)});\n`);
    written.push(outFile);
  }
  for (const pkg of vendoredPackages) {
    const version = versions.get(pkg.name)!;
    const outDir = join(cache, `${pkg.name}@${version}`);
    const outFile = join(outDir, "_esm.js");
    await mkdir(outDir, { recursive: true });
    if (!existsSync(outFile)) {
      const others = new Map([...versions].filter(([name]) => name !== pkg.name));
      await build({
        stdin: {
          // Every vendored package is used through named exports (import * as Plot …).
          contents: `export * from ${JSON.stringify(pkg.name)};`,
          resolveDir: projectRoot,
          loader: "js"
        },
        bundle: true,
        format: "esm",
        platform: "browser",
        target: "es2022",
        minify: true,
        legalComments: "none",
        outfile: outFile,
        logLevel: "error",
        plugins: [externalsPlugin(join("_npm", dirname(`${pkg.name}@${version}/_esm.js`)), others)]
      });
    }
    written.push(outFile);
    for (const file of pkg.files ?? []) {
      const target = join(outDir, file);
      if (existsSync(target)) continue;
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(dirs.get(pkg.name)!, file), target);
      written.push(target);
    }
  }
  return written;
}
