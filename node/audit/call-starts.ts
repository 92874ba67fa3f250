import fs from 'node:fs';
import path from 'node:path';
import { MAX_DURATION_MS } from '../../core/index.js';
import { isErrno } from '../fs/errno.js';
import { removeOlderThan, writeFileMakingDir } from '../fs/old-files.js';

// When each call started: PreToolUse writes `<tool_use_id>` (its start, epoch ms) and PostToolUse
// takes it back to compute the call's duration. A file per call: the two hooks are separate
// processes, and parallel calls never share a file, so no lock is needed. A start whose end never
// came (Claude Code killed, a hook not installed) is removed after a day by `prune`.

/** Claude Code's tool_use ids look like `toolu_01ABC…`: anything else is not used as a file name. */
const TOOL_USE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export class CallStarts {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Notes that the call `toolUseId` starts at `now`; ignored for an id that is not one. */
  note(toolUseId: unknown, now: number): void {
    if (isToolUseId(toolUseId)) writeFileMakingDir(path.join(this.dir, toolUseId), String(now));
  }

  /** The call's duration at `now`, removing its start; undefined when its start was not seen. */
  take(toolUseId: unknown, now: number): number | undefined {
    if (!isToolUseId(toolUseId)) return undefined;
    const file = path.join(this.dir, toolUseId);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
      fs.unlinkSync(file);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return undefined;
      throw error;
    }
    const duration = now - Number(text);
    // A clock set back, or a start from another day, is no latency.
    return Number.isSafeInteger(duration) && duration >= 0 && duration <= MAX_DURATION_MS ? duration : undefined;
  }

  /** Removes starts older than `MAX_DURATION_MS`. */
  prune(now: number): void {
    removeOlderThan(this.dir, MAX_DURATION_MS, now);
  }
}

function isToolUseId(value: unknown): value is string {
  return typeof value === 'string' && TOOL_USE_ID.test(value);
}
