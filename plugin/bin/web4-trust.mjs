#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// core/dimensions.ts
function trustLevelOf(t3Average) {
  if (t3Average >= 0.8) return "high";
  if (t3Average >= 0.6) return "medium-high";
  if (t3Average >= 0.4) return "medium";
  if (t3Average >= 0.2) return "low";
  return "minimal";
}
function confidenceOf(observationCount) {
  return Math.min(1, Math.log1p(observationCount) / Math.LN10);
}
var DIMENSIONS, TALENT, TRAINING, TEMPERAMENT, VALUATION, VERACITY, VALIDITY, TRUST_LEVELS;
var init_dimensions = __esm({
  "core/dimensions.ts"() {
    "use strict";
    DIMENSIONS = ["talent", "training", "temperament", "valuation", "veracity", "validity"];
    TALENT = 0;
    TRAINING = 1;
    TEMPERAMENT = 2;
    VALUATION = 3;
    VERACITY = 4;
    VALIDITY = 5;
    TRUST_LEVELS = ["high", "medium-high", "medium", "low", "minimal"];
  }
});

// core/decay.ts
function assertDecayArguments(days, rate) {
  if (!Number.isFinite(days)) throw new RangeError(`decay days must be a finite number, got ${days}`);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new RangeError(`decay rate must be a number in [0,1], got ${rate}`);
  }
}
function decayScores(scores, days, rate) {
  const f = (1 - rate) ** days;
  scores[TRAINING] = decayed(scores[TRAINING], f, 1);
  scores[TEMPERAMENT] = decayed(scores[TEMPERAMENT], f, 0.98);
  scores[VALUATION] = decayed(scores[VALUATION], f, 0.99);
  scores[VALIDITY] = decayed(scores[VALIDITY], f, 1);
}
function decayed(x, f, k) {
  return x <= DECAY_FLOOR ? x : Math.max(DECAY_FLOOR, DECAY_FLOOR + (x - DECAY_FLOOR) * f * k);
}
function assertDecayConfig(config) {
  assertDecayArguments(0, config.ratePerDay);
  if (!Number.isFinite(config.graceDays) || config.graceDays < 0) {
    throw new RangeError(`decay grace days must be a finite number \u2265 0, got ${config.graceDays}`);
  }
}
var DEFAULT_DECAY, DECAY_FLOOR;
var init_decay = __esm({
  "core/decay.ts"() {
    "use strict";
    init_dimensions();
    DEFAULT_DECAY = Object.freeze({ ratePerDay: 0.01, graceDays: 1 });
    DECAY_FLOOR = 0.3;
  }
});

