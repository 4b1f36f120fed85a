import { describe, expect, it } from "vitest";
import { completeLockfile, platformOf } from "../../src/tools/complete-lockfile.ts";

describe("completing package-lock.json for other platforms", () => {
  it("reads the platform from a native package's name", () => {
    expect(platformOf("@rollup/rollup-linux-arm64-musl")).toEqual({ os: ["linux"], cpu: ["arm64"], libc: ["musl"] });
    expect(platformOf("@rollup/rollup-android-arm-eabi")).toEqual({ os: ["android"], cpu: ["arm"] });
    expect(platformOf("@duckdb/node-bindings-darwin-arm64")).toEqual({ os: ["darwin"], cpu: ["arm64"] });
    expect(platformOf("@rollup/rollup-win32-ia32-msvc")).toEqual({ os: ["win32"], cpu: ["ia32"] });
    expect(platformOf("left-pad")).toBeUndefined();
  });

  it("adds only the missing optional platform packages, tagged so npm skips them here", () => {
    const lock = {
      packages: {
        "": {},
        "node_modules/rollup": { version: "4.1.0", optionalDependencies: { "@rollup/rollup-linux-x64-gnu": "4.1.0", "@rollup/rollup-darwin-x64": "4.1.0", "fsevents": "~2.3.2" } },
        "node_modules/@rollup/rollup-linux-x64-gnu": { version: "4.1.0", optional: true }
      }
    };
    expect(completeLockfile(lock)).toEqual(["@rollup/rollup-darwin-x64@4.1.0"]);
    expect(lock.packages).toHaveProperty(["node_modules/@rollup/rollup-darwin-x64"], { version: "4.1.0", license: "MIT", optional: true, os: ["darwin"], cpu: ["x64"] });
    expect(completeLockfile(lock)).toEqual([]);
  });
});
