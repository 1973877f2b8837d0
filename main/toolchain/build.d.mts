// Types for build.mjs, which stays plain JavaScript so that an old Node can run the launchers.
export type BuildTarget = 'cli' | 'desktop' | 'renderer';
export function ensureBuilt(target: BuildTarget, options?: { force?: boolean }): Promise<string>;
