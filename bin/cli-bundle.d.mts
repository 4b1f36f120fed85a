/** Hash of the names, sizes and modification times of every file under `dirs` (and of `files`). */
export function sourceKey(root: string, dirs: string[], files?: string[]): string;
/** Path of the current bundle of `entry` (relative to root), built first when sources changed. */
export function cliBundle(options: { root: string; entry?: string; name?: string; cacheDir?: string }): Promise<string>;
