// Deterministic stores for the popup and options-page tests: a few hand-picked entities that cover
// every type, level and witness link, plus numbered filler. All activity is within the last day, so
// no decay applies while a test runs (the default grace period is one day).
import { EntityTrust, createBundle, type EntityJson, type TrustBundle } from '../../../core/index.js';

const HOUR = 3_600_000;
/** One moment for every bundle of a test run, so that the same entities compare as unchanged. */
const RUN_STARTED = Date.now();

interface Spec {
  id: string;
  /** talent, training, temperament */
  t3: [number, number, number];
  actions?: [number, number];
  hoursAgo: number;
  witnessedBy?: string[];
  hasWitnessed?: string[];
}

const FEATURED: Spec[] = [
  { id: 'mcp:filesystem', t3: [0.91, 0.88, 0.86], actions: [120, 117], hoursAgo: 0.2, witnessedBy: ['session:7f3a9c', 'role:reviewer'], hasWitnessed: ['session:7f3a9c'] },
  { id: 'mcp:github', t3: [0.7, 0.66, 0.64], actions: [40, 33], hoursAgo: 1, witnessedBy: ['role:reviewer'] },
  { id: 'mcp:web-search', t3: [0.35, 0.28, 0.3], actions: [25, 9], hoursAgo: 3 },
  { id: 'role:reviewer', t3: [0.82, 0.8, 0.83], actions: [60, 56], hoursAgo: 0.5, hasWitnessed: ['mcp:filesystem', 'mcp:github'] },
  { id: 'role:deployer', t3: [0.5, 0.52, 0.47], actions: [4, 3], hoursAgo: 6 },
  { id: 'session:7f3a9c', t3: [0.6, 0.55, 0.58], actions: [12, 10], hoursAgo: 0.1, witnessedBy: ['mcp:filesystem'], hasWitnessed: ['mcp:filesystem'] },
  { id: 'ref:docs/architecture.md', t3: [0.45, 0.42, 0.44], hoursAgo: 12 },
  { id: 'lct:alice', t3: [0.15, 0.12, 0.18], actions: [8, 1], hoursAgo: 2 },
  { id: 'tool:shell', t3: [0.25, 0.22, 0.24], actions: [30, 11], hoursAgo: 8 },
  { id: 'localhost', t3: [0.5, 0.5, 0.5], hoursAgo: 20 },
];

const FILLER_TYPES = ['mcp', 'role', 'session', 'ref', 'lct', 'agent'];

function entityJson(spec: Spec, now: number): EntityJson {
  const at = new Date(now - spec.hoursAgo * HOUR).toISOString();
  const [actions, successes] = spec.actions ?? [0, 0];
  const n = actions ? Math.min(actions, 50) : 0;
  return EntityTrust.fromJSON({
    entity_id: spec.id,
    talent: spec.t3[0],
    training: spec.t3[1],
    temperament: spec.t3[2],
    t3_observation_counts: [n, n, n],
    valuation: 0.5 + n * 0.005,
    veracity: spec.witnessedBy?.length ? 0.8 : 0.5,
    validity: 0.5 + (spec.witnessedBy?.length ?? 0) * 0.01,
    v3_observation_counts: [n, spec.witnessedBy?.length ?? 0, spec.witnessedBy?.length ?? 0],
    witnessed_by: spec.witnessedBy ?? [],
    has_witnessed: spec.hasWitnessed ?? [],
    action_count: actions,
    success_count: successes,
    witness_count: spec.witnessedBy?.length ?? 0,
    last_action: actions ? at : null,
    created_at: new Date(now - 30 * 24 * HOUR).toISOString(),
    last_activity: at,
  }).toJSON();
}

/** The featured entities and then filler up to `count` entities, as a bundle. */
export function sampleBundle(count = FEATURED.length, now = RUN_STARTED): TrustBundle {
  const specs = FEATURED.slice(0, count);
  for (let i = specs.length; i < count; i++) {
    const t = ((i * 7919) % 1000) / 1000; // spread over [0,1) without a pattern by index
    specs.push({
      id: `${FILLER_TYPES[i % FILLER_TYPES.length]}:item-${String(i).padStart(6, '0')}`,
      t3: [t, Math.min(1, t * 0.9 + 0.05), t],
      actions: [i % 13, (i % 13) >> 1],
      hoursAgo: (i % 1200) / 60,
    });
  }
  return createBundle(specs.map((s) => EntityTrust.fromJSON(entityJson(s, now))), now);
}

export function bundleText(bundle: unknown): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
