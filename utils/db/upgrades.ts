// The released upgrade steps of the `web4-trust` database, frozen: each step carries its own copy of
// the transform its version needed (field derivations, the bucket hash and count), so that a later
// change to the engine or to the storage layout can never change what an old upgrade does. Never
// edit a released step: add a new one, and a test that upgrades data written by every earlier version.
//
// A record a step cannot convert is not a reason to fail the upgrade: it is moved to the meta
// store's `quarantine` list (its key, the record as it was, and why), and the upgrade goes on. Any
// other failure aborts the whole version change, so the database stays as it was (see trust-db.ts).
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { QuarantinedRecord, TrustDbSchema } from './schema.js';

type Db = IDBPDatabase<TrustDbSchema>;
type UpgradeTransaction = IDBPTransaction<TrustDbSchema, StoreNames<TrustDbSchema>[], 'versionchange'>;
export type UpgradeStep = (db: Db, tx: UpgradeTransaction) => Promise<void>;

async function quarantine(tx: UpgradeTransaction, entry: QuarantinedRecord): Promise<void> {
  const meta = tx.objectStore('meta');
  const list = ((await meta.get('quarantine')) as QuarantinedRecord[] | undefined) ?? [];
  await meta.put([...list, entry], 'quarantine');
}

// --- Version 2's derived fields (frozen copy) ------------------------------------------------------

const V2_T3 = ['talent', 'training', 'temperament'] as const;
const V2_V3 = ['valuation', 'veracity', 'validity'] as const;

/** Version 2's record of a version 1 entity object, or why there is none. */
function v2Record(entity: unknown): Record<string, unknown> | string {
  const e = entityObject(entity);
  if (typeof e === 'string') return e;
  if (typeof e.entity_id !== 'string' || e.entity_id === '') return 'no entity_id';
  const scores = [...V2_T3, ...V2_V3].map((name) => e[name]);
  const bad = scores.findIndex((x) => typeof x !== 'number' || !(x >= 0 && x <= 1));
  if (bad >= 0) return `${[...V2_T3, ...V2_V3][bad]} is not a number in [0,1]`;
  const [talent, training, temperament, valuation, veracity, validity] = scores as number[];
  const t3 = (talent! + training! + temperament!) / 3;
  const activityText = e.last_activity ?? e.last_action ?? e.created_at;
  const lastActivity = typeof activityText === 'string' && !Number.isNaN(Date.parse(activityText)) ? Date.parse(activityText) : null;
  const level = t3 >= 0.8 ? 'high' : t3 >= 0.6 ? 'medium-high' : t3 >= 0.4 ? 'medium' : t3 >= 0.2 ? 'low' : 'minimal';
  const colon = e.entity_id.indexOf(':');
  return {
    entity_id: e.entity_id,
    entity_type: colon < 0 ? '' : e.entity_id.slice(0, colon),
    t3_average: t3,
    v3_average: (valuation! + veracity! + validity!) / 3,
    trust_level: level,
    last_activity: lastActivity,
    trust_key: -t3,
    recent_key: lastActivity === null ? Infinity : -lastActivity,
    entity: JSON.stringify(entity),
  };
}

// --- Version 3's buckets (frozen copy) -------------------------------------------------------------

const V3_BUCKET_COUNT = 1024;

/** FNV-1a (32-bit) over the id's UTF-16 code units, modulo 1024: version 3's bucket of an id. */
function v3BucketOf(entityId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < entityId.length; i++) {
    hash ^= entityId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % V3_BUCKET_COUNT;
}

const V3_ROW_FIELDS = ['entity_id', 'entity_type', 't3_average', 'v3_average', 'trust_level', 'last_activity'] as const;

/** Why a version 2 record cannot become a version 3 bucket entry, or undefined. */
function v3Problem(record: Record<string, unknown>): string | undefined {
  if (typeof record.entity_id !== 'string') return 'no entity_id';
  if (typeof record.entity !== 'string') return 'the entity is not JSON text';
  try {
    JSON.parse(record.entity);
  } catch {
    return 'the entity text is not JSON';
  }
  if (typeof record.t3_average !== 'number' || typeof record.v3_average !== 'number') return 'no averages';
  return undefined;
}

// --- Version 4's list rows (frozen copy) -----------------------------------------------------------

