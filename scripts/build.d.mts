// Types of scripts/build.mjs, for the tests that import it.
export declare const ROOT: string;
export declare function isFresh(root?: string): boolean;
export declare function build(root?: string, outDir?: string): Promise<string>;
