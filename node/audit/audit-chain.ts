import type { FailureKind } from '../../core/index.js';
import { sha256Hex } from '../hash/sha256.js';

// One session's audit trail is a JSON Lines file in which every record carries its own hash and the
// hash of the record before it: a record changed, removed, inserted or moved breaks the chain where
// it happened. A record's hash is SHA-256 over its JSON text without the `hash` field, exactly as
// written (keys in the order below). Contents are never kept: the tool's input and its result appear
// as hashes only.

/** What a hook knows of one finished call. */
export interface AuditFields {
  at: string;
  session_id: string;
  /** Claude Code's tool name: `mcp__github__create_issue`, `Task`. */
  tool: string;
  entity: string;
  /** The subagent's role that made the call (`role:<agent_type>`), or null for the main agent. */
  agent: string | null;
  status: 'success' | 'failure';
  failure_kind: FailureKind | null;
  /** From PreToolUse to PostToolUse, or null when the start was not seen. */
  duration_ms: number | null;
  input_hash: string;
  result_hash: string;
}

export interface AuditRecord extends AuditFields {
  /** 1 for a session's first record, one more for each after it. */
  seq: number;
  /** How many calls in a row, this one included, had the same tool and input. */
  repeat: number;
  /** The third or later identical call in a row. */
  retry_loop: boolean;
  /** The previous record's hash; null for the first. */
  prev_hash: string | null;
  hash: string;
}

/** Calls in a row with the same tool and input from which they count as a retry loop. */
export const RETRY_LOOP_CALLS = 3;

/** SHA-256 of `text`'s UTF-8, as `sha256:<hex>`: a record's hash, a tool's input or result. */
export function sha256(text: string): string {
  return `sha256:${sha256Hex(text)}`;
}

/** The record that follows `previous` (undefined for the first): its line, without the newline. */
export function sealRecord(fields: AuditFields, previous: AuditRecord | undefined): AuditRecord {
  const repeat = previous && previous.tool === fields.tool && previous.input_hash === fields.input_hash ? previous.repeat + 1 : 1;
  const body = {
    seq: (previous?.seq ?? 0) + 1,
    ...fields,
    repeat,
    retry_loop: repeat >= RETRY_LOOP_CALLS,
    prev_hash: previous?.hash ?? null,
  };
  return { ...body, hash: sha256(JSON.stringify(body)) };
}

/** Where a chain first breaks: the line (1-based), and what is wrong there. */
export interface ChainBreak {
  line: number;
  problem: string;
}

/** The records of one file, and where its chain first breaks, if it does. */
export interface ChainCheck {
  records: AuditRecord[];
  broken?: ChainBreak;
}

/**
 * Reads a trail's text and checks its chain: each line a whole record, numbered in order, its hash
 * matching its content, linked to the one before. Stops at the first break; `records` are those
 * before it.
 */
export function checkChain(text: string): ChainCheck {
  const records: AuditRecord[] = [];
  const lines = text.split('\n');
  // A complete file ends with a newline: the last piece is empty.
  if (lines.at(-1) === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    const record = readRecord(line, i === lines.length - 1 && !text.endsWith('\n'));
    const problem = typeof record === 'string' ? record : linkProblem(record, records.at(-1));
    if (problem !== undefined) return { records, broken: { line: i + 1, problem } };
    records.push(record as AuditRecord);
  }
  return { records };
}

/** One line as a record whose hash matches its content, or what is wrong with it. */
export function readRecord(line: string, unfinished = false): AuditRecord | string {
  const record = parseRecord(line, unfinished);
  if (typeof record === 'string') return record;
  const { hash, ...body } = record;
  if (sha256(JSON.stringify(body)) !== hash) return `record ${body.seq} does not match its hash (it was changed after it was written)`;
  return record;
}

/** One line as a record, its hash unchecked (what an append needs of the last one), or what is wrong with it. */
export function parseRecord(line: string, unfinished = false): AuditRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return unfinished ? 'the last record is cut off (the file was truncated)' : 'not a JSON record (the file was edited or cut)';
  }
  return isRecordShape(value) ? value : 'not an audit record';
}

/** What is wrong with `record` following `previous`, or undefined. */
function linkProblem(record: AuditRecord, previous: AuditRecord | undefined): string | undefined {
  const expected = (previous?.seq ?? 0) + 1;
  if (record.seq !== expected) return `record ${record.seq} where record ${expected} should be (records were removed, inserted or reordered)`;
  if (record.prev_hash !== (previous?.hash ?? null)) {
    return `record ${record.seq} does not follow record ${previous?.seq ?? '(none)'}: its prev_hash differs (the chain was rewritten)`;
  }
  return undefined;
}

function isRecordShape(value: unknown): value is AuditRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  return Number.isSafeInteger(r.seq) && typeof r.hash === 'string' && typeof r.tool === 'string' &&
    typeof r.input_hash === 'string' && (r.prev_hash === null || typeof r.prev_hash === 'string') && Number.isSafeInteger(r.repeat);
}