// core/errors.ts
function at(path10, field) {
  if (typeof field === "number") return `${path10}[${field}]`;
  return path10 ? `${path10}.${field}` : field;
}
function describeValue(value) {
  if (value === void 0) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}\u2026` : value);
  }
  return String(value);
}
var TrustFormatError;
var init_errors = __esm({
  "core/errors.ts"() {
    "use strict";
    TrustFormatError = class _TrustFormatError extends Error {
      constructor(path10, problem) {
        super(path10 ? `${path10}: ${problem}` : problem);
        this.path = path10;
        this.problem = problem;
      }
      path;
      problem;
      name = "TrustFormatError";
      /** The same problem, with its path placed inside `prefix` (e.g. `entities[12]`). */
      within(prefix) {
        if (!this.path) return new _TrustFormatError(prefix, this.problem);
        return new _TrustFormatError(this.path.startsWith("[") ? prefix + this.path : at(prefix, this.path), this.problem);
      }
    };
  }
});

// core/entity-id.ts
function entityIdProblem(value) {
  if (typeof value !== "string") return `expected an entity id string, got ${describeValue(value)}`;
  if (value.length === 0) return "an entity id must not be empty";
  if (value.length > MAX_ENTITY_ID_LENGTH) {
    return `an entity id must be at most ${MAX_ENTITY_ID_LENGTH} characters, got ${value.length}`;
  }
  if (CONTROL_CHARACTER.test(value)) return "an entity id must not contain control characters";
  return void 0;
}
function assertEntityId(id) {
  const problem = entityIdProblem(id);
  if (problem === void 0) return;
  throw typeof id === "string" ? new RangeError(problem) : new TypeError(problem);
}
function entityTypeOf(id) {
  const colon = id.indexOf(":");
  return colon < 0 ? "" : id.slice(0, colon);
}
function entityNameOf(id) {
  return id.slice(id.indexOf(":") + 1);
}
var MAX_ENTITY_ID_LENGTH, CONTROL_CHARACTER;
var init_entity_id = __esm({
  "core/entity-id.ts"() {
    "use strict";
    init_errors();
    MAX_ENTITY_ID_LENGTH = 1024;
    CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
  }
});

// core/entity-state.ts
function neutralState(id, now) {
  return {
    id,
    typeAndName: void 0,
    numbers: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
    witnessedBy: NO_IDS,
    hasWitnessed: NO_IDS,
    actionCount: 0,
    successCount: 0,
    witnessCount: 0,
    createdAt: now,
    createdAtText: void 0,
    lastAction: null,
    lastActionText: void 0,
    lastActivity: null,
    lastActivityText: void 0,
    extra: void 0,
    sharers: 1
  };
}
function cloneState(s) {
  return {
    id: s.id,
    typeAndName: s.typeAndName,
    numbers: s.numbers.slice(),
    witnessedBy: s.witnessedBy,
    hasWitnessed: s.hasWitnessed,
    actionCount: s.actionCount,
    successCount: s.successCount,
    witnessCount: s.witnessCount,
    createdAt: s.createdAt,
    createdAtText: s.createdAtText,
    lastAction: s.lastAction,
    lastActionText: s.lastActionText,
    lastActivity: s.lastActivity,
    lastActivityText: s.lastActivityText,
    extra: s.extra && structuredClone(s.extra),
    sharers: 1
  };
}
var SCORES, COUNTS, AT_LAST_ACTIVITY, NO_IDS;
var init_entity_state = __esm({
  "core/entity-state.ts"() {
    "use strict";
    SCORES = 0;
    COUNTS = 6;
    AT_LAST_ACTIVITY = 12;
    NO_IDS = Object.freeze([]);
  }
});

// core/time.ts
function parseTimestamp(text) {
  if (text !== lastText) {
    lastText = text;
    lastMs = parseOwnFormat(text) ?? parseRfc3339(text);
  }
  return lastMs;
}
function parseOwnFormat(t) {
  if (t.length !== 24 || t.charCodeAt(23) !== 90 || t[4] !== "-" || t[7] !== "-" || t[10] !== "T" || t[13] !== ":" || t[16] !== ":" || t[19] !== ".") return void 0;
  const year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
  const hour = digits(t, 11, 2), minute = digits(t, 14, 2), second = digits(t, 17, 2), ms = digits(t, 20, 3);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59 && ms >= 0)) return void 0;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}
function digits(text, start, count) {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}
function parseRfc3339(text) {
  const m = RFC3339.exec(text);
  if (!m) return void 0;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return void 0;
  if (hour > 23 || minute > 59 || second > 60) return void 0;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1e3) : 0;
  let offsetMinutes = 0;
  if (zone && zone !== "Z" && zone !== "z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 6e4;
}
function formatTimestamp(ms) {
  return new Date(ms).toISOString();
}
function daysInMonth(year, month) {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
var systemClock, MS_PER_DAY, RFC3339, lastText, lastMs;
var init_time = __esm({
  "core/time.ts"() {
    "use strict";
    systemClock = { now: () => Date.now() };
    MS_PER_DAY = 864e5;
    RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})?$/;
    lastText = "";
  }
});

// core/entity-json.ts
function parseEntityState(value, path10 = "") {
  if (!isRecord(value)) fail(path10, `expected an entity object, got ${describeValue(value)}`);
  const id = value.entity_id;
  const idProblem = entityIdProblem(id);
  if (idProblem !== void 0) fail(at(path10, "entity_id"), id === void 0 ? "missing" : idProblem);
  const numbers = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  readTensor(value, path10, numbers, SCORES + TALENT, T3_NAMES, LEGACY_T3, t3FromLegacy);
  readTensor(value, path10, numbers, SCORES + VALUATION, V3_NAMES, LEGACY_V3, v3FromLegacy);
  readTriple(value, path10, "t3_observation_counts", numbers, COUNTS + TALENT, readCount);
  readTriple(value, path10, "v3_observation_counts", numbers, COUNTS + VALUATION, readCount);
  for (let i = 0; i < 6; i++) numbers[AT_LAST_ACTIVITY + i] = numbers[SCORES + i];
  readTriple(value, path10, "t3_at_last_activity", numbers, AT_LAST_ACTIVITY + TALENT, readScore);
  readTriple(value, path10, "v3_at_last_activity", numbers, AT_LAST_ACTIVITY + VALUATION, readScore);
  const createdAt = readTimestamp(value, path10, "created_at");
  const lastAction = readTimestamp(value, path10, "last_action");
  const activityField = value.last_activity !== void 0 ? "last_activity" : lastAction !== null ? "last_action" : "created_at";
  const lastActivity = readTimestamp(value, path10, activityField);
  return {
    id,
    typeAndName: void 0,
    numbers,
    witnessedBy: readIdList(value, path10, "witnessed_by"),
    hasWitnessed: readIdList(value, path10, "has_witnessed"),
    actionCount: readCounter(value, path10, "action_count"),
    successCount: readCounter(value, path10, "success_count"),
    witnessCount: readCounter(value, path10, "witness_count"),
    createdAt,
    createdAtText: textOf(value.created_at),
    lastAction,
    lastActionText: textOf(value.last_action),
    lastActivity,
    lastActivityText: textOf(value[activityField]),
    extra: readUnknownFields(value),
    sharers: 1
  };
}
function stateToJson(s) {
  const n = s.numbers;
  const [type, name] = typeAndNameOf(s);
  const json = {
    entity_id: s.id,
    entity_type: type,
    entity_name: name,
    talent: n[SCORES + TALENT],
    training: n[SCORES + TRAINING],
    temperament: n[SCORES + TEMPERAMENT],
    t3_observation_counts: [n[COUNTS + TALENT], n[COUNTS + TRAINING], n[COUNTS + TEMPERAMENT]],
    valuation: n[SCORES + VALUATION],
    veracity: n[SCORES + VERACITY],
    validity: n[SCORES + VALIDITY],
    v3_observation_counts: [n[COUNTS + VALUATION], n[COUNTS + VERACITY], n[COUNTS + VALIDITY]],
    witnessed_by: s.witnessedBy.slice(),
    has_witnessed: s.hasWitnessed.slice(),
    action_count: s.actionCount,
    success_count: s.successCount,
    witness_count: s.witnessCount,
    last_action: s.lastAction === null ? null : s.lastActionText ??= formatTimestamp(s.lastAction),
    created_at: s.createdAt === null ? null : s.createdAtText ??= formatTimestamp(s.createdAt),
    last_activity: s.lastActivity === null ? null : s.lastActivityText ??= formatTimestamp(s.lastActivity),
    t3_at_last_activity: [n[AT_LAST_ACTIVITY + TALENT], n[AT_LAST_ACTIVITY + TRAINING], n[AT_LAST_ACTIVITY + TEMPERAMENT]],
    v3_at_last_activity: [n[AT_LAST_ACTIVITY + VALUATION], n[AT_LAST_ACTIVITY + VERACITY], n[AT_LAST_ACTIVITY + VALIDITY]]
  };
  if (s.extra) for (const key of Object.keys(s.extra)) setOwn(json, key, s.extra[key]);
  return json;
}
function typeAndNameOf(s) {
  return s.typeAndName ??= [entityTypeOf(s.id), entityNameOf(s.id)];
}
function readTensor(o, path10, scores, offset, names, legacyNames, fromLegacy) {
  const [a, b, c] = names;
  if (o[a] !== void 0 && o[b] !== void 0 && o[c] !== void 0) {
    scores[offset] = readScore(o[a], path10, a);
    scores[offset + 1] = readScore(o[b], path10, b);
    scores[offset + 2] = readScore(o[c], path10, c);
    return;
  }
  if (legacyNames.every((name) => o[name] !== void 0)) {
    const legacy = legacyNames.map((name) => readFinite(o[name], at(path10, name)));
    fromLegacy(legacy).forEach((x, i) => scores[offset + i] = Math.min(1, Math.max(0, x)));
    return;
  }
  const missing = names.find((name) => o[name] === void 0);
  fail(
    at(path10, missing),
    `missing; an entity needs ${names.join(", ")} (or the legacy 6-D ${legacyNames.join(", ")})`
  );
}
function readTriple(o, path10, field, into, offset, read) {
  const value = o[field];
  if (value === void 0) return;
  if (!Array.isArray(value) || value.length !== 3) {
    fail(at(path10, field), `expected an array of 3 numbers, got ${describeLength(value)}`);
  }
  for (let i = 0; i < 3; i++) into[offset + i] = read(value[i], at(path10, field), i);
}
function readScore(value, path10, field) {
  if (typeof value === "number" && value >= 0 && value <= 1) return value;
  fail(at(path10, field), `expected a number in [0,1], got ${describeValue(value)}`);
}
function readFinite(value, path10) {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  fail(path10, `expected a finite number, got ${describeValue(value)}`);
}
function readCount(value, path10, field) {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  fail(at(path10, field), `expected a whole number \u2265 0, got ${describeValue(value)}`);
}
function readCounter(o, path10, field) {
  const value = o[field];
  return value === void 0 ? 0 : readCount(value, path10, field);
}
function readIdList(o, path10, field) {
  const value = o[field];
  if (value === void 0 || Array.isArray(value) && value.length === 0) return NO_IDS;
  const where = at(path10, field);
  if (!Array.isArray(value)) fail(where, `expected an array of entity ids, got ${describeValue(value)}`);
  for (let i = 0; i < value.length; i++) {
    const problem = entityIdProblem(value[i]);
    if (problem !== void 0) fail(`${where}[${i}]`, problem);
  }
  return value.slice();
}
function readTimestamp(o, path10, field) {
  const value = o[field];
  if (value === void 0 || value === null) return null;
  const ms = typeof value === "string" ? parseTimestamp(value) : void 0;
  if (ms === void 0) {
    fail(at(path10, field), `expected an RFC 3339 timestamp or null, got ${describeValue(value)}`);
  }
  return ms;
}
function textOf(value) {
  return typeof value === "string" ? value : void 0;
}
function readUnknownFields(o) {
  let extra;
  for (const key in o) {
    if (!KNOWN_FIELDS.has(key) && Object.hasOwn(o, key)) setOwn(extra ??= {}, key, o[key]);
  }
  return extra;
}
function setOwn(target, key, value) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function describeLength(value) {
  return Array.isArray(value) ? `an array of ${value.length}` : describeValue(value);
}
function fail(path10, problem) {
  throw new TrustFormatError(path10, problem);
}
var T3_NAMES, V3_NAMES, LEGACY_T3, LEGACY_V3, KNOWN_FIELDS, t3FromLegacy, v3FromLegacy;
var init_entity_json = __esm({
  "core/entity-json.ts"() {
    "use strict";
    init_dimensions();
    init_entity_id();
    init_entity_state();
    init_errors();
    init_time();
    T3_NAMES = ["talent", "training", "temperament"];
    V3_NAMES = ["valuation", "veracity", "validity"];
    LEGACY_T3 = ["competence", "reliability", "consistency", "lineage", "witnesses", "alignment"];
    LEGACY_V3 = ["energy", "contribution", "reputation", "stewardship", "network", "temporal"];
    KNOWN_FIELDS = /* @__PURE__ */ new Set([
      "entity_id",
      "entity_type",
      "entity_name",
      ...DIMENSIONS,
      ...LEGACY_T3,
      ...LEGACY_V3,
      "t3_observation_counts",
      "v3_observation_counts",
      "witnessed_by",
      "has_witnessed",
      "action_count",
      "success_count",
      "witness_count",
      "last_action",
      "created_at",
      "last_activity",
      "t3_at_last_activity",
      "v3_at_last_activity"
    ]);
    t3FromLegacy = (l) => [l[0], (l[1] + l[2] + l[3]) / 3, (l[4] + l[5]) / 2];
    v3FromLegacy = (l) => [(l[0] + l[1]) / 2, l[2], (l[3] + l[4] + l[5]) / 3];
  }
});

// core/entity.ts
function adopt(state) {
  adopted = state;
  return new EntityTrust(state.id);
}
function copySix(n, from, to) {
  for (let i = 0; i < 6; i++) n[to + i] = n[from + i];
}
function union(list, more) {
  const missing = more.filter((id, i) => !list.includes(id) && more.indexOf(id) === i);
  return missing.length === 0 ? list : [...list, ...missing];
}
function assertMagnitude(m) {
  if (typeof m !== "number" || !Number.isFinite(m)) {
    throw new RangeError(`magnitude must be a finite number, got ${String(m)}`);
  }
}
function clampMagnitude(m) {
  assertMagnitude(m);
  return Math.min(1, Math.max(0, m));
}
var adopted, EntityTrust;
var init_entity = __esm({
  "core/entity.ts"() {
    "use strict";
    init_decay();
    init_dimensions();
    init_entity_id();
    init_entity_json();
    init_entity_state();
    init_time();
    EntityTrust = class {
      #s;
      /** A new, neutral entity: every score 0.5, no observations, created at `now`. */
      constructor(entityId, now = Date.now()) {
        if (adopted) {
          this.#s = adopted;
          adopted = void 0;
          return;
        }
        assertEntityId(entityId);
        this.#s = neutralState(entityId, now);
      }
      /** Reads canonical 3-D or legacy 6-D JSON; throws `TrustFormatError` naming the JSON path of a problem. */
      static fromJSON(value, path10 = "") {
        return adopt(parseEntityState(value, path10));
      }
      /** The entity at rest, in upstream's snake_case layout plus our decay fields and any unknown fields. */
      toJSON() {
        return stateToJson(this.#s);
      }
      /** An independent copy (cheap: the state is shared until either side changes). */
      clone() {
        this.#s.sharers++;
        return adopt(this.#s);
      }
      // --- Identity and counters -------------------------------------------------------------------
      get entityId() {
        return this.#s.id;
      }
      get entityType() {
        return typeAndNameOf(this.#s)[0];
      }
      get entityName() {
        return typeAndNameOf(this.#s)[1];
      }
      get actionCount() {
        return this.#s.actionCount;
      }
      get successCount() {
        return this.#s.successCount;
      }
      get witnessCount() {
        return this.#s.witnessCount;
      }
      get witnessedBy() {
        return this.#s.witnessedBy.slice();
      }
      get hasWitnessed() {
        return this.#s.hasWitnessed.slice();
      }
      /** Epoch ms, or null when unknown (some upstream files have none). */
      get createdAt() {
        return this.#s.createdAt;
      }
      /** Epoch ms of the last recorded outcome, or null. */
      get lastAction() {
        return this.#s.lastAction;
      }
      /** Epoch ms of the latest outcome or witness involving this entity, or null; decay starts here. */
      get lastActivity() {
        return this.#s.lastActivity;
      }
      // --- Scores ------------------------------------------------------------------------------------
      get talent() {
        return this.#s.numbers[SCORES + TALENT];
      }
      get training() {
        return this.#s.numbers[SCORES + TRAINING];
      }
      get temperament() {
        return this.#s.numbers[SCORES + TEMPERAMENT];
      }
      get valuation() {
        return this.#s.numbers[SCORES + VALUATION];
      }
      get veracity() {
        return this.#s.numbers[SCORES + VERACITY];
      }
      get validity() {
        return this.#s.numbers[SCORES + VALIDITY];
      }
      get t3Average() {
        const s = this.#s.numbers;
        return (s[TALENT] + s[TRAINING] + s[TEMPERAMENT]) / 3;
      }
      get v3Average() {
        const s = this.#s.numbers;
        return (s[VALUATION] + s[VERACITY] + s[VALIDITY]) / 3;
      }
      get trustLevel() {
        return trustLevelOf(this.t3Average);
      }
      /** success_count / action_count, or 0.5 before any action. */
      get successRate() {
        return this.#s.actionCount === 0 ? 0.5 : this.#s.successCount / this.#s.actionCount;
      }
      /** The score of one dimension by name. */
      score(dimension) {
        return this.#s.numbers[SCORES + DIMENSIONS.indexOf(dimension)];
      }
      /** How many outcomes or witnesses have moved this dimension. */
      observations(dimension) {
        return this.#s.numbers[COUNTS + DIMENSIONS.indexOf(dimension)];
      }
      /** min(1, ln(1 + observations) / ln 10): 0 with no evidence, 1 from 9 observations on. */
      confidence(dimension) {
        return confidenceOf(this.observations(dimension));
      }
      // --- Evidence ----------------------------------------------------------------------------------
      /** Records that this entity's action succeeded or failed, with magnitude `m` (clamped to [0,1]). */
      updateFromOutcome(success, magnitude, now = Date.now()) {
        const m = clampMagnitude(magnitude);
        const s = this.#own();
        s.actionCount++;
        if (success) s.successCount++;
        const training = s.numbers[SCORES + TRAINING];
        const d = success ? m * 0.05 * (1 - training) : -m * 0.1 * training;
        this.#apply(TRAINING, d);
        this.#apply(TEMPERAMENT, d * 0.5);
        this.#apply(TALENT, d * 0.3);
        this.#apply(VALUATION, 0.01);
        s.lastAction = now;
        s.lastActionText = void 0;
        this.#recordActivity(now);
      }
      /** Records that `witnessId` observed this entity succeed or fail. */
      receiveWitness(witnessId, success, magnitude, now = Date.now()) {
        assertEntityId(witnessId);
        const m = clampMagnitude(magnitude);
        const s = this.#own();
        s.witnessCount++;
        if (!s.witnessedBy.includes(witnessId)) s.witnessedBy = [...s.witnessedBy, witnessId];
        const temperament = s.numbers[SCORES + TEMPERAMENT];
        this.#apply(TEMPERAMENT, success ? m * 0.03 * (1 - temperament) : -m * 0.05 * temperament);
        const veracity = s.numbers[SCORES + VERACITY];
        this.#apply(VERACITY, success ? m * 0.8 * (1 - veracity) : -m * 0.5 * veracity);
        this.#apply(VALIDITY, 0.01);
        this.#recordActivity(now);
      }
      /** Records that this entity observed `targetId`; witnessing is itself a contribution either way. */
      giveWitness(targetId, success, magnitude, now = Date.now()) {
        assertEntityId(targetId);
        const m = clampMagnitude(magnitude);
        const s = this.#own();
        if (!s.hasWitnessed.includes(targetId)) s.hasWitnessed = [...s.hasWitnessed, targetId];
        const temperament = s.numbers[SCORES + TEMPERAMENT];
        this.#apply(TEMPERAMENT, (success ? 0.02 : 0.01) * m * (1 - temperament));
        this.#apply(VALUATION, 5e-3);
        this.#recordActivity(now);
      }
      // --- Decay -------------------------------------------------------------------------------------
      /**
       * Upstream's decay step on the current scores: f = (1 − rate)^days; training and validity lose
       * (x − 0.3)·f, temperament ·0.98, valuation ·0.99; talent and veracity never decay; scores at or
       * below 0.3 stay. Returns whether training moved by more than 0.001.
       *
       * Repeated calls compound. Stores use `decayTo`, which is time-consistent.
       */
      applyDecay(days, rate) {
        assertDecayArguments(days, rate);
        if (days <= 0) return false;
        const { numbers } = this.#own();
        const before = numbers[SCORES + TRAINING];
        decayScores(numbers, days, rate);
        return Math.abs(before - numbers[SCORES + TRAINING]) > 1e-3;
      }
      /**
       * Sets the scores to their state at `now`: the scores right after the last activity, decayed by
       * the inactive days beyond the grace period. Calling it any number of times, at any moments, gives
       * the same result as calling it once. Returns whether any score changed.
       */
      decayTo(now, config) {
        assertDecayConfig(config);
        const lastActivity = this.#s.lastActivity;
        if (lastActivity === null) return false;
        const s = this.#own();
        const days = (now - lastActivity) / MS_PER_DAY - config.graceDays;
        const n = s.numbers;
        const training = n[TRAINING], temperament = n[TEMPERAMENT], valuation = n[VALUATION], validity = n[VALIDITY];
        copySix(n, AT_LAST_ACTIVITY, SCORES);
        if (days > 0) decayScores(n, days, config.ratePerDay);
        return training !== n[TRAINING] || temperament !== n[TEMPERAMENT] || valuation !== n[VALUATION] || validity !== n[VALIDITY];
      }
      // --- Internals ---------------------------------------------------------------------------------
      /** The state, copied first if another entity shares it: call before any change. */
      #own() {
        const s = this.#s;
        if (s.sharers === 1) return s;
        s.sharers--;
        return this.#s = cloneState(s);
      }
      /** Adds `delta` to one dimension, clamped to [0,1]; it counts as an observation even if clamped away. */
      #apply(dimension, delta) {
        const n = this.#s.numbers;
        n[SCORES + dimension] = Math.min(1, Math.max(0, n[SCORES + dimension] + delta));
        n[COUNTS + dimension]++;
      }
      /** Starts a new decay period from the current scores. */
      #recordActivity(now) {
        const s = this.#s;
        if (s.lastActivity === null || now > s.lastActivity) {
          s.lastActivity = now;
          s.lastActivityText = void 0;
        }
        copySix(s.numbers, SCORES, AT_LAST_ACTIVITY);
      }
      /** @internal For stores and import planning: the entity's whole state, for comparison. */
      static sameState(a, b) {
        return JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON());
      }
      /** @internal Adds ids to the witness lists that are not there yet; returns whether any was new. */
      unionWitnessLists(witnessedBy, hasWitnessed) {
        const s = this.#own();
        const before = s.witnessedBy.length + s.hasWitnessed.length;
        s.witnessedBy = union(s.witnessedBy, witnessedBy);
        s.hasWitnessed = union(s.hasWitnessed, hasWitnessed);
        return s.witnessedBy.length + s.hasWitnessed.length > before;
      }
    };
  }
});

// core/bundle.ts
function summarizePlan(plan) {
  return {
    mode: plan.mode,
    added: plan.added.map((e) => e.entityId),
    updated: plan.updated.map((e) => e.entityId),
    unchanged: plan.unchanged,
    removed: plan.removed,
    rejected: plan.rejected
  };
}
function createBundle(entities, now) {
  const sorted = [...entities].sort((a, b) => compareIds(a.entityId, b.entityId));
  let asOf = -Infinity;
  for (const e of sorted) asOf = Math.max(asOf, e.lastActivity ?? e.createdAt ?? -Infinity);
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exported_at: formatTimestamp(Number.isFinite(asOf) ? asOf : now),
    entities: sorted.map((e) => e.toJSON())
  };
}
function compareIds(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function planImport(current, input, { mode }) {
  const plan = { mode, added: [], updated: [], unchanged: [], removed: [], rejected: [] };
  let entries;
  try {
    entries = entityEntries(input);
  } catch (error) {
    plan.error = error instanceof Error ? error.message : String(error);
    return plan;
  }
  const stored = /* @__PURE__ */ new Map();
  for (const entity of current) stored.set(entity.entityId, entity);
  const seen = /* @__PURE__ */ new Map();
  entries.values.forEach((value, index) => {
    const claimedId = isRecord(value) && typeof value.entity_id === "string" ? value.entity_id : void 0;
    let incoming;
    try {
      incoming = EntityTrust.fromJSON(value);
    } catch (error) {
      const message = error instanceof TrustFormatError ? error.within(entries.path(index)).message : errorMessage(error);
      plan.rejected.push({ index, entity_id: claimedId, message });
      if (claimedId !== void 0) seen.set(claimedId, index);
      return;
    }
    const id = incoming.entityId;
    const first = seen.get(id);
    if (first !== void 0) {
      plan.rejected.push({ index, entity_id: id, message: `${entries.path(index)}: duplicate of entity ${first}, ${JSON.stringify(id)}` });
      return;
    }
    seen.set(id, index);
    const existing = stored.get(id);
    if (!existing) plan.added.push(incoming);
    else if (mode === "replace") {
      if (EntityTrust.sameState(existing, incoming)) plan.unchanged.push(id);
      else plan.updated.push(incoming);
    } else {
      const incomingWins = isNewer(incoming, existing);
      const result = incomingWins ? incoming : existing.clone();
      const loser = incomingWins ? existing : incoming;
      const listsGrew = result.unionWitnessLists(loser.witnessedBy, loser.hasWitnessed);
      if (incomingWins ? !EntityTrust.sameState(existing, result) : listsGrew) plan.updated.push(result);
      else plan.unchanged.push(id);
    }
  });
  if (mode === "replace") {
    for (const id of stored.keys()) if (!seen.has(id)) plan.removed.push(id);
  }
  return plan;
}
function entityEntries(input) {
  if (Array.isArray(input)) return { values: input, path: (i) => `[${i}]` };
  if (!isRecord(input)) {
    throw new TrustFormatError("", `expected a ${BUNDLE_FORMAT} bundle, an array of entities or one entity, got ${describeValue(input)}`);
  }
  if (input.format === void 0 && input.entity_id !== void 0) return { values: [input], path: () => "" };
  if (input.format !== BUNDLE_FORMAT) {
    throw new TrustFormatError("format", `expected "${BUNDLE_FORMAT}", got ${describeValue(input.format)}`);
  }
  const { version } = input;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new TrustFormatError("version", `expected a whole number \u2265 1, got ${describeValue(version)}`);
  }
  if (version > BUNDLE_VERSION) {
    throw new TrustFormatError("version", `version ${version} is newer than this app reads (${BUNDLE_VERSION}); update Web4 Trust`);
  }
  if (!Array.isArray(input.entities)) {
    throw new TrustFormatError("entities", `expected an array of entities, got ${describeValue(input.entities)}`);
  }
  return { values: input.entities, path: (i) => `entities[${i}]` };
}
function isNewer(a, b) {
  const aTime = a.lastActivity ?? -Infinity, bTime = b.lastActivity ?? -Infinity;
  if (aTime !== bTime) return aTime > bTime;
  return totalObservations(a) > totalObservations(b);
}
function totalObservations(e) {
  return DIMENSIONS.reduce((sum, dimension) => sum + e.observations(dimension), 0);
}
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}
var BUNDLE_FORMAT, BUNDLE_VERSION;
var init_bundle = __esm({
  "core/bundle.ts"() {
    "use strict";
    init_dimensions();
    init_entity();
    init_entity_json();
    init_errors();
    init_time();
    BUNDLE_FORMAT = "web4-trust-store";
    BUNDLE_VERSION = 1;
  }
});

// core/chain.ts
async function buildWitnessingChain(root, depth, lookup) {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_CHAIN_DEPTH) {
    throw new RangeError(`chain depth must be a whole number from 1 to ${MAX_CHAIN_DEPTH}, got ${depth}`);
  }
  const witnessedBy = await walk(root, depth, lookup, (e) => e.witnessedBy);
  const hasWitnessed = await walk(root, depth, lookup, (e) => e.hasWitnessed);
  const direct = witnessedBy.filter((link) => link.depth === 1);
  const aggregate = direct.length ? direct.reduce((sum, l) => sum + l.t3_average, 0) / direct.length : 0;
  return {
    entity_id: root.entityId,
    t3_average: root.t3Average,
    trust_level: root.trustLevel,
    witnessed_by: witnessedBy,
    has_witnessed: hasWitnessed,
    aggregate_witness_trust: aggregate,
    transitive_trust: 0.7 * root.t3Average + 0.3 * aggregate
  };
}
async function walk(root, depth, lookup, linksOf) {
  const visited = /* @__PURE__ */ new Set([root.entityId]);
  const links = [];
  let frontier = [root];
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const ids = [];
    for (const entity of frontier) {
      let taken = 0;
      for (const id of linksOf(entity)) {
        if (taken === MAX_LINKS_PER_ENTITY) break;
        if (visited.has(id)) continue;
        visited.add(id);
        ids.push(id);
        taken++;
      }
    }
    frontier = (await lookup(ids)).filter((e) => e !== void 0);
    for (const e of frontier) {
      links.push({ entity_id: e.entityId, t3_average: e.t3Average, trust_level: e.trustLevel, depth: level });
    }
  }
  return links;
}
var MAX_CHAIN_DEPTH, MAX_LINKS_PER_ENTITY;
var init_chain = __esm({
  "core/chain.ts"() {
    "use strict";
    MAX_CHAIN_DEPTH = 10;
    MAX_LINKS_PER_ENTITY = 10;
  }
});

// core/operations.ts
function recordOutcome(entity, success, magnitude, now, decay) {
  assertMagnitude(magnitude);
  entity.decayTo(now, decay);
  entity.updateFromOutcome(success, magnitude, now);
}
function recordWitness(witness, target, success, magnitude, now, decay) {
  assertMagnitude(magnitude);
  target.decayTo(now, decay);
  if (witness !== target) witness.decayTo(now, decay);
  target.receiveWitness(witness.entityId, success, magnitude, now);
  witness.giveWitness(target.entityId, success, magnitude, now);
}
function assertWitnessIds(witnessId, targetId) {
  assertEntityId(witnessId);
  assertEntityId(targetId);
}
function planImportOrThrow(current, input, mode) {
  const plan = planImport(current, input, { mode });
  if (plan.error !== void 0) throw new TrustFormatError("", plan.error);
  return plan;
}
function operationIds(operations) {
  const ids = /* @__PURE__ */ new Set();
  for (const op of operations) {
    if (op.kind === "outcome") ids.add(op.entityId);
    else ids.add(op.witnessId).add(op.targetId);
  }
  return [...ids].sort(compareIds);
}
function assertOperations(operations) {
  for (const op of operations) {
    if (op.kind === "outcome") assertEntityId(op.entityId);
    else assertWitnessIds(op.witnessId, op.targetId);
    assertMagnitude(op.magnitude);
  }
}
function applyOperations(entities, operations, now, decay) {
  assertOperations(operations);
  const entity = (id) => entities.get(id) ?? fail2(id);
  for (const op of operations) {
    if (op.kind === "outcome") recordOutcome(entity(op.entityId), op.success, op.magnitude, now, decay);
    else recordWitness(entity(op.witnessId), entity(op.targetId), op.success, op.magnitude, now, decay);
  }
}
function fail2(id) {
  throw new Error(`applyOperations: no entity ${JSON.stringify(id)} was passed in`);
}
var init_operations = __esm({
  "core/operations.ts"() {
    "use strict";
    init_bundle();
    init_entity_id();
    init_entity();
    init_errors();
  }
});

// core/index.ts
var init_core = __esm({
  "core/index.ts"() {
    "use strict";
    init_entity();
    init_errors();
    init_dimensions();
    init_decay();
    init_entity_id();
    init_bundle();
    init_chain();
    init_operations();
    init_time();
  }
});

// node/atomic-write.ts
import fs from "node:fs";
function writeFileAtomicSync(filePath, text) {
  const temp = `${filePath}.${process.pid}.${++written}.tmp`;
  try {
    fs.writeFileSync(temp, text, { flag: "wx" });
    fs.renameSync(temp, filePath);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
var written, TEMP_FILE_NAME;
var init_atomic_write = __esm({
  "node/atomic-write.ts"() {
    "use strict";
    written = 0;
    TEMP_FILE_NAME = /\.\d+\.\d+\.tmp$/;
  }
});

// node/entity-file.ts
import { createHash } from "node:crypto";
function entityFileName(entityId) {
  return `${createHash("sha256").update(entityId, "utf8").digest("hex").slice(0, 16)}.json`;
}
function formatEntityFile(entity) {
  return JSON.stringify(entity.toJSON(), null, 2);
}
function parseEntityFile(text, filePath, fileName) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EntityFileError(filePath, text.trim() === "" ? "empty file" : `not JSON (${error.message})`);
  }
  let entity;
  try {
    entity = EntityTrust.fromJSON(value);
  } catch (error) {
    if (error instanceof TrustFormatError) throw new EntityFileError(filePath, error.message);
    throw error;
  }
  const expected = entityFileName(entity.entityId);
  if (expected !== fileName) {
    throw new EntityFileError(filePath, `holds ${JSON.stringify(entity.entityId)}, whose file is ${expected}`);
  }
  return entity;
}
var ENTITY_FILE_NAME, EntityFileError;
var init_entity_file = __esm({
  "node/entity-file.ts"() {
    "use strict";
    init_core();
    ENTITY_FILE_NAME = /^[0-9a-f]{16}\.json$/;
    EntityFileError = class extends Error {
      constructor(path10, problem) {
        super(`${path10}: ${problem}`);
        this.path = path10;
        this.problem = problem;
      }
      path;
      problem;
      name = "EntityFileError";
    };
  }
});

// node/locks.ts
import fs2 from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
function inspectLock(lockPath) {
  try {
    const stat = fs2.statSync(lockPath);
    return { ino: stat.ino, ctimeMs: stat.ctimeMs, owner: readOwner(lockPath) };
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    throw error;
  }
}
function readOwner(lockPath) {
  try {
    const value = JSON.parse(fs2.readFileSync(lockPath, "utf8"));
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.file === "string") {
      return { pid: value.pid, host: value.host, file: path.basename(value.file) };
    }
  } catch {
  }
  return void 0;
}
function isAlive(owner) {
  if (owner.host !== os.hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function describeOwner(lockPath) {
  const owner = readOwner(lockPath);
  return owner ? ` (held by process ${owner.pid} on ${owner.host})` : "";
}
function isLeftoverLockFile(filePath, staleMs) {
  const lock = inspectLock(filePath);
  if (lock === void 0) return false;
  if (Date.now() - lock.ctimeMs > staleMs) return true;
  return lock.owner !== void 0 && !isAlive(lock.owner);
}
function removeIfPresent(file) {
  try {
    fs2.unlinkSync(file);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
}
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const file of ownerFiles) fs2.rmSync(file, { force: true });
  });
}
var LockTimeoutError, ownerFiles, exitHookInstalled, FileLocks;
var init_locks = __esm({
  "node/locks.ts"() {
    "use strict";
    LockTimeoutError = class extends Error {
      name = "LockTimeoutError";
    };
    ownerFiles = /* @__PURE__ */ new Set();
    exitHookInstalled = false;
    FileLocks = class {
      #dir;
      #options;
      #ownerFile;
      constructor(dir, options) {
        this.#dir = dir;
        this.#options = options;
      }
      /**
       * Takes the locks on `names`, in the order given (callers sort them, so that two processes never
       * wait on each other in a cycle), waiting up to the timeout. Returns the function that releases them.
       */
      async acquire(names) {
        const held = [];
        const release = () => {
          for (const lockPath of held.splice(0)) removeIfPresent(lockPath);
        };
        const deadline = Date.now() + this.#options.timeoutMs;
        try {
          for (const name of names) {
            const lockPath = path.join(this.#dir, `${name}.lock`);
            let pause = 1;
            while (!this.#tryLock(lockPath)) {
              if (Date.now() >= deadline) {
                throw new LockTimeoutError(
                  `timed out after ${this.#options.timeoutMs} ms waiting for the lock ${lockPath}${describeOwner(lockPath)}`
                );
              }
              await sleep(1 + Math.random() * pause);
              pause = Math.min(pause * 2, 16);
            }
            held.push(lockPath);
          }
        } catch (error) {
          release();
          throw error;
        }
        return release;
      }
      #tryLock(lockPath) {
        for (let attempt = 0; attempt < 3; attempt++) {
          try {
            fs2.linkSync(this.#owner(), lockPath);
            return true;
          } catch (error) {
            const code = error.code;
            if (code === "ENOENT") {
              this.#ownerFile = void 0;
              continue;
            }
            if (code !== "EEXIST") throw error;
            if (!this.#breakIfStale(lockPath)) return false;
          }
        }
        return false;
      }
      /** Removes the lock at `lockPath` if it is stale; returns whether it is gone. */
      #breakIfStale(lockPath) {
        const seen = inspectLock(lockPath);
        if (seen === void 0) return true;
        if (!this.#isStale(seen)) return false;
        const breaker = `${lockPath}.break`;
        try {
          fs2.linkSync(this.#owner(), breaker);
        } catch (error) {
          if (error.code !== "EEXIST") throw error;
          const other = inspectLock(breaker);
          if (other && Date.now() - other.ctimeMs > this.#options.staleMs) removeIfPresent(breaker);
          return false;
        }
        try {
          const again = inspectLock(lockPath);
          if (again === void 0) return true;
          if (again.ino !== seen.ino || !this.#isStale(again)) return false;
          removeIfPresent(lockPath);
          if (again.owner && !isAlive(again.owner)) fs2.rmSync(path.join(this.#dir, again.owner.file), { force: true });
          return true;
        } finally {
          removeIfPresent(breaker);
        }
      }
      #isStale(lock) {
        if (Date.now() - lock.ctimeMs > this.#options.staleMs) return true;
        return lock.owner !== void 0 && !isAlive(lock.owner);
      }
      /** This process's owner file in the lock folder, created on first use and removed at exit. */
      #owner() {
        if (this.#ownerFile !== void 0) return this.#ownerFile;
        fs2.mkdirSync(this.#dir, { recursive: true });
        const file = `owner-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
        const owner = { pid: process.pid, host: os.hostname(), file };
        const ownerPath = path.join(this.#dir, file);
        fs2.writeFileSync(ownerPath, JSON.stringify(owner), { flag: "wx" });
        ownerFiles.add(ownerPath);
        installExitHook();
        this.#ownerFile = ownerPath;
        return ownerPath;
      }
    };
  }
});

// node/paths.ts
import os2 from "node:os";
import path2 from "node:path";
function defaultStoreDir(env = process.env) {
  const fromEnv = env.WEB4_TRUST_DIR;
  if (fromEnv) return path2.resolve(fromEnv);
  return path2.join(os2.homedir(), ".web4", "governance", "entities");
}
function hookErrorLogPath(storeDir) {
  return path2.join(path2.dirname(path2.resolve(storeDir)), "hook-errors.log");
}
var init_paths = __esm({
  "node/paths.ts"() {
    "use strict";
  }
});

// node/file-store.ts
import fs3 from "node:fs";
import path3 from "node:path";
function checked(entityId) {
  assertEntityId(entityId);
  return entityId;
}
function toProblem(error, filePath) {
  if (error instanceof EntityFileError) return { path: error.path, problem: error.problem };
  return { path: filePath, problem: error.message };
}
var LOCK_DIR_NAME, reportToStderr, FileTrustStore;
var init_file_store = __esm({
  "node/file-store.ts"() {
    "use strict";
    init_core();
    init_atomic_write();
    init_entity_file();
    init_locks();
    init_paths();
    LOCK_DIR_NAME = ".locks";
    reportToStderr = ({ path: file, problem }) => {
      process.stderr.write(`web4-trust: skipped ${file}: ${problem}
`);
    };
    FileTrustStore = class {
      dir;
      #clock;
      #decay;
      #locks;
      #onProblem;
      constructor(dir = defaultStoreDir(), options = {}) {
        const { clock = systemClock, decay = DEFAULT_DECAY, lockTimeoutMs = 1e4, staleLockMs = 1e4 } = options;
        assertDecayConfig(decay);
        this.dir = path3.resolve(dir);
        this.#clock = clock;
        this.#decay = { ...decay };
        this.#locks = new FileLocks(path3.join(this.dir, LOCK_DIR_NAME), { timeoutMs: lockTimeoutMs, staleMs: staleLockMs });
        this.#onProblem = options.onProblem ?? reportToStderr;
      }
      /** The path of the file that holds (or would hold) `entityId`. */
      pathOf(entityId) {
        assertEntityId(entityId);
        return path3.join(this.dir, entityFileName(entityId));
      }
      async get(entityId) {
        return await this.getExisting(entityId) ?? new EntityTrust(entityId, this.#clock.now());
      }
      async getExisting(entityId) {
        return this.#read(entityFileName(checked(entityId)))?.entity;
      }
      async save(entity) {
        const name = entityFileName(entity.entityId);
        await this.#locked([name], () => this.#write(name, entity));
      }
      async delete(entityId) {
        const name = entityFileName(checked(entityId));
        return this.#locked([name], () => this.#remove(name));
      }
      async exists(entityId) {
        return fs3.existsSync(this.pathOf(entityId));
      }
      async list(filter = {}) {
        return this.#listReporting(filter);
      }
      async count(filter = {}) {
        return this.#listReporting(filter).length;
      }
      /**
       * Reads every entity file: the entities (sorted by id) and the files that could not be read.
       * Unlike `list`, it hands problems back instead of reporting them.
       */
      scan({ type } = {}) {
        const entities = [];
        const problems = [];
        for (const name of this.#entityFileNames()) {
          try {
            const entity = this.#read(name)?.entity;
            if (entity && (type === void 0 || entity.entityType === type)) entities.push(entity);
          } catch (error) {
            problems.push(toProblem(error, path3.join(this.dir, name)));
          }
        }
        entities.sort((a, b) => compareIds(a.entityId, b.entityId));
        return { entities, problems };
      }
      async update(entityId, success, magnitude) {
        const entities = await this.record([{ kind: "outcome", entityId: checked(entityId), success, magnitude }]);
        return entities.get(entityId);
      }
      async witness(witnessId, targetId, success, magnitude) {
        const entities = await this.record([{ kind: "witness", witnessId, targetId, success, magnitude }]);
        const witness = entities.get(witnessId);
        return [witness, witnessId === targetId ? witness.clone() : entities.get(targetId)];
      }
      /**
       * Applies `operations` in order as one change: every entity they touch is locked, changed and
       * written, and if one file cannot be written the ones already written are put back. Resolves to
       * the entities as written, by id.
       */
      async record(operations) {
        assertOperations(operations);
        const ids = operationIds(operations);
        const names = [...new Set(ids.map(entityFileName))];
        return this.#locked(names, () => {
          const now = this.#clock.now();
          const before = new Map(ids.map((id) => [id, this.#read(entityFileName(id))]));
          const entities = new Map(ids.map((id) => [id, before.get(id)?.entity ?? new EntityTrust(id, now)]));
          applyOperations(entities, operations, now, this.#decay);
          const written2 = [];
          try {
            for (const id of ids) {
              this.#write(entityFileName(id), entities.get(id));
              written2.push(id);
            }
          } catch (error) {
            for (const id of written2) {
              const old = before.get(id);
              if (old) writeFileAtomicSync(path3.join(this.dir, entityFileName(id)), old.text);
              else this.#remove(entityFileName(id));
            }
            throw error;
          }
          return entities;
        });
      }
      async witnessingChain(entityId, depth = 3) {
        return buildWitnessingChain(
          await this.get(entityId),
          depth,
          async (ids) => ids.map((id) => this.#readQuietly(id))
        );
      }
      async sweepDecay(now = this.#clock.now(), config = this.#decay) {
        assertDecayConfig(config);
        let scanned = 0;
        let changed = 0;
        for (const name of this.#entityFileNames()) {
          try {
            await this.#locked([name], () => {
              const entity = this.#read(name)?.entity;
              if (!entity) return;
              scanned++;
              if (entity.decayTo(now, config)) {
                this.#write(name, entity);
                changed++;
              }
            });
          } catch (error) {
            if (!(error instanceof EntityFileError)) throw error;
            this.#onProblem(toProblem(error, path3.join(this.dir, name)));
          }
        }
        return { scanned, changed };
      }
      async exportBundle() {
        return createBundle(this.#listReporting(), this.#clock.now());
      }
      async importBundle(input, mode = "merge") {
        const plan = planImportOrThrow(this.#listReporting(), input, mode);
        for (const planned of [...plan.added, ...plan.updated]) {
          const name = entityFileName(planned.entityId);
          await this.#locked([name], () => {
            let entity = planned;
            if (mode === "merge") {
              const stored = this.#readQuietly(planned.entityId);
              const again = planImport(stored ? [stored] : [], [planned.toJSON()], { mode: "merge" });
              entity = again.added[0] ?? again.updated[0];
            }
            if (entity) this.#write(name, entity);
          });
        }
        for (const id of plan.removed) {
          const name = entityFileName(id);
          await this.#locked([name], () => this.#remove(name));
        }
        return plan;
      }
      // --- Files -------------------------------------------------------------------------------------
      async #locked(names, body) {
        const release = await this.#locks.acquire(names);
        try {
          return body();
        } finally {
          release();
        }
      }
      /** The entity in file `name` and the text it was read from, or undefined when there is no file. */
      #read(name) {
        const filePath = path3.join(this.dir, name);
        let text;
        try {
          text = fs3.readFileSync(filePath, "utf8");
        } catch (error) {
          const code = error.code;
          if (code === "ENOENT") return void 0;
          throw new EntityFileError(filePath, `cannot be read (${code ?? error.message})`);
        }
        return { entity: parseEntityFile(text, filePath, name), text };
      }
      #readQuietly(entityId) {
        try {
          return this.#read(entityFileName(entityId))?.entity;
        } catch {
          return void 0;
        }
      }
      #write(name, entity) {
        const filePath = path3.join(this.dir, name);
        try {
          writeFileAtomicSync(filePath, formatEntityFile(entity));
        } catch (error) {
          if (error.code !== "ENOENT") throw error;
          fs3.mkdirSync(this.dir, { recursive: true });
          writeFileAtomicSync(filePath, formatEntityFile(entity));
        }
      }
      #remove(name) {
        try {
          fs3.unlinkSync(path3.join(this.dir, name));
          return true;
        } catch (error) {
          if (error.code === "ENOENT") return false;
          throw error;
        }
      }
      #entityFileNames() {
        try {
          return fs3.readdirSync(this.dir).filter((name) => ENTITY_FILE_NAME.test(name));
        } catch (error) {
          if (error.code === "ENOENT") return [];
          throw error;
        }
      }
      #listReporting(filter = {}) {
        const { entities, problems } = this.scan(filter);
        for (const problem of problems) this.#onProblem(problem);
        return entities;
      }
    };
  }
});

// node/hook/hook-input.ts
function parseHookInput(text) {
  if (text.trim() === "") throw new HookInputError("no hook input on stdin");
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HookInputError(`hook input is not JSON (${error.message})`);
  }
  if (!isRecord2(value)) throw new HookInputError("hook input is not a JSON object");
  return value;
}
function callSubjectOf(input) {
  const server = mcpServerOf(input.tool_name);
  if (server !== void 0) return subject("mcp", server);
  if (typeof input.tool_name !== "string" || !SUBAGENT_TOOLS.has(input.tool_name)) return void 0;
  const type = isRecord2(input.tool_input) ? input.tool_input.subagent_type : void 0;
  return subject("subagent", typeof type === "string" && type !== "" ? type : DEFAULT_SUBAGENT);
}
function subject(kind, name) {
  const entityId = `${kind === "mcp" ? "mcp" : "role"}:${name}`;
  const problem = entityIdProblem(entityId);
  if (problem !== void 0) throw new HookInputError(`cannot record ${kind === "mcp" ? "MCP server" : "subagent"} ${quoted(name)}: ${problem}`);
  return { entityId, kind, name };
}
function mcpServerOf(toolName) {
  if (typeof toolName !== "string" || !toolName.startsWith("mcp__")) return void 0;
  const rest = toolName.slice("mcp__".length);
  const end = rest.indexOf("__");
  return end > 0 ? rest.slice(0, end) : void 0;
}
function sessionEntityOf(input) {
  const id = input.session_id;
  if (typeof id !== "string" || id === "") throw new HookInputError("hook input has no session_id");
  const entityId = `session:${id}`;
  const problem = entityIdProblem(entityId);
  if (problem !== void 0) throw new HookInputError(`session_id: ${problem}`);
  return entityId;
}
function callResultOf(input, failureEvent) {
  if (failureEvent || input.hook_event_name === "PostToolUseFailure") {
    return input.is_interrupt === true ? "interrupted" : "failure";
  }
  const response = input.tool_response;
  const flagged = isRecord2(response) && (response.isError === true || response.is_error === true);
  return flagged ? "failure" : "success";
}
function quoted(name) {
  const clean = name.replace(UNSAFE_TEXT, "");
  const chars = [...clean];
  return JSON.stringify(chars.length > MAX_SHOWN_NAME ? `${chars.slice(0, MAX_SHOWN_NAME - 1).join("")}\u2026` : clean);
}
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var HookInputError, SUBAGENT_TOOLS, DEFAULT_SUBAGENT, UNSAFE_TEXT, MAX_SHOWN_NAME;
var init_hook_input = __esm({
  "node/hook/hook-input.ts"() {
    "use strict";
    init_core();
    HookInputError = class extends Error {
      name = "HookInputError";
    };
    SUBAGENT_TOOLS = /* @__PURE__ */ new Set(["Task", "Agent"]);
    DEFAULT_SUBAGENT = "general-purpose";
    UNSAFE_TEXT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
    MAX_SHOWN_NAME = 64;
  }
});

// node/hook/hook-context.ts
function stateAt(entity, now) {
  const copy = entity.clone();
  copy.decayTo(now, DEFAULT_DECAY);
  return copy;
}
function isAtOrBelow(level, threshold) {
  return TRUST_LEVELS.indexOf(level) >= TRUST_LEVELS.indexOf(threshold);
}
function label(kind, name) {
  return `${kind === "mcp" ? "MCP server" : "subagent"} ${quoted(name)}`;
}
function evidence(entity) {
  if (entity.actionCount > 0) return `${plural(entity.actionCount, "call")}, ${entity.successCount} succeeded`;
  return entity.witnessCount > 0 ? `witnessed ${plural(entity.witnessCount, "time")}` : "no calls recorded";
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function callContext(subject2, entity) {
  return `Web4 trust in ${label(subject2.kind, subject2.name)}: ${entity.trustLevel} (T3 ${entity.t3Average.toFixed(2)}, V3 ${entity.v3Average.toFixed(2)}); ${evidence(entity)}.`;
}
function sessionSummary(entities) {
  const low = entities.filter((e) => LOW_LEVELS.has(e.trustLevel)).sort((a, b) => a.t3Average - b.t3Average);
  const rest = entities.filter((e) => !LOW_LEVELS.has(e.trustLevel)).sort((a, b) => (b.lastActivity ?? -Infinity) - (a.lastActivity ?? -Infinity));
  const ordered = [...low, ...rest];
  if (ordered.length === 0) return void 0;
  const head = "Web4 trust on record: ";
  const items = [];
  for (const [i, entity] of ordered.entries()) {
    const item = `${label(entity.entityType === "mcp" ? "mcp" : "subagent", entity.entityName)} ${entity.trustLevel} (${evidence(entity)})`;
    const left = ordered.length - i - 1;
    const tail = left > 0 ? `; and ${left} more.` : ".";
    const longestTail = `; and ${ordered.length} more.`.length;
    if ((head + [...items, item].join("; ")).length + (left > 0 ? longestTail : tail.length) > MAX_SUMMARY_LENGTH) {
      return `${head}${items.join("; ")}; and ${ordered.length - i} more.`;
    }
    items.push(item);
  }
  return `${head}${items.join("; ")}.`;
}
var MAX_SUMMARY_LENGTH, LOW_LEVELS;
var init_hook_context = __esm({
  "node/hook/hook-context.ts"() {
    "use strict";
    init_core();
    init_hook_input();
    MAX_SUMMARY_LENGTH = 600;
    LOW_LEVELS = /* @__PURE__ */ new Set(["low", "minimal"]);
  }
});

// node/hook/run-hook.ts
function isHookEvent(value) {
  return HOOK_EVENTS.includes(value);
}
async function runHook(event2, stdinText, store, options = {}) {
  const input = parseHookInput(stdinText);
  const now = options.now ?? Date.now();
  if (event2 === "session-start") return sessionStart(store, now);
  const subject2 = callSubjectOf(input);
  if (subject2 === void 0) return void 0;
  if (event2 === "pre-tool-use") return preToolUse(subject2, store, now, options.askBelow);
  const result = callResultOf(input, event2 === "post-tool-use-failure");
  if (result === "interrupted") return void 0;
  await store.record(operationsFor(input, subject2, result === "success", options.record ?? "both"));
  return void 0;
}
function operationsFor(input, subject2, success, mode) {
  const operations = [];
  const magnitude = HOOK_MAGNITUDE;
  if (mode !== "witness") operations.push({ kind: "outcome", entityId: subject2.entityId, success, magnitude });
  if (mode !== "outcome") {
    operations.push({ kind: "witness", witnessId: sessionEntityOf(input), targetId: subject2.entityId, success, magnitude });
  }
  return operations;
}
async function preToolUse(subject2, store, now, askBelow) {
  const stored = await store.getExisting(subject2.entityId);
  if (!stored) return void 0;
  const entity = stateAt(stored, now);
  const context = callContext(subject2, entity);
  const ask = askBelow !== void 0 && isAtOrBelow(entity.trustLevel, askBelow);
  const decision = ask ? { permissionDecision: "ask", permissionDecisionReason: context } : {};
  return output({ hookEventName: "PreToolUse", ...decision, additionalContext: context });
}
async function sessionStart(store, now) {
  const [servers, roles] = await Promise.all([store.list({ type: "mcp" }), store.list({ type: "role" })]);
  const summary = sessionSummary([...servers, ...roles].map((entity) => stateAt(entity, now)));
  return summary === void 0 ? void 0 : output({ hookEventName: "SessionStart", additionalContext: summary });
}
function output(hookSpecificOutput) {
  return `${JSON.stringify({ hookSpecificOutput })}
`;
}
var HOOK_EVENTS, CLAUDE_EVENT_OF, HOOK_MAGNITUDE, RECORD_MODES;
var init_run_hook = __esm({
  "node/hook/run-hook.ts"() {
    "use strict";
    init_hook_context();
    init_hook_input();
    HOOK_EVENTS = ["session-start", "pre-tool-use", "post-tool-use", "post-tool-use-failure"];
    CLAUDE_EVENT_OF = {
      "session-start": "SessionStart",
      "pre-tool-use": "PreToolUse",
      "post-tool-use": "PostToolUse",
      "post-tool-use-failure": "PostToolUseFailure"
    };
    HOOK_MAGNITUDE = 0.1;
    RECORD_MODES = ["both", "outcome", "witness"];
  }
});

// node/hook/hook-main.ts
var hook_main_exports = {};
__export(hook_main_exports, {
  HOOK_LOCK_TIMEOUT_MS: () => HOOK_LOCK_TIMEOUT_MS,
  hookMain: () => hookMain,
  hookStore: () => hookStore,
  isDisabled: () => isDisabled,
  logHookError: () => logHookError,
  parseHookArgs: () => parseHookArgs
});
import fs4 from "node:fs";
import path4 from "node:path";
async function hookMain(args, env = process.env) {
  process.exitCode = 0;
  if (isDisabled(env.WEB4_TRUST_DISABLE)) return;
  const [event2] = args;
  const { dir, options, problems } = parseHookArgs(args.slice(1), env);
  for (const problem of problems) logHookError(dir, `hook ${event2 ?? ""}: ${problem}`);
  try {
    if (!isHookEvent(event2)) throw new Error(`unknown hook ${JSON.stringify(event2 ?? "")}; use one of ${HOOK_EVENTS.join(", ")}`);
    const output2 = await runHook(event2, await readStdin(), hookStore(dir), options);
    if (output2) process.stdout.write(output2);
  } catch (error) {
    logHookError(dir, `hook ${event2 ?? ""}: ${error.message ?? String(error)}`);
  }
}
function isDisabled(value) {
  return value !== void 0 && !["", "0", "false"].includes(value.trim().toLowerCase());
}
function parseHookArgs(args, env) {
  const options = {};
  const problems = [];
  let dir = defaultStoreDir(env);
  for (let i = 0; i < args.length; i++) {
    const name = args[i];
    const value = args[i + 1];
    if (!["--store", "--record", "--ask-below"].includes(name) || value === void 0) {
      problems.push(`ignored the argument ${JSON.stringify(name)}`);
      continue;
    }
    i++;
    if (name === "--store") dir = value;
    else if (name === "--record") {
      if (isOneOf(RECORD_MODES, value)) options.record = value;
      else problems.push(`--record ${JSON.stringify(value)} is not one of ${RECORD_MODES.join(", ")}; recorded both`);
    } else if (isOneOf(TRUST_LEVELS, value)) options.askBelow = value;
    else problems.push(`--ask-below ${JSON.stringify(value)} is not one of ${TRUST_LEVELS.join(", ")}; ignored it`);
  }
  return { dir, options, problems };
}
function isOneOf(values, value) {
  return values.includes(value);
}
function hookStore(dir) {
  return new FileTrustStore(dir, { lockTimeoutMs: HOOK_LOCK_TIMEOUT_MS, onProblem: () => {
  } });
}
function readStdin() {
  if (process.stdin.isTTY) return Promise.resolve("");
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on("data", (chunk) => chunks.push(chunk));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}
function logHookError(storeDir, message) {
  const line = message.replace(/\s+/g, " ").trim();
  process.stderr.write(`web4-trust: ${line}
`);
  try {
    const log = hookErrorLogPath(storeDir);
    fs4.mkdirSync(path4.dirname(log), { recursive: true });
    fs4.appendFileSync(log, `${(/* @__PURE__ */ new Date()).toISOString()} ${line}
`);
  } catch {
  }
}
var HOOK_LOCK_TIMEOUT_MS;
var init_hook_main = __esm({
  "node/hook/hook-main.ts"() {
    "use strict";
    init_file_store();
    init_paths();
    init_core();
    init_run_hook();
    HOOK_LOCK_TIMEOUT_MS = 2e3;
  }
});

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, "commander.invalidArgument", message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports.Argument = Argument2;
    exports.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command2) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command2))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output2 = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output2 = output2.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output2 = output2.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output2 = output2.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output2 = output2.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output2 = output2.concat(this.formatItemList(group, commandList, helper));
        });
        return output2.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripColor(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        const rawLines = str.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str.replace(sgrPattern, "");
    }
    exports.Help = Help2;
    exports.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str) {
      return str.split("-").reduce((str2, word) => {
        return str2 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports.Option = Option2;
    exports.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports) {
    var maxDistance = 3;
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance = editDistance(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance) / length;
        if (similarity > minSimilarity) {
          if (distance < bestDistance) {
            bestDistance = distance;
            similar = [candidate];
          } else if (distance === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports) {
    var EventEmitter = __require("node:events").EventEmitter;
    var childProcess = __require("node:child_process");
    var path10 = __require("node:path");
    var fs11 = __require("node:fs");
    var process2 = __require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str) => process2.stdout.write(str),
          writeErr: (str) => process2.stderr.write(str),
          outputError: (str, write) => write(str),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str) => stripColor(str)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command2 = this; command2; command2 = command2.parent) {
          result.push(command2);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event2, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event2)) {
          throw new Error(`Unexpected value for event passed to hook : '${event2}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event2]) {
          this._lifeCycleHooks[event2].push(listener);
        } else {
          this._lifeCycleHooks[event2] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode, code, message));
        }
        process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command2) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command2).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command2).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command2);
        this.commands.push(command2);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex = fn;
          fn = (val, def) => {
            const m = regex.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key) !== void 0) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process2.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs11.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path10.resolve(baseDir, baseName);
          if (fs11.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path10.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs11.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs11.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path10.resolve(
            path10.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path10.basename(
              this._scriptPath,
              path10.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path10.extname(executableFile));
        let proc;
        if (process2.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process2.execArgv).concat(args);
            proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process2.execArgv).concat(args);
          proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1;
          if (!exitCallback) {
            process2.exit(code);
          } else {
            exitCallback(
              new CommanderError2(
                code,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event2) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event2] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event2].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event2 === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event2) {
        let result = promise;
        if (this._lifeCycleHooks[event2] !== void 0) {
          this._lifeCycleHooks[event2].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code = config.code || "commander.error";
        this._exit(exitCode, code, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          );
          const positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command2 = this;
          do {
            const moreFlags = command2.createHelp().visibleOptions(command2).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command2 = command2.parent;
          } while (command2 && !command2._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message = `error: unknown option '${flag}'${suggestion}`;
        this.error(message, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command2) => {
            candidateNames.push(command2.name());
            if (command2.alias()) candidateNames.push(command2.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`);
          this._exit(0, "commander.version", str);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        if (str === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        if (str === void 0) return this._summary;
        this._summary = str;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command2 = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command2 = this.commands[this.commands.length - 1];
        }
        if (alias === command2._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command2._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        if (str === void 0) return this._name;
        this._name = str;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path10.basename(filename, path10.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path11) {
        if (path11 === void 0) return this._executableDir;
        this._executableDir = path11;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text = helper.formatHelp(this, helper);
        if (context.hasColors) return text;
        return this._outputConfiguration.stripColor(text);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str) => this._outputConfiguration.writeErr(str);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str) => this._outputConfiguration.writeOut(str);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str) => {
          if (!hasColors) str = this._outputConfiguration.stripColor(str);
          return baseWrite(str);
        };
        return { error, write, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command2) => command2.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command2) => command2.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode = 1;
        }
        this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text === "function") {
            helpStr = text({ error: context.error, command: context.command });
          } else {
            helpStr = text;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match;
        if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match[1];
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match[1];
          if (/^\d+$/.test(match[3])) {
            debugPort = match[3];
          } else {
            debugHost = match[3];
          }
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match[1];
          debugHost = match[3];
          debugPort = match[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return false;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports.Command = Command2;
    exports.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports.program = new Command2();
    exports.createCommand = (name) => new Command2(name);
    exports.createOption = (flags, description) => new Option2(flags, description);
    exports.createArgument = (name, description) => new Argument2(name, description);
    exports.Command = Command2;
    exports.Option = Option2;
    exports.Argument = Argument2;
    exports.Help = Help2;
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
    exports.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/esm.mjs
var import_index, program, createCommand, createArgument, createOption, CommanderError, InvalidArgumentError, InvalidOptionArgumentError, Command, Argument, Option, Help;
var init_esm = __esm({
  "node_modules/commander/esm.mjs"() {
    import_index = __toESM(require_commander(), 1);
    ({
      program,
      createCommand,
      createArgument,
      createOption,
      CommanderError,
      InvalidArgumentError,
      InvalidOptionArgumentError,
      Command: (
        // deprecated old name
        Command
      ),
      Argument,
      Option,
      Help
    } = import_index.default);
  }
});

// node/cli/style.ts
function styleFor(stream, env = process.env) {
  const on = stream.isTTY === true && !env.NO_COLOR;
  const wrap = (open, close) => (text) => on ? `\x1B[${open}m${text}\x1B[${close}m` : text;
  const style = {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    level(text, level) {
      if (level === "high" || level === "medium-high") return style.green(text);
      if (level === "medium") return style.yellow(text);
      return style.red(text);
    }
  };
  return style;
}
var init_style = __esm({
  "node/cli/style.ts"() {
    "use strict";
  }
});

// node/cli/context.ts
function createContext(storeDir) {
  return {
    store: new FileTrustStore(storeDir ?? defaultStoreDir(), {
      onProblem: ({ path: path10, problem }) => process.stderr.write(`warning: skipped ${path10}: ${problem}
`)
    }),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    style: styleFor(process.stdout),
    errStyle: styleFor(process.stderr)
  };
}
function toJsonText(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}
var init_context = __esm({
  "node/cli/context.ts"() {
    "use strict";
    init_file_store();
    init_paths();
    init_style();
  }
});

// node/cli/errors.ts
var UsageError, EXIT_OK, EXIT_FAILED, EXIT_USAGE;
var init_errors2 = __esm({
  "node/cli/errors.ts"() {
    "use strict";
    UsageError = class extends Error {
      name = "UsageError";
    };
    EXIT_OK = 0;
    EXIT_FAILED = 1;
    EXIT_USAGE = 2;
  }
});

// node/cli/parse-options.ts
function outcomeOf(options) {
  if (options.success === options.failure) throw new UsageError("give exactly one of --success and --failure");
  return options.success === true;
}
function magnitudeOf(text, fallback = 0.1) {
  if (text === void 0) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new UsageError(`--magnitude must be a number (it is clamped to [0,1]), got ${JSON.stringify(text)}`);
  }
  return value;
}
function depthOf(text, fallback = 3) {
  if (text === void 0) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > MAX_CHAIN_DEPTH) {
    throw new UsageError(`--depth must be a whole number from 1 to ${MAX_CHAIN_DEPTH}, got ${JSON.stringify(text)}`);
  }
  return value;
}
function levelOf(text) {
  if (text === void 0) return void 0;
  if (TRUST_LEVELS.includes(text)) return text;
  throw new UsageError(`--level must be one of ${TRUST_LEVELS.join(", ")}, got ${JSON.stringify(text)}`);
}
function oneOf(option, text, choices, fallback) {
  if (text === void 0) return fallback;
  if (choices.includes(text)) return text;
  throw new UsageError(`${option} must be one of ${choices.join(", ")}, got ${JSON.stringify(text)}`);
}
var init_parse_options = __esm({
  "node/cli/parse-options.ts"() {
    "use strict";
    init_core();
    init_errors2();
  }
});

// node/format-table.ts
function formatTable(rows, columns, header = (s) => s) {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((r) => r[i].length)));
  const pad = (text, i) => columns[i].align === "right" ? text.padStart(widths[i]) : text.padEnd(widths[i]);
  const lines = [header(columns.map((c, i) => pad(c.header, i)).join("  ").trimEnd())];
  rows.forEach((row, r) => {
    const line = columns.map((column, i) => {
      const text = pad(cells[r][i], i);
      return column.style ? column.style(text, row) : text;
    });
    lines.push(line.join("  ").trimEnd());
  });
  return `${lines.join("\n")}
`;
}
var init_format_table = __esm({
  "node/format-table.ts"() {
    "use strict";
  }
});

// node/cli/entity-view.ts
function summaryOf(entity) {
  return {
    entity_id: entity.entityId,
    entity_type: entity.entityType,
    trust_level: entity.trustLevel,
    t3_average: entity.t3Average,
    v3_average: entity.v3Average,
    action_count: entity.actionCount,
    success_count: entity.successCount,
    success_rate: entity.successRate,
    witness_count: entity.witnessCount,
    last_activity: entity.lastActivity === null ? null : formatTimestamp(entity.lastActivity)
  };
}
function shortTime(ms) {
  return ms === null ? "\u2014" : `${formatTimestamp(ms).slice(0, 16).replace("T", " ")}`;
}
var score, percent;
var init_entity_view = __esm({
  "node/cli/entity-view.ts"() {
    "use strict";
    init_core();
    score = (x) => x.toFixed(3);
    percent = (x) => `${Math.round(x * 100)}%`;
  }
});

// node/cli/show-command.ts
function addShowCommand(program2) {
  program2.command("show").description("show one entity: its scores, counters and witnessing chain").argument("<id>", "entity id, e.g. mcp:filesystem").option("--depth <n>", "how deep to follow the witnessing chain", "3").option("--json", "machine-readable output").action(async (id, options) => {
    const depth = depthOf(options.depth);
    const ctx = createContext(options.store);
    const entity = await ctx.store.getExisting(id);
    if (!entity) throw new Error(`no entity ${JSON.stringify(id)} in ${ctx.store.dir}`);
    const chain = await ctx.store.witnessingChain(id, depth);
    if (options.json) {
      ctx.out(toJsonText({
        entity: entity.toJSON(),
        t3_average: entity.t3Average,
        v3_average: entity.v3Average,
        trust_level: entity.trustLevel,
        success_rate: entity.successRate,
        file: ctx.store.pathOf(id),
        chain
      }));
      return;
    }
    const { style } = ctx;
    const lines = [
      `${style.bold(entity.entityId)}  ${style.level(entity.trustLevel, entity.trustLevel)}  T3 ${score(entity.t3Average)}  V3 ${score(entity.v3Average)}`,
      style.dim(ctx.store.pathOf(id)),
      ""
    ];
    ctx.out(`${lines.join("\n")}
`);
    ctx.out(formatTable(DIMENSIONS.map((d) => d), [
      { header: "DIMENSION", value: (d) => d },
      { header: "SCORE", value: (d) => score(entity.score(d)), align: "right" },
      { header: "OBSERVATIONS", value: (d) => String(entity.observations(d)), align: "right" },
      { header: "CONFIDENCE", value: (d) => percent(entity.confidence(d)), align: "right" }
    ], style.bold));
    const facts = [
      ["actions", `${entity.actionCount} (${entity.successCount} succeeded, ${entity.actionCount ? percent(entity.successRate) : "\u2014"})`],
      ["witnessed", `${entity.witnessCount} ${entity.witnessCount === 1 ? "time" : "times"}`],
      ["created", shortTime(entity.createdAt)],
      ["last action", shortTime(entity.lastAction)],
      ["last activity", shortTime(entity.lastActivity)]
    ];
    ctx.out(`
${facts.map(([k, v]) => `${k.padEnd(14)}${v}`).join("\n")}

`);
    printChain(ctx, chain, depth);
  });
}
function printChain(ctx, chain, depth) {
  const { style } = ctx;
  ctx.out(`${style.bold("Witnessing chain")} (depth ${depth}): transitive trust ${score(chain.transitive_trust)}, aggregate witness trust ${score(chain.aggregate_witness_trust)}
`);
  const section = (title, links) => {
    ctx.out(`  ${title}:${links.length ? "" : " none"}
`);
    for (const link of links) {
      ctx.out(`${"  ".repeat(link.depth + 1)}${link.entity_id}  ${style.level(link.trust_level, link.trust_level)}  T3 ${score(link.t3_average)}
`);
    }
  };
  section("witnessed by", chain.witnessed_by);
  section("has witnessed", chain.has_witnessed);
}
var init_show_command = __esm({
  "node/cli/show-command.ts"() {
    "use strict";
    init_core();
    init_format_table();
    init_context();
    init_entity_view();
    init_parse_options();
  }
});

// node/cli/chain-command.ts
function addChainCommand(program2) {
  program2.command("chain").description("show who witnessed an entity and whom it witnessed, breadth-first").argument("<id>", "entity id").option("--depth <n>", "levels to follow (1 = direct links only)", "3").option("--json", "machine-readable output").action(async (id, options) => {
    const depth = depthOf(options.depth);
    const ctx = createContext(options.store);
    if (!await ctx.store.exists(id)) throw new Error(`no entity ${JSON.stringify(id)} in ${ctx.store.dir}`);
    const chain = await ctx.store.witnessingChain(id, depth);
    if (options.json) ctx.out(toJsonText(chain));
    else printChain(ctx, chain, depth);
  });
}
var init_chain_command = __esm({
  "node/cli/chain-command.ts"() {
    "use strict";
    init_context();
    init_parse_options();
    init_show_command();
  }
});

// node/cli/decay-command.ts
function addDecayCommand(program2) {
  program2.command("decay").description("bring every entity to its decayed state now (time-consistent: running it often changes nothing extra)").option("--dry-run", "show what would change without writing").option("--json", "machine-readable output").action(async (options) => {
    const ctx = createContext(options.store);
    const now = Date.now();
    const { entities, problems } = ctx.store.scan();
    const changes = entities.flatMap((before) => {
      const after = before.clone();
      return after.decayTo(now, DEFAULT_DECAY) ? [{ before, after }] : [];
    });
    let changed = changes.length;
    let scanned = entities.length;
    if (!options.dryRun) ({ scanned, changed } = await ctx.store.sweepDecay(now));
    else for (const { path: path10, problem } of problems) ctx.err(`warning: skipped ${path10}: ${problem}
`);
    if (options.json) {
      ctx.out(toJsonText({
        dry_run: options.dryRun === true,
        scanned,
        changed,
        entities: changes.map(({ before, after }) => ({
          entity_id: after.entityId,
          t3_before: before.t3Average,
          t3_after: after.t3Average,
          v3_before: before.v3Average,
          v3_after: after.v3Average
        }))
      }));
      return;
    }
    if (changes.length) {
      ctx.out(formatTable(changes, [
        { header: "ENTITY", value: ({ after }) => after.entityId },
        { header: "T3", value: ({ before, after }) => `${score(before.t3Average)} \u2192 ${score(after.t3Average)}` },
        { header: "V3", value: ({ before, after }) => `${score(before.v3Average)} \u2192 ${score(after.v3Average)}` }
      ], ctx.style.bold));
    }
    ctx.out(options.dryRun ? `Dry run: ${changed} of ${scanned} entities would change; nothing was written.
` : `Decayed ${changed} of ${scanned} entities.
`);
  });
}
var init_decay_command = __esm({
  "node/cli/decay-command.ts"() {
    "use strict";
    init_core();
    init_format_table();
    init_context();
    init_entity_view();
  }
});

// node/claude-code/our-hooks.ts
function commandBaseProblem(base) {
  return isOurCommand(`${base} hook session-start`) ? void 0 : '--command must run web4-trust and have "web4-trust" in it: that is how our hooks are found again';
}
function isOurCommand(command2) {
  return typeof command2 === "string" && OURS.test(command2);
}
function isOtherWeb4Command(command2) {
  return typeof command2 === "string" && OTHER_WEB4.test(command2) && !OURS.test(command2);
}
function hookCommand({ base, record = "both", askBelow }, hook) {
  let command2 = `${base} hook ${hook}`;
  if (hook.startsWith("post-") && record !== "both") command2 += ` --record ${record}`;
  if (hook === "pre-tool-use" && askBelow !== void 0) command2 += ` --ask-below ${askBelow}`;
  return command2;
}
function hooksSnippet(setup = { base: "web4-trust" }) {
  const hooks = {};
  for (const hook of HOOK_EVENTS) {
    const entry = { type: "command", command: hookCommand(setup, hook), timeout: HOOK_TIMEOUT_SECONDS };
    hooks[CLAUDE_EVENT_OF[hook]] = [hook === "session-start" ? { hooks: [entry] } : { matcher: TOOL_MATCHER, hooks: [entry] }];
  }
  return { hooks };
}
function hookEntries(settings) {
  const hooks = isRecord3(settings.hooks) ? settings.hooks : {};
  return Object.entries(hooks).flatMap(
    ([event2, groups]) => (Array.isArray(groups) ? groups : []).filter(isMatcherGroup).flatMap(
      (group) => group.hooks.filter(isRecord3).map((command2) => ({ event: event2, matcher: group.matcher, command: command2 }))
    )
  );
}
function withOurHooks(settings, setup) {
  const wanted = hooksSnippet(setup);
  if (sameEntries(ourEntries(settings), ourEntries(wanted))) return { settings, changed: false };
  const { settings: next } = withoutOurHooks(settings);
  const hooks = next.hooks ??= {};
  for (const [event2, groups] of Object.entries(wanted.hooks)) (hooks[event2] ??= []).push(...groups);
  return { settings: next, changed: true };
}
function withoutOurHooks(settings) {
  const next = structuredClone(settings);
  if (!isRecord3(next.hooks)) return { settings: next, changed: false };
  const hooks = next.hooks;
  let changed = false;
  for (const [event2, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    const kept = groups.flatMap((group) => {
      if (!isMatcherGroup(group)) return [group];
      const others = group.hooks.filter((h) => !isOurCommand(isRecord3(h) ? h.command : void 0));
      if (others.length === group.hooks.length) return [group];
      changed = true;
      return others.length ? [{ ...group, hooks: others }] : [];
    });
    if (kept.length) hooks[event2] = kept;
    else delete hooks[event2];
  }
  if (Object.keys(hooks).length === 0) delete next.hooks;
  return { settings: next, changed };
}
function ourEntries(settings) {
  return hookEntries(settings).filter((entry) => isOurCommand(entry.command.command)).map(({ event: event2, matcher, command: command2 }) => JSON.stringify([event2, matcher ?? "", command2])).sort();
}
function sameEntries(a, b) {
  return a.length === b.length && a.every((entry, i) => entry === b[i]);
}
function isRecord3(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isMatcherGroup(value) {
  return isRecord3(value) && Array.isArray(value.hooks);
}
var TOOL_MATCHER, HOOK_TIMEOUT_SECONDS, OURS, OTHER_WEB4;
var init_our_hooks = __esm({
  "node/claude-code/our-hooks.ts"() {
    "use strict";
    init_run_hook();
    TOOL_MATCHER = "mcp__.*|Task|Agent";
    HOOK_TIMEOUT_SECONDS = 10;
    OURS = new RegExp(`web4-trust.*\\shook\\s+(?:${HOOK_EVENTS.join("|")})(?:\\s|$)`);
    OTHER_WEB4 = /web4/i;
  }
});

// node/claude-code/settings-file.ts
import fs5 from "node:fs";
import os3 from "node:os";
import path5 from "node:path";
function settingsPath(scope, cwd = process.cwd(), home = os3.homedir()) {
  if (scope === "user") return path5.join(home, ".claude", "settings.json");
  return path5.join(cwd, ".claude", scope === "project" ? "settings.json" : "settings.local.json");
}
function installHooks(file, setup, now = /* @__PURE__ */ new Date()) {
  return editSettings(file, (settings) => withOurHooks(settings, setup), now);
}
function uninstallHooks(file, now = /* @__PURE__ */ new Date()) {
  return editSettings(file, withoutOurHooks, now);
}
function editSettings(file, edit, now) {
  const text = readIfExists(file);
  const settings = text === void 0 ? {} : parseSettings(text, file);
  const { settings: next, changed } = edit(settings);
  if (!changed) return { file, changed };
  let backup;
  if (text !== void 0) {
    backup = `${file}.${now.toISOString().replace(/[:.]/g, "-")}.bak`;
    fs5.copyFileSync(file, backup);
  }
  fs5.mkdirSync(path5.dirname(file), { recursive: true });
  writeFileAtomicSync(file, `${JSON.stringify(next, null, 2)}
`);
  return backup === void 0 ? { file, changed } : { file, changed, backup };
}
function readSettings(file) {
  const text = readIfExists(file);
  return text === void 0 ? void 0 : parseSettings(text, file);
}
function readIfExists(file) {
  try {
    return fs5.readFileSync(file, "utf8");
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT") return void 0;
    throw new Error(`cannot read ${file}: ${code ?? error.message}`);
  }
}
function parseSettings(text, file) {
  let value;
  try {
    value = text.trim() === "" ? {} : JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON (${error.message}); it was left unchanged`);
  }
  if (!isRecord3(value)) throw new Error(`${file} does not hold a JSON object; it was left unchanged`);
  if (value.hooks !== void 0) {
    if (!isRecord3(value.hooks)) throw new Error(`${file}: "hooks" is not an object; it was left unchanged`);
    for (const [event2, groups] of Object.entries(value.hooks)) {
      const valid = Array.isArray(groups) && groups.every((g) => isRecord3(g) && Array.isArray(g.hooks));
      if (!valid) throw new Error(`${file}: hooks.${event2} is not a list of { matcher, hooks: [...] }; it was left unchanged`);
    }
  }
  return value;
}
var SETTINGS_SCOPES;
var init_settings_file = __esm({
  "node/claude-code/settings-file.ts"() {
    "use strict";
    init_atomic_write();
    init_our_hooks();
    SETTINGS_SCOPES = ["user", "project", "local"];
  }
});

// node/claude-code/hooks-status.ts
import { execFile } from "node:child_process";
import fs6 from "node:fs";
import path6 from "node:path";
import { promisify } from "node:util";
function scopeStatus(scope, { cwd, home, env }) {
  const file = settingsPath(scope, cwd, home);
  let settings;
  try {
    settings = readSettings(file);
  } catch (error) {
    return { scope, file, problem: error.message, hooks: [], missing: [], otherWeb4: [] };
  }
  const entries = settings ? hookEntries(settings) : [];
  const ours = entries.filter((e) => isOurCommand(e.command.command));
  const hooks = ours.map((e) => ({ event: e.event, command: e.command.command, runs: { ok: false, problem: "not checked" } }));
  const installed = new Set(ours.map((e) => e.event));
  const missing = ours.length === 0 ? [] : HOOK_EVENTS.map((h) => CLAUDE_EVENT_OF[h]).filter((event2) => !installed.has(event2));
  const otherWeb4 = entries.filter((e) => isOtherWeb4Command(e.command.command)).map((e) => `${e.event}: ${e.command.command}`);
  const plugins = settings && isRecord3(settings.enabledPlugins) ? settings.enabledPlugins : {};
  for (const [plugin, enabled] of Object.entries(plugins)) if (enabled === true && /web4/i.test(plugin)) otherWeb4.push(`plugin ${plugin}`);
  const status = { scope, file, hooks, missing, otherWeb4 };
  if (ours.length > 0) status.store = storeOf(ours[0].command.command, env);
  return status;
}
async function hooksStatus(options) {
  const scopes = SETTINGS_SCOPES.map((scope) => scopeStatus(scope, options));
  if (options.run) {
    const checks = /* @__PURE__ */ new Map();
    for (const hook of scopes.flatMap((s) => s.hooks)) {
      const base = commandBase(hook.command);
      if (!checks.has(base)) checks.set(base, runVersion(base, options));
      hook.runs = await checks.get(base);
    }
  }
  const stores = [...new Set(scopes.flatMap((s) => s.store ? [s.store] : []))];
  const errorLog = stores.map((store) => ({ file: hookErrorLogPath(store), lastLines: lastLines(hookErrorLogPath(store), LOG_LINES) }));
  return { scopes, errorLog };
}
function commandBase(command2) {
  return command2.replace(/\s+hook\s+\S+.*$/, "");
}
function storeOf(command2, env) {
  const match = /\s--store\s+(?:'([^']*)'|"([^"]*)"|(\S+))/.exec(command2);
  const given = match ? match[1] ?? match[2] ?? match[3] : void 0;
  return given ? path6.resolve(given) : defaultStoreDir(env);
}
async function runVersion(base, { cwd, env }) {
  try {
    const { stdout } = await execFileAsync("/bin/sh", ["-c", `${base} --version`], {
      cwd,
      env: { ...env, CLAUDE_PROJECT_DIR: cwd },
      timeout: 15e3,
      encoding: "utf8"
    });
    return { ok: true, version: stdout.trim() };
  } catch (error) {
    const { stderr, code } = error;
    const said = (stderr ?? "").trim().split("\n").pop();
    return { ok: false, problem: said || `exit code ${String(code)}` };
  }
}
function lastLines(file, n) {
  try {
    return fs6.readFileSync(file, "utf8").trimEnd().split("\n").slice(-n);
  } catch {
    return [];
  }
}
function duplicateWarnings(scope, options) {
  const warnings = [];
  const file = settingsPath(scope, options.cwd, options.home);
  for (const other of SETTINGS_SCOPES.map((s) => scopeStatus(s, options))) {
    if (other.file !== file && other.hooks.length > 0) {
      warnings.push(`the web4-trust hooks are also in ${other.file}: every call would be recorded twice (remove them with: web4-trust hooks uninstall --${other.scope})`);
    }
    for (const command2 of other.otherWeb4) {
      warnings.push(`${other.file} also runs another web4 tool (${command2}): it would witness every MCP call a second time`);
    }
  }
  return warnings;
}
var LOG_LINES, execFileAsync;
var init_hooks_status = __esm({
  "node/claude-code/hooks-status.ts"() {
    "use strict";
    init_paths();
    init_run_hook();
    init_our_hooks();
    init_settings_file();
    LOG_LINES = 5;
    execFileAsync = promisify(execFile);
  }
});

// node/doctor.ts
import fs7 from "node:fs";
import path7 from "node:path";
function examineStore(dir, staleLockMs = 1e4) {
  let names;
  try {
    names = fs7.readdirSync(dir);
  } catch (error) {
    if (error.code === "ENOENT") return { entities: 0, findings: [] };
    throw error;
  }
  const findings = [];
  let entities = 0;
  for (const name of names.sort()) {
    const filePath = path7.join(dir, name);
    if (name === QUARANTINE_DIR_NAME) continue;
    if (name === LOCK_DIR_NAME) {
      for (const lock of fs7.readdirSync(filePath).sort()) {
        const lockPath = path7.join(filePath, lock);
        if (isLeftoverLockFile(lockPath, staleLockMs)) {
          findings.push({ kind: "stale-lock", path: lockPath, problem: "left by a process that is gone" });
        }
      }
      continue;
    }
    if (ENTITY_FILE_NAME.test(name)) {
      try {
        parseEntityFile(fs7.readFileSync(filePath, "utf8"), filePath, name);
        entities++;
      } catch (error) {
        const problem = error instanceof EntityFileError ? error.problem : `cannot be read (${error.code})`;
        findings.push({ kind: "corrupt", path: filePath, problem });
      }
    } else if (TEMP_FILE_NAME.test(name)) {
      findings.push({ kind: "temp", path: filePath, problem: "temporary file of an interrupted write" });
    } else {
      findings.push({ kind: "foreign", path: filePath, problem: "not an entity file (<16 hex digits>.json)" });
    }
  }
  return { entities, findings };
}
function quarantine(dir, findings) {
  const target = path7.join(dir, QUARANTINE_DIR_NAME);
  return findings.map((finding) => {
    if (finding.kind === "stale-lock") {
      fs7.rmSync(finding.path, { force: true });
      return { finding };
    }
    fs7.mkdirSync(target, { recursive: true });
    let movedTo = path7.join(target, path7.basename(finding.path));
    for (let n = 1; fs7.existsSync(movedTo); n++) movedTo = path7.join(target, `${path7.basename(finding.path)}.${n}`);
    fs7.renameSync(finding.path, movedTo);
    return { finding, movedTo };
  });
}
var QUARANTINE_DIR_NAME;
var init_doctor = __esm({
  "node/doctor.ts"() {
    "use strict";
    init_atomic_write();
    init_entity_file();
    init_file_store();
    init_locks();
    QUARANTINE_DIR_NAME = "quarantine";
  }
});

// node/version.ts
var VERSION;
var init_version = __esm({
  "node/version.ts"() {
    "use strict";
    VERSION = "0.2.0";
  }
});

// node/claude-code/hook-command.ts
import fs8 from "node:fs";
import path8 from "node:path";
function packageRootOf(script) {
  return path8.resolve(path8.dirname(script), "..", "..");
}
function isEphemeral(file) {
  return file.split(path8.sep).includes("_npx");
}
function findOnPath(pathEnv, name = "web4-trust") {
  for (const dir of pathEnv.split(path8.delimiter)) {
    if (!dir || path8.basename(dir) === ".bin") continue;
    try {
      const file = path8.join(dir, name);
      fs8.accessSync(file, fs8.constants.X_OK);
      const real = fs8.realpathSync(file);
      if (!isEphemeral(real)) return real;
    } catch {
    }
  }
  return void 0;
}
function hookCommandBase(scope, where) {
  const onPath = findOnPath(where.pathEnv);
  if (scope === "project") {
    if (samePath(packageRootOf(where.script), path8.join(where.cwd, PROJECT_PACKAGE))) return PROJECT_BASE;
    if (onPath !== void 0) return "web4-trust";
    throw new HookCommandError(
      `${path8.join(".claude", "settings.json")} is shared with everyone who works on this project, so it needs a command that works on their machines too. Add web4-trust to the project (npm i -D web4-trust) or install it globally (npm i -g web4-trust), then run this again; or name the command with --command.`
    );
  }
  if (isEphemeral(where.script)) {
    if (onPath !== void 0) return "web4-trust";
    throw new HookCommandError(
      "npx runs web4-trust from a temporary cache that npm may empty at any time, and the hooks would stop working then. Install it first (npm i -g web4-trust), then run: web4-trust hooks install"
    );
  }
  if (onPath !== void 0 && samePath(onPath, where.script)) return "web4-trust";
  return `node ${shellQuote(where.script)}`;
}
function assertPortable(command2) {
  if (/(?:^|[\s'"=])(?:\/|~\/|[A-Za-z]:\\)/.test(command2)) {
    throw new HookCommandError(
      `${JSON.stringify(command2)} names a path on this machine, and the project's settings.json is shared; use a command on PATH or one relative to "$CLAUDE_PROJECT_DIR" (or install with --local)`
    );
  }
}
function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
function samePath(a, b) {
  try {
    return fs8.realpathSync(a) === fs8.realpathSync(b);
  } catch {
    return false;
  }
}
var HookCommandError, PROJECT_PACKAGE, PROJECT_BASE;
var init_hook_command = __esm({
  "node/claude-code/hook-command.ts"() {
    "use strict";
    HookCommandError = class extends Error {
      name = "HookCommandError";
    };
    PROJECT_PACKAGE = path8.join("node_modules", "web4-trust");
    PROJECT_BASE = 'node "$CLAUDE_PROJECT_DIR/node_modules/web4-trust/dist/bin/web4-trust.mjs"';
  }
});

// node/cli/hooks-command.ts
import fs9 from "node:fs";
import os4 from "node:os";
function addHookCommands(program2) {
  const hooks = program2.command("hooks").description("add, check or remove the Claude Code hooks that record what MCP servers and subagents do");
  const scoped = (name, description) => hooks.command(name).description(description).option("--user", "in ~/.claude/settings.json, for every project (default)").option("--project", "in .claude/settings.json of the current folder (committed, shared with your team)").option("--local", "in .claude/settings.local.json of the current folder (this machine only)");
  const withSetup = (command2) => command2.option("--command <cmd>", "how Claude Code should run web4-trust (default: found for the scope)").option("--record <what>", `what a finished call records: ${RECORD_MODES.join(", ")}`, "both").option("--ask-below <level>", `ask before calls to an entity at or below this level (${TRUST_LEVELS.join(", ")})`);
  withSetup(scoped("install", "add or repair our SessionStart, PreToolUse, PostToolUse and PostToolUseFailure hooks (keeps every other setting; backs the file up first)")).action((options) => {
    const scope = oneScope(options);
    const where = statusOptions();
    const result = installHooks(settingsPath(scope, where.cwd, where.home), setupFor(scope, options));
    report(result.changed ? `Installed the web4-trust hooks in ${result.file}` : `The web4-trust hooks are already in ${result.file}, as asked`, result.backup);
    for (const warning of duplicateWarnings(scope, where)) process.stderr.write(`warning: ${warning}
`);
  });
  scoped("uninstall", "remove our hooks, and only ours, from every scope given").action((options) => {
    const where = statusOptions();
    for (const scope of scopesOf(options)) {
      const result = uninstallHooks(settingsPath(scope, where.cwd, where.home));
      report(result.changed ? `Removed the web4-trust hooks from ${result.file}` : `No web4-trust hooks in ${result.file}`, result.backup);
    }
  });
  withSetup(hooks.command("print").description("print the settings snippet, to add by hand")).action((options) => {
    process.stdout.write(toJsonText(hooksSnippet(setupFor("user", options))));
  });
  hooks.command("status").description("where the hooks are installed, whether they run, the store they write to, and their last errors").option("--json", "machine-readable output").action(async (options) => {
    const status = await hooksStatus({ ...statusOptions(), run: true });
    process.stdout.write(options.json ? toJsonText(status) : formatStatus(status));
    if (!status.scopes.some((s) => s.hooks.length > 0)) process.exitCode = EXIT_FAILED;
  });
  program2.command("hook").description("run as a Claude Code hook: reads the hook JSON on stdin, and always exits 0").argument("<event>", HOOK_EVENTS.join(", ")).option("--record <what>", `what a finished call records: ${RECORD_MODES.join(", ")}`).option("--ask-below <level>", "PreToolUse asks before calls to an entity at or below this level").action(async (event2, options) => {
    const args = [event2];
    if (options.store) args.push("--store", options.store);
    if (options.record) args.push("--record", options.record);
    if (options.askBelow) args.push("--ask-below", options.askBelow);
    await hookMain(args);
  });
}
function statusOptions() {
  return { cwd: process.cwd(), home: os4.homedir(), env: process.env };
}
function setupFor(scope, options) {
  const record = options.record ?? "both";
  if (!RECORD_MODES.includes(record)) throw new UsageError(`--record must be one of ${RECORD_MODES.join(", ")}`);
  const askBelow = options.askBelow;
  if (askBelow !== void 0 && !TRUST_LEVELS.includes(askBelow)) {
    throw new UsageError(`--ask-below must be one of ${TRUST_LEVELS.join(", ")}`);
  }
  const setup = { base: baseFor(scope, options.command), record };
  if (askBelow !== void 0) setup.askBelow = askBelow;
  return setup;
}
function baseFor(scope, command2) {
  if (command2 === void 0) {
    const script = process.argv[1] ? fs9.realpathSync(process.argv[1]) : "";
    return hookCommandBase(scope, { script, pathEnv: process.env.PATH ?? "", cwd: process.cwd() });
  }
  const problem = commandBaseProblem(command2);
  if (problem !== void 0) throw new UsageError(problem);
  if (scope === "project") assertPortable(command2);
  return command2;
}
function scopesOf(options) {
  const given = SETTINGS_SCOPES.filter((scope) => options[scope]);
  return given.length > 0 ? given : ["user"];
}
function oneScope(options) {
  const scopes = scopesOf(options);
  if (scopes.length > 1) throw new UsageError("give at most one of --user, --project and --local");
  return scopes[0];
}
function report(message, backup) {
  process.stdout.write(`${message}.${backup ? ` The previous file is at ${backup}.` : ""}
`);
}
function formatStatus(status, style = styleFor(process.stdout)) {
  const lines = [];
  for (const scope of status.scopes) {
    lines.push(`${style.bold(scope.scope)}  ${scope.file}`);
    if (scope.problem) lines.push(`  ${style.red(`cannot read: ${scope.problem}`)}`);
    else if (scope.hooks.length === 0) lines.push("  no web4-trust hooks");
    for (const hook of scope.hooks) {
      const runs = hook.runs.ok ? style.green(`runs (${hook.runs.version})`) : style.red(`does not run: ${hook.runs.problem}`);
      lines.push(`  ${hook.event.padEnd(18)} ${hook.command}  ${runs}`);
    }
    if (scope.missing.length) lines.push(`  ${style.red(`missing: ${scope.missing.join(", ")}`)} (repair with: web4-trust hooks install --${scope.scope})`);
    if (scope.store) lines.push(`  store: ${scope.store}`);
    for (const other of scope.otherWeb4) lines.push(`  ${style.red(`also records MCP calls: ${other}`)}`);
  }
  for (const log of status.errorLog) {
    lines.push(`${style.bold("hook errors")}  ${log.file}`);
    lines.push(...log.lastLines.length ? log.lastLines.map((line) => `  ${line}`) : ["  none"]);
  }
  return `${lines.join("\n")}
`;
}
var init_hooks_command = __esm({
  "node/cli/hooks-command.ts"() {
    "use strict";
    init_core();
    init_hook_command();
    init_hooks_status();
    init_our_hooks();
    init_settings_file();
    init_hook_main();
    init_run_hook();
    init_context();
    init_errors2();
    init_style();
  }
});

// node/cli/doctor-command.ts
function addDoctorCommand(program2) {
  program2.command("doctor").description("check the setup (version, Node, store, hooks) and find corrupt or foreign files in the store (exit code 1 when there are any)").option("--fix", "move them to the quarantine/ folder, and remove locks of processes that are gone").option("--json", "machine-readable output").action(async (options) => {
    const ctx = createContext(options.store);
    const { entities, findings } = examineStore(ctx.store.dir);
    const fixed = options.fix ? quarantine(ctx.store.dir, findings) : [];
    const hooks = await hooksStatus({ ...statusOptions(), run: true });
    if (options.json) {
      ctx.out(toJsonText({
        version: VERSION,
        node: process.version,
        store: ctx.store.dir,
        entities,
        hooks: hookSummary(hooks),
        findings: findings.map((f, i) => ({ ...f, ...fixed[i]?.movedTo ? { moved_to: fixed[i].movedTo } : {}, fixed: i < fixed.length }))
      }));
    } else {
      ctx.out(`web4-trust ${VERSION} \xB7 Node ${process.version}
`);
      printHooks(ctx, hooks);
      printFindings(ctx, entities, findings, options.fix === true);
    }
    if (findings.length && !options.fix) process.exitCode = 1;
  });
}
function hookSummary(status) {
  return status.scopes.filter((s) => s.hooks.length > 0).map((s) => ({
    scope: s.scope,
    file: s.file,
    events: s.hooks.map((h) => h.event),
    missing: s.missing,
    runs: s.hooks.every((h) => h.runs.ok)
  }));
}
function printHooks(ctx, status) {
  const installed = hookSummary(status);
  if (installed.length === 0) ctx.out(`hooks: ${ctx.style.red("not installed")} (run: web4-trust hooks install)
`);
  for (const hooks of installed) {
    const runs = hooks.runs ? ctx.style.green("they run") : ctx.style.red("they do not run (see: web4-trust hooks status)");
    const missing = hooks.missing.length ? `, ${ctx.style.red(`missing ${hooks.missing.join(", ")}`)}` : "";
    ctx.out(`hooks: ${hooks.scope} ${hooks.file}: ${hooks.events.length} events${missing}, ${runs}
`);
  }
}
function printFindings(ctx, entities, findings, fix) {
  if (findings.length === 0) {
    ctx.out(`store: ${ctx.store.dir}: ${entities} entities, no problems.
`);
    return;
  }
  ctx.out(formatTable(findings, [
    { header: "KIND", value: (f) => f.kind, style: (text) => ctx.style.red(text) },
    { header: "FILE", value: (f) => f.path },
    { header: "PROBLEM", value: (f) => f.problem }
  ], ctx.style.bold));
  ctx.out(fix ? `Fixed ${findings.length} problems; files were moved to ${ctx.store.dir}/quarantine/. ${entities} entities are fine.
` : `${findings.length} problems, ${entities} entities are fine. Run \`web4-trust doctor --fix\` to move the files to quarantine/.
`);
}
var init_doctor_command = __esm({
  "node/cli/doctor-command.ts"() {
    "use strict";
    init_hooks_status();
    init_doctor();
    init_format_table();
    init_version();
    init_context();
    init_hooks_command();
  }
});

// node/cli/list-command.ts
function addListCommand(program2) {
  program2.command("list").description("list the entities in the store").option("--type <type>", "only entities of this type (mcp, session, role, \u2026)").option("--level <level>", "only entities at this trust level (high, medium-high, medium, low, minimal)").option("--sort <order>", "trust (highest first), recent (latest activity first) or name", "trust").option("--json", "machine-readable output").action((options) => {
    const level = levelOf(options.level);
    const sort = oneOf("--sort", options.sort, SORTS, "trust");
    const ctx = createContext(options.store);
    const { entities, problems } = ctx.store.scan({ type: options.type });
    const shown = entities.filter((e) => level === void 0 || e.trustLevel === level).sort(ORDER[sort]);
    if (options.json) {
      ctx.out(toJsonText({ store: ctx.store.dir, entities: shown.map(summaryOf), problems }));
      return;
    }
    for (const { path: path10, problem } of problems) ctx.err(ctx.errStyle.yellow(`warning: skipped ${path10}: ${problem}
`));
    if (shown.length === 0) {
      ctx.out(`No entities${entities.length ? " match" : ` in ${ctx.store.dir}`}.
`);
      return;
    }
    const { style } = ctx;
    ctx.out(formatTable(shown, [
      { header: "ENTITY", value: (e) => e.entityId },
      { header: "LEVEL", value: (e) => e.trustLevel, style: (text, e) => style.level(text, e.trustLevel) },
      { header: "T3", value: (e) => score(e.t3Average), align: "right" },
      { header: "V3", value: (e) => score(e.v3Average), align: "right" },
      { header: "ACTIONS", value: (e) => String(e.actionCount), align: "right" },
      { header: "SUCCESS", value: (e) => e.actionCount ? percent(e.successRate) : "\u2014", align: "right" },
      { header: "WITNESSED", value: (e) => String(e.witnessCount), align: "right" },
      { header: "LAST ACTIVITY", value: (e) => shortTime(e.lastActivity) }
    ], style.bold));
  });
}
var SORTS, ORDER;
var init_list_command = __esm({
  "node/cli/list-command.ts"() {
    "use strict";
    init_core();
    init_format_table();
    init_context();
    init_entity_view();
    init_parse_options();
    SORTS = ["trust", "recent", "name"];
    ORDER = {
      trust: (a, b) => b.t3Average - a.t3Average || compareIds(a.entityId, b.entityId),
      recent: (a, b) => (b.lastActivity ?? -Infinity) - (a.lastActivity ?? -Infinity) || compareIds(a.entityId, b.entityId),
      name: (a, b) => compareIds(a.entityId, b.entityId)
    };
  }
});

// node/cli/record-commands.ts
function addRecordCommands(program2) {
  program2.command("update").description("record the outcome of an entity's action").argument("<id>", "entity id").option("--success", "the action succeeded").option("--failure", "the action failed").option("--magnitude <m>", "how much it counts, 0 to 1", "0.1").option("--json", "machine-readable output").action(async (id, options) => {
    const success = outcomeOf(options);
    const magnitude = magnitudeOf(options.magnitude);
    const ctx = createContext(options.store);
    const before = await ctx.store.get(id);
    const after = await ctx.store.update(id, success, magnitude);
    if (options.json) ctx.out(toJsonText(summaryOf(after)));
    else ctx.out(`${success ? "success" : "failure"} recorded: ${change(ctx, before, after)}
`);
  });
  program2.command("witness").description("record that one entity observed another succeed or fail").argument("<witnessId>", "the observer, e.g. session:abc").argument("<targetId>", "the observed entity, e.g. mcp:filesystem").option("--success", "the target succeeded").option("--failure", "the target failed").option("--magnitude <m>", "how much it counts, 0 to 1", "0.1").option("--json", "machine-readable output").action(async (witnessId, targetId, options) => {
    const success = outcomeOf(options);
    const magnitude = magnitudeOf(options.magnitude);
    const ctx = createContext(options.store);
    const [witnessBefore, targetBefore] = [await ctx.store.get(witnessId), await ctx.store.get(targetId)];
    const [witness, target] = await ctx.store.witness(witnessId, targetId, success, magnitude);
    if (options.json) {
      ctx.out(toJsonText({ witness: summaryOf(witness), target: summaryOf(target) }));
      return;
    }
    ctx.out(`${success ? "success" : "failure"} witnessed:
  ${change(ctx, targetBefore, target)}
`);
    if (witnessId !== targetId) ctx.out(`  ${change(ctx, witnessBefore, witness)}
`);
  });
}
function change(ctx, before, after) {
  const level = ctx.style.level(after.trustLevel, after.trustLevel);
  return `${after.entityId}  T3 ${score(before.t3Average)} \u2192 ${score(after.t3Average)}  V3 ${score(before.v3Average)} \u2192 ${score(after.v3Average)}  ${level}`;
}
var init_record_commands = __esm({
  "node/cli/record-commands.ts"() {
    "use strict";
    init_context();
    init_entity_view();
    init_parse_options();
  }
});

// node/cli/transfer-commands.ts
import fs10 from "node:fs";
import path9 from "node:path";
function addTransferCommands(program2) {
  program2.command("export").description("write the whole store as a web4-trust-store bundle (the format the extension imports)").option("--out <file>", "write to this file instead of stdout").action(async (options) => {
    const ctx = createContext(options.store);
    const bundle = await ctx.store.exportBundle();
    const text = toJsonText(bundle);
    if (options.out === void 0 || options.out === "-") {
      ctx.out(text);
      return;
    }
    writeFileAtomicSync(path9.resolve(options.out), text);
    ctx.err(`Exported ${bundle.entities.length} entities to ${options.out}
`);
  });
  program2.command("import").description("import a bundle, an array of entities or one entity: shows the plan, then applies it").argument("<file>", "JSON file to import, or - for stdin").option("--merge", "keep the newer of each entity and union witness lists (default)").option("--replace", "make the store equal to the file").option("--dry-run", "show the plan without applying it").option("--json", "machine-readable output").action(async (file, options) => {
    if (options.merge && options.replace) throw new UsageError("give at most one of --merge and --replace");
    const mode = options.replace ? "replace" : "merge";
    const ctx = createContext(options.store);
    const input = readJson(file);
    const plan = options.dryRun ? planImportOrThrow(await ctx.store.list(), input, mode) : await ctx.store.importBundle(input, mode);
    if (options.json) {
      const { mode: planMode, ...ids } = summarizePlan(plan);
      ctx.out(toJsonText({ mode: planMode, dry_run: options.dryRun === true, ...ids }));
    } else printPlan(ctx, file, plan, options.dryRun === true);
    if (plan.rejected.length) {
      throw new Error(`${plan.rejected.length} of the entities in ${file} were rejected${options.dryRun ? "" : "; the others were imported"}`);
    }
  });
}
function readJson(file) {
  let text;
  try {
    text = fs10.readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error.code ?? error.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${error.message}`);
  }
}
function printPlan(ctx, file, plan, dryRun) {
  const { style } = ctx;
  const ids = summarizePlan(plan);
  const row = (label2, list, show = true) => `  ${label2.padEnd(10)}${String(list.length).padStart(6)}${show && list.length ? `  ${list.slice(0, 5).join(", ")}${list.length > 5 ? ", \u2026" : ""}` : ""}
`;
  ctx.out(`${style.bold(`Import ${file}`)} (${plan.mode}) into ${ctx.store.dir}
`);
  ctx.out(row("added", ids.added) + row("updated", ids.updated) + row("unchanged", ids.unchanged, false) + row("removed", ids.removed));
  ctx.out(`  ${"rejected".padEnd(10)}${String(plan.rejected.length).padStart(6)}
`);
  for (const r of plan.rejected) ctx.out(style.red(`    ${r.message}
`));
  ctx.out(dryRun ? "Dry run: nothing was changed.\n" : "Applied.\n");
}
var init_transfer_commands = __esm({
  "node/cli/transfer-commands.ts"() {
    "use strict";
    init_core();
    init_atomic_write();
    init_context();
    init_errors2();
  }
});

// node/cli/program.ts
var program_exports = {};
__export(program_exports, {
  createProgram: () => createProgram,
  runCli: () => runCli
});
function createProgram() {
  const program2 = new Command("web4-trust").description("Trust (T3/V3) in MCP servers, sessions, roles and other entities, kept in ~/.web4").version(VERSION, "-V, --version", "print the version").option("--store <dir>", STORE_HELP).exitOverride().configureOutput({ outputError: () => {
  } });
  addListCommand(program2);
  addShowCommand(program2);
  addRecordCommands(program2);
  addChainCommand(program2);
  addDecayCommand(program2);
  addTransferCommands(program2);
  addDoctorCommand(program2);
  addHookCommands(program2);
  for (const command2 of program2.commands) if (command2.name() !== "hooks") command2.option("--store <dir>", STORE_HELP);
  program2.hook("preAction", (_program, action) => {
    const { store } = program2.opts();
    if (store !== void 0 && action.opts().store === void 0) action.setOptionValue("store", store);
  });
  return program2;
}
async function runCli(args) {
  try {
    await createProgram().parseAsync(args, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT_OK;
      if (error.code !== "commander.help") printError(error.message.replace(/^error: /, ""));
      return EXIT_USAGE;
    }
    printError(error.message ?? String(error));
    return error instanceof UsageError || error instanceof RangeError ? EXIT_USAGE : EXIT_FAILED;
  }
}
function printError(message) {
  process.stderr.write(`web4-trust: ${message.replace(/\s*\n\s*/g, " ").trim()}
`);
}
var STORE_HELP;
var init_program = __esm({
  "node/cli/program.ts"() {
    "use strict";
    init_esm();
    init_chain_command();
    init_decay_command();
    init_doctor_command();
    init_errors2();
    init_hooks_command();
    init_list_command();
    init_record_commands();
    init_show_command();
    init_transfer_commands();
    init_version();
    STORE_HELP = "store folder (default: $WEB4_TRUST_DIR, else ~/.web4/governance/entities)";
  }
});

// node/bin.ts
var [command, event] = process.argv.slice(2);
var help = process.argv.includes("--help") || process.argv.includes("-h");
if (command === "hook" && event !== void 0 && !help) {
  const { hookMain: hookMain2 } = await Promise.resolve().then(() => (init_hook_main(), hook_main_exports));
  await hookMain2(process.argv.slice(3));
} else {
  const { runCli: runCli2 } = await Promise.resolve().then(() => (init_program(), program_exports));
  process.exitCode = await runCli2(process.argv.slice(2));
}
