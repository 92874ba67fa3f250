// The core engine in memory, as a user's calls run it: 100,000 distinct entities idle for 30 days on
// the system clock, a bundle exported and imported as JSON text, and the peak RSS of a sweep.
import { compileScript } from './support/compile.js';
import { DAY, idleEntities, idleMemoryStore } from './support/fixtures.js';
import { core, type EntityJson, type EntityTrust } from './support/lib.js';
import { runNode } from './support/spawn.js';
import {
  alternate, atLeast, atMost, formatStats, leastWork, once, perSecond, ratioAtMost, timeMs, timeMsSync, type Bench,
} from './harness.js';

const COUNT = 100_000;
/** Upstream's decay of 100,000 distinct entities, which ours is held to. */
const DECAY_TARGET = 13.5e6;
/** Upstream's peak RSS for a 100,000-entity sweep in memory. */
const MEMORY_TARGET_MB = 95;
const UPSTREAM = '(upstream Rust 0.2, measured once on a 2-core machine:';
/** The fields we add to upstream's entity JSON: decay's anchor time and the scores at it. */
const DECAY_FIELDS = ['last_activity', 't3_at_last_activity', 'v3_at_last_activity'];

export default async function run(bench: Bench): Promise<void> {
  await decay(bench);
  await roundTrip(bench);
  sizes(bench);
  await sweepMemory(bench);
}

async function decay(bench: Bench): Promise<void> {
  const store = await idleMemoryStore(COUNT);
  const entities = idleEntities(COUNT);
  const { scores, lastActivity } = bareArrays(entities);
  const { ratePerDay, graceDays } = core.DEFAULT_DECAY;
  // Each run decays to a day later than the run before (any body's), so that every entity changes
  // every time, and none reaches the 90 days after which a sweep removes idle sessions.
  let step = 0;
  const nextNow = () => Date.now() + ++step * DAY;
  const unchanged = { sweep: 0, decayTo: 0 };
  // Eleven runs: one decay takes ~7 ms, and a few of seven could fall in a slow moment of the machine.
  const result = await alternate(11, {
    sweep: async () => {
      let changed = 0;
      const ms = await timeMs(async () => { ({ changed } = await store.sweepDecay(nextNow())); });
      unchanged.sweep = Math.max(unchanged.sweep, COUNT - changed);
      return perSecond(COUNT, ms);
    },
    decayTo: () => {
      const now = nextNow();
      let changed = 0;
      const start = performance.now();
      for (const entity of entities) if (entity.decayTo(now, core.DEFAULT_DECAY)) changed++;
      const ms = performance.now() - start;
      unchanged.decayTo = Math.max(unchanged.decayTo, COUNT - changed);
      return perSecond(COUNT, ms);
    },
    bare: () => {
      const now = nextNow();
      const start = performance.now();
      bareDecay(scores, lastActivity, now, ratePerDay, graceDays);
      return perSecond(COUNT, performance.now() - start);
    },
    // The least any decay of entity objects does: read each one's last activity and compute its decay
    // factor (1 − rate)^days, as the core does: one Math.exp per entity, the logarithm computed once.
    least: () => {
      const now = nextNow();
      const lnBase = Math.log(1 - ratePerDay);
      let sum = 0;
      const start = performance.now();
      for (const entity of entities) sum += Math.exp(((now - entity.lastActivity!) / DAY - graceDays) * lnBase);
      const ms = performance.now() - start;
      if (!(sum > 0)) throw new Error('the factor loop computed nothing');
      return perSecond(COUNT, ms);
    },
  });
  const reference = { name: 'bare loop, Float64Array of 100,000×6', value: result.bare };
  const limit = leastWork(
    `reading each entity's last activity and its decay factor, nothing else: ${formatStats(result.least, 'entities/s')}`,
    result.least.median < DECAY_TARGET,
  );
  for (const [name, key] of [
    ['MemoryTrustStore.sweepDecay(now), 100,000 distinct entities', 'sweep'],
    ['entity.decayTo(now) over 100,000 distinct EntityTrust', 'decayTo'],
  ] as const) {
    const value = result[key];
    bench.report({
      name, unit: 'entities/s', value, reference,
      targets: [atLeast(value, DECAY_TARGET, 'entities/s'), { text: 'every entity changes', pass: unchanged[key] === 0 }],
      upstream: `${UPSTREAM} decay of 100,000 distinct entities 13.5 M/s)`,
      note: `${unchanged[key] === 0 ? 'every entity changed in every run' : `up to ${unchanged[key]} entities unchanged in a run`}; ${limit}`,
    });
  }
}

/** The six scores and the last activity of each entity, as plain arrays for the bare loop. */
function bareArrays(entities: readonly EntityTrust[]): { scores: Float64Array; lastActivity: Float64Array } {
  const scores = new Float64Array(entities.length * 6);
  const lastActivity = new Float64Array(entities.length);
  entities.forEach((e, i) => {
    scores.set([e.talent, e.training, e.temperament, e.valuation, e.veracity, e.validity], i * 6);
    lastActivity[i] = e.lastActivity!;
  });
  return { scores, lastActivity };
}

/**
 * Upstream's decay step, in place: f = (1 − rate)^days; training and validity 0.3 + (x − 0.3)·f,
 * temperament ·0.98, valuation ·0.99; floored at 0.3; talent and veracity stay.
 */
function bareDecay(scores: Float64Array, lastActivity: Float64Array, now: number, rate: number, grace: number): void {
  for (let e = 0; e < lastActivity.length; e++) {
    const days = (now - lastActivity[e]!) / DAY - grace;
    if (days <= 0) continue;
    const f = (1 - rate) ** days;
    const o = e * 6;
    scores[o + 1] = floored(scores[o + 1]!, f);
    scores[o + 2] = floored(scores[o + 2]!, f * 0.98);
    scores[o + 3] = floored(scores[o + 3]!, f * 0.99);
    scores[o + 5] = floored(scores[o + 5]!, f);
  }
}

