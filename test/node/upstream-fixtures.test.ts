import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntityTrust } from '../../core/index.js';
import { FileTrustStore, entityFileName } from '../../node/index.js';

// Every real upstream file loads through the file store as expected-canonical.json says.
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/upstream');
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected-canonical.json'), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;
const SCORES = ['talent', 'training', 'temperament', 'valuation', 'veracity', 'validity'] as const;
const EXACT = [
  'entity_id', 'entity_type', 'entity_name', 't3_observation_counts', 'v3_observation_counts',
  'action_count', 'success_count', 'witness_count', 'witnessed_by', 'has_witnessed',
] as const;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-fixtures-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A store folder holding just the files of one upstream source. */
function storeOf(folder: string): FileTrustStore {
  const dir = path.join(work, folder);
  fs.cpSync(path.join(FIXTURES, folder), dir, { recursive: true });
  return new FileTrustStore(dir, { onProblem: (p) => expect.fail(`${p.path}: ${p.problem}`) });
}

function expectCanonical(entity: EntityTrust, want: Record<string, unknown>): void {
  const json = entity.toJSON();
  for (const key of EXACT) expect(json[key], key).toEqual(want[key]);
  for (const key of SCORES) expect(Math.abs(json[key] - (want[key] as number)), key).toBeLessThanOrEqual(1e-12);
}

describe.each(['python-6d', 'rust-3d'])('upstream %s entity folder', (folder) => {
  const keys = Object.keys(expected).filter((key) => key.startsWith(`${folder}/`));

  it('has a fixture for every file', () => {
    const files = fs.readdirSync(path.join(FIXTURES, folder)).filter((name) => /^[0-9a-f]{16}\.json$/.test(name));
    expect(keys.map((key) => key.slice(folder.length + 1)).sort()).toEqual(files.sort());
  });

  it.each(keys)('%s loads as expected', async (key) => {
    const store = storeOf(folder);
    const want = expected[key]!;
    expect(path.basename(key)).toBe(entityFileName(want.entity_id as string));
    expectCanonical(await store.get(want.entity_id as string), want);
  });

  it('lists every entity and writes them back as canonical 3-D that loads the same', async () => {
    const store = storeOf(folder);
    const entities = await store.list();
    expect(entities).toHaveLength(keys.length);
    for (const entity of entities) await store.save(entity);
    for (const key of keys) {
      const text = fs.readFileSync(path.join(store.dir, path.basename(key)), 'utf8');
      const json = JSON.parse(text) as Record<string, unknown>;
      expect(json).not.toHaveProperty('competence');
      expect(text).toBe(JSON.stringify(json, null, 2));
      expectCanonical(await store.get(expected[key]!.entity_id as string), expected[key]!);
    }
  });
});

describe('upstream web4-trust-core 0.1 entity list', () => {
  it('imports as a bare array into the file store with the expected entities', async () => {
    // Read when the list was written (its entities are dated then): as loaded, not decayed since.
    const store = new FileTrustStore(path.join(work, 'rust-0.1'), { clock: { now: () => Date.parse('2026-11-24T15:00:00Z') } });
    const input = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'rust-0.1-6d-entities.json'), 'utf8')) as unknown[];
    const plan = await store.importBundle(input, 'merge');
    expect(plan.rejected).toEqual([]);
    for (const index of [0, 1]) {
      const want = expected[`rust-0.1-6d-entities.json#${index}`]!;
      expectCanonical(await store.get(want.entity_id as string), want);
    }
  });
});
