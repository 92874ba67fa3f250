import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, checkChain, sealRecord, type AuditFields, type AuditRecord } from '../../node/index.js';
import { sha256 } from '../../node/audit/audit-chain.js';

let dir: string;
let log: AuditLog;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-audit-'));
  log = new AuditLog(dir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const fields = (i: number, session = 's1'): AuditFields => ({
  at: new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString(), session_id: session, tool: 'mcp__github__search', entity: 'mcp:github',
  agent: null, status: 'success', failure_kind: null, duration_ms: 10 + i, input_hash: `sha256:${String(i).padStart(64, '0')}`,
  result_hash: `sha256:${'f'.repeat(64)}`,
});

async function trailOf(n: number): Promise<string> {
  for (let i = 1; i <= n; i++) await log.append(fields(i));
  return fs.readFileSync(log.fileOf('s1'), 'utf8');
}
const lines = (text: string) => text.split('\n').slice(0, -1);
const join = (parts: string[]) => `${parts.join('\n')}\n`;

describe('the chain', () => {
  it('links each record to the one before, numbered from 1', async () => {
    const { records, broken } = checkChain(await trailOf(3));
    expect(broken).toBeUndefined();
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[0]!.prev_hash).toBeNull();
    expect(records[2]!.prev_hash).toBe(records[1]!.hash);
    expect(Object.keys(records[0]!)).toEqual([
      'seq', 'at', 'session_id', 'tool', 'entity', 'agent', 'status', 'failure_kind', 'duration_ms', 'input_hash', 'result_hash',
      'repeat', 'retry_loop', 'prev_hash', 'hash',
    ]);
  });

  it('a changed record is named', async () => {
    const text = lines(await trailOf(4));
    text[2] = text[2]!.replace('"duration_ms":13', '"duration_ms":1');
    expect(checkChain(join(text)).broken).toEqual({ line: 3, problem: 'record 3 does not match its hash (it was changed after it was written)' });
  });

  it('a record changed and its hash recomputed breaks the link after it', async () => {
    const text = lines(await trailOf(4));
    const { hash: _, ...body } = JSON.parse(text[1]!) as AuditRecord;
    const forged = sealRecord({ ...body, status: 'failure' }, JSON.parse(text[0]!) as AuditRecord);
    text[1] = JSON.stringify(forged);
    expect(checkChain(join(text)).broken).toEqual({
      line: 3, problem: 'record 3 does not follow record 2: its prev_hash differs (the chain was rewritten)',
    });
  });

  it('reordered, removed or inserted records are named', async () => {
    const text = lines(await trailOf(4));
    expect(checkChain(join([text[0]!, text[2]!, text[1]!, text[3]!])).broken).toEqual({
      line: 2, problem: 'record 3 where record 2 should be (records were removed, inserted or reordered)',
    });
    expect(checkChain(join(text.slice(1))).broken).toEqual({
      line: 1, problem: 'record 2 where record 1 should be (records were removed, inserted or reordered)',
    });
    expect(checkChain(join([...text.slice(0, 2), text[1]!, ...text.slice(2)])).broken?.line).toBe(3);
  });

  it('a truncated file: the cut record is named; garbage is not a record', async () => {
    const text = await trailOf(3);
    expect(checkChain(text.slice(0, -40)).broken).toEqual({ line: 3, problem: 'the last record is cut off (the file was truncated)' });
    expect(checkChain(`${text}not json\n`).broken).toEqual({ line: 4, problem: 'not a JSON record (the file was edited or cut)' });
    expect(checkChain(`${text}{"seq":4}\n`).broken).toEqual({ line: 4, problem: 'not an audit record' });
    expect(checkChain('')).toEqual({ records: [] });
  });
});

describe('hashes', () => {
  it("are SHA-256 of the text's UTF-8, short or longer than the hasher's 8 KB window", () => {
    const expected = (text: string) => `sha256:${createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex')}`;
    const small = 'grüße, 世界 🌍 "quoted"';
    expect(sha256(small)).toBe(expected(small));
    for (const length of [8191, 8192, 100_000]) {
      const text = small.repeat(Math.ceil(length / small.length)).slice(0, length);
      expect(sha256(text)).toBe(expected(text));
    }
    expect(sha256('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('appending', () => {
  it('parallel appends of one session: one unbroken chain holding every record', async () => {
    const other = new AuditLog(dir); // as another hook process would: its own lock owner
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? log : other).append(fields(i))));
    const { records, broken } = log.check(log.fileOf('s1'));
    expect(broken).toBeUndefined();
    expect(records.map((r) => r.duration_ms).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 40 }, (_, i) => 10 + i));
  });

  it('a write cut short is removed by the next append, which continues the chain', async () => {
    const text = await trailOf(2);
    fs.writeFileSync(log.fileOf('s1'), `${text}{"seq":3,"at":"2026-12`);
    await log.append(fields(9));
    const { records, broken } = log.check(log.fileOf('s1'));
    expect(broken).toBeUndefined();
    expect(records.map((r) => [r.seq, r.duration_ms])).toEqual([[1, 11], [2, 12], [3, 19]]);
  });

  it('refuses to append after a last line that is no record; links to an edited one, which verify still names', async () => {
    const text = await trailOf(2);
    fs.writeFileSync(log.fileOf('s1'), `${text}{"seq":3}\n`);
    await expect(log.append(fields(3))).rejects.toThrow(/its last record is damaged \(not an audit record\)/);
    fs.writeFileSync(log.fileOf('s1'), text.replace('"duration_ms":12', '"duration_ms":2'));
    await log.append(fields(3));
    expect(log.check(log.fileOf('s1')).broken).toEqual({ line: 2, problem: 'record 2 does not match its hash (it was changed after it was written)' });
  });

  it('files are named by session id; an id that cannot be a file name by its hash', () => {
    expect(path.basename(log.fileOf('9f1c2e4a-5b6d-4e8f-a0b1-c2d3e4f5a6b7'))).toBe('9f1c2e4a-5b6d-4e8f-a0b1-c2d3e4f5a6b7.jsonl');
    for (const id of ['../x', '.hidden', 'a/b', 'x'.repeat(200)]) {
      expect(path.basename(log.fileOf(id))).toMatch(/^session-[0-9a-f]{32}\.jsonl$/);
      expect(path.dirname(log.fileOf(id))).toBe(dir);
    }
  });

  it('trails are private to their user', async () => {
    await trailOf(1);
    expect(fs.statSync(log.fileOf('s1')).mode & 0o777).toBe(0o600);
  });
});