function floored(x: number, factor: number): number {
  return x <= 0.3 ? x : Math.max(0.3, 0.3 + (x - 0.3) * factor);
}

async function roundTrip(bench: Bench): Promise<void> {
  const store = await idleMemoryStore(COUNT);
  const bundle = await store.exportBundle();
  let imported = 0;
  const result = await alternate(5, {
    ours: async () => {
      const fresh = new core.MemoryTrustStore();
      const ms = await timeMs(async () => {
        const text = JSON.stringify(await store.exportBundle());
        await fresh.importBundle(JSON.parse(text), 'merge');
      });
      imported = await fresh.count();
      return perSecond(COUNT, ms);
    },
    bare: () => perSecond(COUNT, timeMsSync(() => JSON.parse(JSON.stringify(bundle)))),
    // Two parts of ours, alone: an entity's JSON object, and reading one back with every field checked.
    toJSON: async () => {
      const entities = await store.list();
      return timeMsSync(() => { for (const entity of entities) entity.toJSON(); });
    },
    fromJSON: () => timeMsSync(() => { for (const json of bundle.entities) core.EntityTrust.fromJSON(json); }),
  });
  const bareMs = (COUNT / result.bare.median) * 1000;
  if (imported !== COUNT) throw new Error(`the round trip imported ${imported} of ${COUNT} entities`);
  const text = JSON.stringify(bundle);
  bench.report({
    name: 'JSON text round trip, 100,000 entities (export, stringify, parse, import)',
    unit: 'entities/s', value: result.ours,
    reference: { name: 'bare JSON.stringify + JSON.parse of the bundle', value: result.bare },
    targets: [atLeast(result.ours, 185e3, 'entities/s'), ratioAtMost(result.ours, result.bare, 'entities/s', 1.3, "bare's time")],
    upstream: `${UPSTREAM} 185 k/s; its text 43.9 MB)`,
    note: `text ${mb(text)} MB; ${leastWork(
      `1.3× bare leaves ${Math.round(0.3 * bareMs)} ms beyond bare's ${Math.round(bareMs)} ms, and toJSON of every entity `
        + `takes ${formatStats(result.toJSON, 'ms')}, fromJSON of every entity ${formatStats(result.fromJSON, 'ms')}`,
      result.toJSON.median + result.fromJSON.median > 0.3 * bareMs,
    )}`,
  });
  const upstreamText = JSON.stringify({ ...bundle, entities: bundle.entities.map(upstreamFields) });
  bench.report({
    name: 'bundle text size, 100,000 entities',
    unit: 'MB', value: once(Number(mb(text))),
    reference: { name: 'the same with upstream\'s fields only', value: once(Number(mb(upstreamText))) },
    upstream: `${UPSTREAM} 43.9 MB for 100,000 entities)`,
  });
}

/** One entity's canonical JSON against upstream's fields only. */
function sizes(bench: Bench): void {
  const entity = core.EntityTrust.create('mcp:github');
  entity.updateFromOutcome(true, 0.5);
  const json = entity.toJSON();
  const ours = bytes(JSON.stringify(json));
  const upstream = bytes(JSON.stringify(upstreamFields(json)));
  // The decay anchor: the time decay counts from. Right after an outcome the scores at it are the
  // current scores, so they need not be written again.
  const anchor = bytes(`,"last_activity":${JSON.stringify(json.last_activity)}`);
  const value = once(ours);
  bench.report({
    name: 'one entity\'s canonical JSON (one outcome)',
    unit: 'B', value,
    reference: { name: 'the same, upstream\'s fields only', value: once(upstream) },
    targets: [{ text: `≤ upstream's + the decay anchor (${anchor} B: last_activity)`, pass: ours <= upstream + anchor }],
    note: `our extra fields: ${DECAY_FIELDS.filter((field) => field in json).join(', ') || 'none'}`,
  });
}

async function sweepMemory(bench: Bench): Promise<void> {
  const script = await compileScript('memory-sweep');
  let summary = '';
  const result = await alternate(3, {
    ours: () => {
      const child = runNode([script, String(COUNT)], { rss: true });
      summary = child.stdout;
      return child.rssMB;
    },
    // The same child building the same store without sweeping it: what holding it costs.
    build: () => runNode([script, String(COUNT), 'build-only'], { rss: true }).rssMB,
    node: () => runNode(['-e', '0'], { rss: true }).rssMB,
  });
  const { count, changed } = JSON.parse(summary) as { count: number; changed: number };
  bench.report({
    name: 'peak RSS: build 100,000 entities in a MemoryTrustStore and sweep them (child process)',
    unit: 'MB', value: result.ours,
    reference: { name: 'node -e 0', value: result.node },
    targets: [atMost(result.ours, MEMORY_TARGET_MB, 'MB')],
    upstream: `${UPSTREAM} 95 MB)`,
    note: `the sweep changed ${changed} of ${count}; ${leastWork(
      `building the same store without the sweep peaks at ${formatStats(result.build, 'MB')}`, result.build.median > MEMORY_TARGET_MB,
    )}`,
  });
}

function upstreamFields(json: EntityJson): Partial<EntityJson> {
  const copy: Partial<EntityJson> = { ...json };
  for (const field of DECAY_FIELDS) delete copy[field];
  return copy;
}

const bytes = (text: string): number => Buffer.byteLength(text);
const mb = (text: string): string => (bytes(text) / 1e6).toFixed(1);