const V4_T3 = ['talent', 'training', 'temperament'] as const;
const V4_V3 = ['valuation', 'veracity', 'validity'] as const;

const isScore = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;

/** Three scores at `field` of an entity object, if it holds three numbers in [0,1]. */
function v4Triple(e: Record<string, unknown>, field: string): number[] | undefined {
  const value = e[field];
  return Array.isArray(value) && value.length === 3 && value.every(isScore) ? (value as number[]) : undefined;
}

interface V4Row {
  id: string;
  type: string;
  lastActivity: number | null;
  scores: number[];
}

/** Version 4's record of a bucket's rows: its columns (last activity NaN for never, six scores per row). */
function v4Bucket(bucket: number, rows: V4Row[], lowTrust: string[]): Record<string, unknown> {
  const lastActivity = new Float64Array(rows.length);
  const scores = new Float64Array(rows.length * 6);
  rows.forEach((row, i) => {
    lastActivity[i] = row.lastActivity ?? Number.NaN;
    scores.set(row.scores, i * 6);
  });
  return { bucket, ids: rows.map((row) => row.id), types: rows.map((row) => row.type), last_activity: lastActivity, scores, low_trust: lowTrust };
}

/**
 * Version 4's list row of an entity stored as `text` by version 3, or why there is none. The last
 * activity is the one version 3's row held (the engine parsed it when it wrote the row); an entity
 * without a row gets version 2's reading of its timestamps.
 */
function v4Row(id: string, text: string, old: Record<string, unknown> | undefined): V4Row | string {
  const entity = entityObjectOf(text);
  if (typeof entity === 'string') return entity;
  const bad = [...V4_T3, ...V4_V3].find((name) => !isScore(entity[name]));
  if (bad !== undefined) return `${bad} is not a number in [0,1]`;
  let lastActivity: number | null;
  if (old !== undefined && (old.last_activity === null || typeof old.last_activity === 'number')) {
    lastActivity = old.last_activity;
  } else {
    const activityText = entity.last_activity ?? entity.last_action ?? entity.created_at;
    lastActivity = typeof activityText === 'string' && !Number.isNaN(Date.parse(activityText)) ? Date.parse(activityText) : null;
  }
  // The scores at last activity, from which decay is computed (written only when they differ from
  // the scores); an entity never active does not decay, so its row holds its scores.
  const t3 = lastActivity === null ? undefined : v4Triple(entity, 't3_at_last_activity');
  const v3 = lastActivity === null ? undefined : v4Triple(entity, 'v3_at_last_activity');
  const colon = id.indexOf(':');
  return {
    id,
    type: colon < 0 ? '' : id.slice(0, colon),
    lastActivity,
    scores: [...(t3 ?? V4_T3.map((name) => entity[name] as number)), ...(v3 ?? V4_V3.map((name) => entity[name] as number))],
  };
}

/** Whether version 4 flags an entity as low trust when upgrading: its stored T3 average below 0.4 (a sweep brings it to now). */
function v4LowTrust(text: string): boolean {
  const e = JSON.parse(text) as Record<string, number>;
  return (e.talent! + e.training! + e.temperament!) / 3 < 0.4;
}

// --- Version 5's call columns (frozen copy) --------------------------------------------------------

interface V5Calls {
  failures: number;
  /** The failed share of `recent_outcomes`; NaN with none. */
  rate: number;
}

/**
 * Version 5's call figures of an entity stored as `text`, or why there are none. The entity's own
 * `call_evidence`, read leniently: a field that is not what it should be counts as no failure (the
 * row only orders a list; the engine judges the entity when it is read).
 */
function v5Calls(text: string): V5Calls | string {
  const entity = entityObjectOf(text);
  if (typeof entity === 'string') return entity;
  const evidence = entity.call_evidence;
  if (typeof evidence !== 'object' || evidence === null) return { failures: 0, rate: Number.NaN };
  const { failures, recent_outcomes: recent } = evidence as Record<string, unknown>;
  const valid = typeof recent === 'string' && /^[01]+$/.test(recent);
  return {
    failures: Number.isSafeInteger(failures) && (failures as number) >= 0 ? (failures as number) : 0,
    rate: valid ? recent.replaceAll('1', '').length / recent.length : Number.NaN,
  };
}

