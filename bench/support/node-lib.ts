// The compiled Node side (dist/node): the file store and entity files. See lib.ts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as NodeModule from '../../node/index.js';
import { DIST } from './lib.js';

export const nodeLib = (await import(pathToFileURL(path.join(DIST, 'node/index.js')).href)) as typeof NodeModule;
