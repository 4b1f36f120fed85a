/**
 * Preloaded into the Framework build: any attempt to reach the network (an npm: import not in the
 * vendored cache, a DuckDB extension, a remote file) fails the build with the URL named.
 */
const blocked = (input: unknown) => {
  const url = input instanceof Request ? input.url : String(input);
  const error = new Error(`opsbook: offline build: a page needs ${url}. Vendor the package in src/build/vendor-npm.ts or remove the import.`);
  console.error(error.message);
  process.exitCode = 1;
  return Promise.reject(error);
};
globalThis.fetch = blocked as typeof fetch;
