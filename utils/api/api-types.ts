// The contract between the background (issue 3) and the extension's pages (issue 5).
// Every call resolves to an ApiResult: errors are values with a code, never unhandled rejections.
import type {
  CallStats, ChangeEvent, EntityJson, EntitySummary, ImportPlanSummary, TrustBundle, TrustLevel, WitnessingChain,
} from '@/core/index.js';

export type ApiErrorCode =
  | 'invalid-request' // failed validation; `message` says which field and why
  | 'forbidden' // the sender is not one of this extension's pages
  | 'not-found'
  | 'bad-input' // an import whose file is unusable (not JSON, wrong format or version…)
  | 'storage' // IndexedDB failed (quota, aborted transaction…); nothing was changed
  | 'interrupted' // the background stopped (or could not be reached) before it answered
  | 'internal';

/**
 * What exactly went wrong, for the pages to say in the user's language (`message` is the technical
 * English text, for logs and "details").
 */
export type ApiErrorReason =
  | 'empty-file' | 'not-json' | 'not-a-store' | 'wrong-format' | 'newer-version' | 'bad-version'
  | 'upload-lost' | 'quota';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  reason?: ApiErrorReason;
  /** Values the reason's sentence names (a version number…). */
  params?: string[];
  /** With `invalid-request` from validation: what is wrong with which field, for the pages to say. */
  issues?: ApiIssue[];
}

/** What is wrong with one field of a request. */
export type ApiIssueProblem =
  | 'missing' | 'unknown-field' | 'wrong-type' | 'not-a-number' | 'not-whole' | 'too-small' | 'too-large'
  | 'not-one-of' | 'too-long' | 'empty' | 'bad-characters' | 'invalid';

export interface ApiIssue {
  /** The field's dot path in the request (`graceDays`, `id`); `""` for the request as a whole. */
  field: string;
  problem: ApiIssueProblem;
  /** The bound (`too-small`, `too-large`, `too-long`) or the allowed values (`not-one-of`). */
  params?: string[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const SORT_KEYS = ['trust-desc', 'trust-asc', 'recent', 'name', 'failures'] as const;
/** `failures`: most failed calls first (as the CLI's `list --sort failures`). */
export type SortKey = (typeof SORT_KEYS)[number];

/** The popup's chips: one of these types, or `other` for every type not in the list. */
export const KNOWN_TYPES = ['mcp', 'role', 'session', 'ref', 'lct'] as const;
export type TypeFilter = (typeof KNOWN_TYPES)[number] | 'other';

export interface ListEntitiesRequest {
  type?: TypeFilter;
  /** Case-insensitive substring of the id. */
  query?: string;
  level?: TrustLevel;
  sort: SortKey;
  offset: number;
  limit: number;
}

export type { EntitySummary };

/** One row of the list: the entity as it stands now, with the call figures the failures sort orders by. */
export type EntityListItem = EntitySummary & Pick<CallStats, 'call_failures' | 'recent_failure_rate'>;

export interface ListEntitiesResponse {
  /** Rows `offset` to `offset + limit` of the matching entities. */
  items: EntityListItem[];
  /** How many entities match the request's filters. */
  matching: number;
  /** Over the whole store, ignoring filters. */
  total: number;
  byLevel: Record<TrustLevel, number>;
  /** Keyed by entity_type (`""` for ids without a type). */
  byType: Record<string, number>;
}

export type TrustEventKind = ChangeEvent['kind'];

/** An entry of the append-only event log. */
export interface TrustEvent {
  id: number;
  /** Epoch ms. */
  at: number;
  kind: TrustEventKind;
  /** The entities it touched (empty for store-wide events such as a sweep or an import). */
  entity_ids: string[];
  /** Its inputs or summary, e.g. { success, magnitude } or { changed, duration_ms }. */
  details: Record<string, unknown>;
}

/** One id of an entity's own witness lists, with that entity's trust now (none when it is not stored). */
export interface DirectLink {
  entity_id: string;
  t3_average?: number;
  trust_level?: TrustLevel;
}

export interface EntityDetail {
  entity: EntityJson;
  /** Newest first. */
  events: TrustEvent[];
  chain: WitnessingChain;
  /**
   * Every id of the entity's `witnessed_by` and `has_witnessed` (the chain follows only 10 per
   * entity), in the lists' order: newest last.
   */
  direct: { witnessedBy: DirectLink[]; hasWitnessed: DirectLink[] };
}

export interface Settings {
  decayRatePerDay: number;
  graceDays: number;
  sweepPeriodMinutes: number;
  eventLogCap: number;
  /** The least move of any score that makes a sweep write an entity back, in [0,1]. */
  sweepMinChange: number;
  /** Days after its last activity that a sweep removes a `session:` entity; null keeps sessions forever. */
  sessionRetentionDays: number | null;
}

export interface ImportRequest {
  /** The file's text (parsed in the background, so big files cross as one string), or a parsed value. */
  text?: string;
  bundle?: unknown;
  /** A text sent ahead in `uploadChunk` messages (see `callApi`, which does this for large files). */
  upload?: string;
  mode: 'merge' | 'replace';
  dryRun: boolean;
}

/** Why the `unchanged` entities of a merge keep the stored copy. */
export interface KeptReasons {
  /** The incoming copy is the same as the stored one. */
  identical: number;
  /** The stored copy's last activity is later. */
  storedNewer: number;
  /** Both were last active at the same moment but differ; the stored one has as many observations or more. */
  tied: number;
  /** The first of those ids. */
  tiedIds: string[];
}

/** A plan (dry run) or what was applied, by id. */
export interface ImportSummary extends ImportPlanSummary {
  applied: boolean;
  /** For a merge's dry run with unchanged entities: why each was kept. */
  kept?: KeptReasons;
}

export interface SweepResult {
  scanned: number;
  /** Entities whose decayed scores were written back. */
  changed: number;
  /** Idle sessions removed. */
  removed: number;
  duration_ms: number;
  /** Epoch ms when it finished. */
  finished_at: number;
}

export interface StatusResponse {
  settings: Settings;
  /** The last completed sweep, if any. */
  lastSweep: SweepResult | null;
  /** When the background (service worker or event page) last started, epoch ms; a stop and wake changes it. */
  backgroundStartedAt?: number;
}

export type { TrustBundle };

/** Why the extension works on its own copy (IndexedDB) rather than this computer's store. */
export type BridgeProblemKind = 'not-installed' | 'forbidden' | 'version' | 'disconnected' | 'error';

/** The live bridge to this computer's store (`web4-trust bridge install`), as the pages show it. */
export interface BridgeStatus {
  /** `live`: connected, IndexedDB mirrors the computer's store; `local`: IndexedDB alone. */
  state: 'live' | 'connecting' | 'local';
  /** Why it is local, in the host's or browser's words (null when live, or idle with no page open). */
  problem: { kind: BridgeProblemKind; message: string } | null;
  /** The store the host serves, as of the last connection. */
  store: { kind: 'folder' | 'postgres'; location: string } | null;
  hostVersion: string | null;
  /** Epoch ms of the last completed sync, or null. */
  lastSync: number | null;
  /** Writes waiting for the next connection. */
  outbox: number;
  /** Entities in this computer's store as of the last sync, or null. */
  hostEntities: number | null;
  /** The first connection has merged both sides: writes made offline now wait in the outbox for the next one. */
  linked: boolean;
}
