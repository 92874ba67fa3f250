// The `web4-trust` database's schema: its stores and the records they hold. A leaf module (types
// only), so that the connection, the upgrades and the bucket code can all depend on it.
import type { DBSchema, IDBPDatabase } from 'idb';
import type { BridgeChange, DecayConfig, EpochMs, SweepRule } from '@/core/index.js';
import type { Settings, SweepResult, TrustEvent } from '../api/api-types.js';

/**
 * `entity-buckets` record: entity id → `JSON.stringify(entity.toJSON())`, exactly as export writes it.
 * A plain object at rest (the browser stores it faster than a Map), so ids such as `__proto__` or
 * `constructor` must only be read as own properties: use `storedText`, or a Map via `Object.entries`.
 */
export interface EntityBucket {
  bucket: number;
  entities: Record<string, string>;
}

/**
 * A list row: what it takes to show an entity in a list at any moment, without its text. Decay is
 * time-consistent, so an entity's scores at any time follow from its last activity and its six
 * scores right after it: lists compute the averages and the level at the moment they are read
 * (`summaryAt` in summary-rows.ts), never from scores stored by the last write or sweep. Stored
 * column by column in a `SummaryBucket`.
 */
export interface SummaryRow {
  entity_id: string;
  entity_type: string;
  /** Epoch ms, or null (never active: such an entity does not decay). */
  last_activity: EpochMs | null;
  /**
   * Talent, training, temperament, valuation, veracity, validity right after `last_activity`, from
   * which decay is computed; with no last activity, the scores as they are.
   */
  scores: number[];
  /** The entity's failed calls (0 without call evidence): what the failures sort orders by. */
  call_failures: number;
  /** The failed share of its last calls, or null before any call: the failures sort's tie-break. */
  recent_failure_rate: number | null;
}

/**
 * `summary-buckets` record (schema 4; the call columns since schema 5): the list rows of the same
 * bucket's entities, in no particular order, column by column. The popup reads every record before
 * its first rows: columns (typed arrays and two arrays of strings) take a third of the time and two
 * thirds of the bytes that row objects do to deserialize.
 */
export interface SummaryBucket {
  bucket: number;
  /** Each row's `entity_id`; the other columns are in the same order. */
  ids: string[];
  types: string[];
  /** Each row's last activity, epoch ms; NaN for never. */
  last_activity: Float64Array;
  /** Six per row: the row's `scores`. */
  scores: Float64Array;
  /** Each row's failed calls. */
  call_failures: Float64Array;
  /** Each row's recent failure rate; NaN for none. */
  recent_failure_rate: Float64Array;
  /**
   * The ids of the rows at low or minimal trust when they were last written (a change, or a sweep,
   * which also refreshes the rows it does not rewrite). A multi-entry index on it has one key per
   * such entity, so the badge's count is one index count, without reading any row.
   */
  low_trust: string[];
}

/** A record an upgrade step could not convert, kept as it was. */
export interface QuarantinedRecord {
  /** The schema version the step upgraded from. */
  from_version: number;
  store: string;
  key: string;
  record: unknown;
  reason: string;
}

/** A sweep in progress, persisted after every batch so that a stopped worker resumes it. */
export interface SweepCursor {
  /** The time the sweep decays to, and how. */
  now: number;
  config: DecayConfig;
  rule: SweepRule;
  started_at: number;
  /** The next bucket to sweep. */
  next_bucket: number;
  scanned: number;
  changed: number;
  removed: number;
  /** Time spent in batches so far (a stopped worker's idle time is not counted). */
  busy_ms: number;
}

/**
 * `outbox` record (schema 6): one of the extension's writes made while the bridge to this computer's
 * store was down, kept until the host has applied it. Written in the same transaction as the local
 * change, replayed oldest first; the operation id makes a replay apply it once.
 */
export interface OutboxEntry {
  /** The key: the order of the writes. */
  seq?: number;
  operationId: string;
  change: BridgeChange;
  at: EpochMs;
}

/** What the background keeps of the bridge between connections. */
export interface BridgeMeta {
  /** The first connection merged both sides: from now on, writes made offline go to the outbox. */
  linked: boolean;
  /** The host's cursor after the last sync (what changed since is sent next time). */
  cursor: string | null;
  /** Epoch ms of the last completed sync. */
  last_sync: number | null;
}

export interface MetaValues {
  settings: Settings;
  bridge: BridgeMeta;
  'sweep-cursor': SweepCursor;
  'last-sweep': SweepResult;
  /** Records an upgrade step could not convert, kept as they were. */
  quarantine: QuarantinedRecord[];
}
export type MetaKey = keyof MetaValues;

export interface TrustDbSchema extends DBSchema {
  /** Entities by id (schemas 1 and 2); schema 3 moved them into the bucket stores and deleted this. */
  entities: {
    key: string;
    value: { entity_id: string; entity_type: string; entity: unknown; [field: string]: unknown };
    indexes: { type: string; trust: number; recent: number };
  };
  'entity-buckets': {
    key: number;
    value: EntityBucket;
  };
  'summary-buckets': {
    key: number;
    value: SummaryBucket;
    indexes: { 'low-trust': string };
  };
  events: {
    key: number;
    value: TrustEvent;
    indexes: { entity: string };
  };
  meta: {
    key: MetaKey;
    value: MetaValues[MetaKey];
  };
  outbox: {
    key: number;
    value: OutboxEntry;
  };
}

export type TrustDb = IDBPDatabase<TrustDbSchema>;
