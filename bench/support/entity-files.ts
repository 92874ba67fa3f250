// Entity files on disk, named and formatted as the file store writes them (upstream's layout).
import fs from 'node:fs';
import path from 'node:path';
import type { EntityTrust } from './lib.js';
import { nodeLib } from './node-lib.js';

export interface EntityFiles {
  dir: string;
  /** Full paths of the files, and their texts as written. */
  paths: string[];
  texts: string[];
}

/** Writes `entities` into `dir` as the file store names and formats them (upstream's layout). */
export function writeEntityFiles(dir: string, entities: readonly EntityTrust[]): EntityFiles {
  fs.mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  const texts: string[] = [];
  for (const entity of entities) {
    const file = path.join(dir, nodeLib.entityFileName(entity.entityId));
    const text = nodeLib.formatEntityFile(entity);
    fs.writeFileSync(file, text);
    paths.push(file);
    texts.push(text);
  }
  return { dir, paths, texts };
}