/** Version 4's record of a bucket's rows, as step 5 reads it. */
interface V4Bucket {
  bucket: number;
  ids: string[];
  types: string[];
  last_activity: Float64Array;
  scores: Float64Array;
  low_trust: string[];
}

// --- The steps ---------------------------------------------------------------------------------------

/** Step i upgrades a database from version i to i + 1. */
export const UPGRADES: readonly UpgradeStep[] = [
  // 1: entities keyed by id with a type index ({ entity_id, entity_type, entity: EntityJson object });
  //    the event log; meta.
  async (db) => {
    const entities = db.createObjectStore('entities', { keyPath: 'entity_id' });
    entities.createIndex('type', 'entity_type');
    const events = db.createObjectStore('events', { keyPath: 'id', autoIncrement: true });
    events.createIndex('entity', 'entity_ids', { multiEntry: true });
    db.createObjectStore('meta');
  },
  // 2: the popup's sorts: derived summary fields on every record, with `trust` and `recent` indexes;
  //    the entity as JSON text.
  async (_db, tx) => {
    const entities = tx.objectStore('entities');
    entities.createIndex('trust', 'trust_key');
    entities.createIndex('recent', 'recent_key');
    for (let cursor = await entities.openCursor(); cursor; cursor = await cursor.continue()) {
      const record = v2Record((cursor.value as unknown as { entity?: unknown }).entity);
      if (typeof record === 'string') {
        await quarantine(tx, { from_version: 1, store: 'entities', key: cursor.key, record: cursor.value, reason: record });
        await cursor.delete();
      } else {
        await cursor.update(record as never);
      }
    }
  },
  // 3: entities grouped into buckets by a hash of their id: each bucket's entity texts in
  //    `entity-buckets`, its list rows in `summary-buckets` (with a multi-entry index of the
  //    low-trust ids, for the badge). A saved sweep cursor counted entity ids, so it is dropped.
  async (db, tx) => {
    db.createObjectStore('entity-buckets', { keyPath: 'bucket' });
    const summaries = db.createObjectStore('summary-buckets', { keyPath: 'bucket' });
    summaries.createIndex('low-trust', 'low_trust', { multiEntry: true });
    const texts = Array.from({ length: V3_BUCKET_COUNT }, () => new Map<string, string>());
    const rows = Array.from({ length: V3_BUCKET_COUNT }, (): Record<string, unknown>[] => []);
    for (const value of await tx.objectStore('entities').getAll()) {
      const record = value as unknown as Record<string, unknown>;
      const problem = v3Problem(record);
      if (problem !== undefined) {
        await quarantine(tx, { from_version: 2, store: 'entities', key: String(record.entity_id), record, reason: problem });
        continue;
      }
      const id = record.entity_id as string;
      const bucket = v3BucketOf(id);
      texts[bucket]!.set(id, record.entity as string);
      rows[bucket]!.push(Object.fromEntries(V3_ROW_FIELDS.map((field) => [field, record[field]])));
    }
    const writes: Promise<unknown>[] = [];
    for (let bucket = 0; bucket < V3_BUCKET_COUNT; bucket++) {
      if (rows[bucket]!.length === 0) continue;
      const lowTrust = rows[bucket]!.filter((row) => (row.t3_average as number) < 0.4).map((row) => row.entity_id as string);
      writes.push(tx.objectStore('entity-buckets').put({ bucket, entities: Object.fromEntries(texts[bucket]!) }));
      writes.push(tx.objectStore('summary-buckets').put({ bucket, summaries: rows[bucket]!, low_trust: lowTrust } as never));
    }
    writes.push(tx.objectStore('meta').delete('sweep-cursor'));
    await Promise.all(writes);
    db.deleteObjectStore('entities');
  },
  // 4: list rows that lists bring to the moment they are read, stored column by column: ids, types,
  //    last activity and the six scores at last activity, instead of row objects with the averages
  //    and level as stored. Every row is made again from its entity's text; an entity whose text
  //    cannot give one is quarantined, and a row with no text is dropped.
  async (_db, tx) => {
    const texts = tx.objectStore('entity-buckets');
    const summaries = tx.objectStore('summary-buckets');
    const seen = new Set<number>();
    for (let cursor = await texts.openCursor(); cursor; cursor = await cursor.continue()) {
      const record = cursor.value as unknown as { bucket: number; entities: Record<string, string> };
      seen.add(record.bucket);
      const oldRecord = (await summaries.get(record.bucket)) as unknown as { summaries?: Record<string, unknown>[] } | undefined;
      const oldRows = new Map((oldRecord?.summaries ?? []).map((row) => [row.entity_id, row]));
      const kept: [string, string][] = [];
      const rows: V4Row[] = [];
      const lowTrust: string[] = [];
      for (const [id, text] of Object.entries(record.entities)) {
        const row = v4Row(id, text, oldRows.get(id));
        if (typeof row === 'string') {
          await quarantine(tx, { from_version: 3, store: 'entity-buckets', key: id, record: text, reason: row });
          continue;
        }
        kept.push([id, text]);
        rows.push(row);
        if (v4LowTrust(text)) lowTrust.push(id);
      }
      if (rows.length === 0) {
        await cursor.delete();
        await summaries.delete(record.bucket);
      } else {
        if (kept.length < Object.keys(record.entities).length) await cursor.update({ bucket: record.bucket, entities: Object.fromEntries(kept) } as never);
        await summaries.put(v4Bucket(record.bucket, rows, lowTrust) as never);
      }
    }
    for (const key of await summaries.getAllKeys()) {
      if (!seen.has(key)) await summaries.delete(key);
    }
  },
  // 5: the popup's failures sort: two more columns in every bucket of list rows, each row's failed
  //    calls and recent failure rate (NaN for none), read from its entity's `call_evidence`. An
  //    entity whose text is not an entity object is quarantined, and its row dropped.
  async (_db, tx) => {
    const texts = tx.objectStore('entity-buckets');
    const summaries = tx.objectStore('summary-buckets');
    for (let cursor = await summaries.openCursor(); cursor; cursor = await cursor.continue()) {
      const record = cursor.value as unknown as V4Bucket;
      const stored = (await texts.get(record.bucket)) as unknown as { entities: Record<string, string> } | undefined;
      const entities = new Map(Object.entries(stored?.entities ?? {}));
      const kept: number[] = [];
      const calls: V5Calls[] = [];
      const gone = new Set<string>();
      for (const [i, id] of record.ids.entries()) {
        // A Map, not the record: an id may be `__proto__`. A row without a text (schema 4 kept none) is dropped.
        const text = entities.get(id);
        const figures = text === undefined ? undefined : v5Calls(text);
        if (typeof figures !== 'object') {
          if (figures !== undefined) {
            await quarantine(tx, { from_version: 4, store: 'entity-buckets', key: id, record: text, reason: figures });
            entities.delete(id);
          }
          gone.add(id);
          continue;
        }
        kept.push(i);
        calls.push(figures);
      }
      if (stored && entities.size < Object.keys(stored.entities).length) {
        if (entities.size === 0) await texts.delete(record.bucket);
        else await texts.put({ bucket: record.bucket, entities: Object.fromEntries(entities) } as never);
      }
      if (kept.length === 0) {
        await cursor.delete();
        continue;
      }
      const scores = new Float64Array(kept.length * 6);
      kept.forEach((from, to) => scores.set(record.scores.subarray(from * 6, from * 6 + 6), to * 6));
      await cursor.update({
        bucket: record.bucket,
        ids: kept.map((i) => record.ids[i]!),
        types: kept.map((i) => record.types[i]!),
        last_activity: Float64Array.from(kept, (i) => record.last_activity[i]!),
        scores,
        call_failures: Float64Array.from(calls, (c) => c.failures),
        recent_failure_rate: Float64Array.from(calls, (c) => c.rate),
        low_trust: record.low_trust.filter((id) => !gone.has(id)),
      } as never);
    }
  },
  // 6: the bridge's outbox: writes made while this computer's store could not be reached.
  async (db) => {
    db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
  },
];

/** A stored entity text as a JSON object, or why it is none. */
function entityObjectOf(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'the entity text is not JSON';
  }
  return entityObject(value);
}

/** `value` as an entity's JSON object, or why it is none. */
function entityObject(value: unknown): Record<string, unknown> | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an entity object';
  return value as Record<string, unknown>;
}
