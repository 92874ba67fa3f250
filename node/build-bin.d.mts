export function buildBin(outdir?: string): Promise<void>;
