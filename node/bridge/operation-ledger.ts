import fs from 'node:fs';
import path from 'node:path';
import { MS_PER_DAY } from '../../core/index.js';
import { removeOlderThan, writeFileMakingDir } from '../fs/old-files.js';

// The ids of the extension's writes that the host has applied, one empty file per id: a write the
// extension sends again (its outbox replayed after a lost answer) is applied once. An id is written
// down after its change lands, so a host killed between the two applies that one write twice when it
// comes again; the window is the time of one file creation. Ids older than 30 days are forgotten.

export const LEDGER_RETENTION_DAYS = 30;

export class OperationLedger {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  has(operationId: string): boolean {
    return fs.existsSync(path.join(this.dir, operationId));
  }

  add(operationId: string): void {
    writeFileMakingDir(path.join(this.dir, operationId), '');
  }

  prune(now = Date.now()): void {
    removeOlderThan(this.dir, LEDGER_RETENTION_DAYS * MS_PER_DAY, now);
  }
}
