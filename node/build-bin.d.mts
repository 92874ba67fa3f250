export function buildBin(outdir?: string): Promise<void>;
export function buildPluginBin(outfile?: string): Promise<void>;
