// What Claude Code sends each hook, one fixture per event (test/fixtures/claude-code/).
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURE_DIR = path.resolve(import.meta.dirname, '../fixtures/claude-code');

export const FIXTURES = [
  'session-start', 'pre-tool-use-mcp', 'pre-tool-use-task', 'post-tool-use-mcp', 'post-tool-use-task',
  'post-tool-use-bash', 'post-tool-use-failure-mcp', 'post-tool-use-failure-task', 'post-tool-use-failure-interrupt',
] as const;
export type FixtureName = (typeof FIXTURES)[number];

/** The fixture as an object, with `changes` laid over it. */
export function payload(name: FixtureName, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, `${name}.json`), 'utf8')) as Record<string, unknown>), ...changes };
}

/** The fixture as the JSON text Claude Code writes to the hook's stdin. */
export function text(name: FixtureName, changes: Record<string, unknown> = {}): string {
  return JSON.stringify(payload(name, changes));
}

export const SESSION_ID = '9f1c2e4a-5b6d-4e8f-a0b1-c2d3e4f5a6b7';
export const SESSION = `session:${SESSION_ID}`;
