// Types of mutation.folders.mjs (a plain module: stryker.config.mjs imports it without a TypeScript loader).
export declare const FOLDERS: Record<string, { mutate: string[]; tests: string[]; isolate?: boolean }>;
export declare function selectedFolder(): string | undefined;
