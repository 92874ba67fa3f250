/* global process */
// One of the concurrency test's processes: `calls` hook calls in a row, through the same runHook and
// hook store that `web4-trust hook …` uses. Every fifth call fails (PostToolUseFailure).
// Prints {"failed": n, "queued": n}.
import { FileTrustStore, runHook } from '../../../dist/node/index.js';

const [dir, calls, sessionId, lockTimeoutMs] = process.argv.slice(2);
// As `hookStore` makes it, with the lock timeout under test; counts the calls that were queued.
let queued = 0;
const files = new FileTrustStore(dir, { lockTimeoutMs: Number(lockTimeoutMs), onProblem: () => {} });
const store = {
  getExisting: (id) => files.getExisting(id),
  scanSummaries: (filter, visit) => files.scanSummaries(filter, visit),
  recordOrQueue: async (operations) => {
    const result = await files.recordOrQueue(operations);
    if (result === 'queued') queued++;
    return result;
  },
};
const fails = (i) => i % 5 === 0;
const payload = (i) => JSON.stringify({
  session_id: sessionId,
  transcript_path: `/tmp/${sessionId}.jsonl`,
  cwd: '/tmp',
  permission_mode: 'default',
  hook_event_name: fails(i) ? 'PostToolUseFailure' : 'PostToolUse',
  tool_name: 'mcp__filesystem__read_file',
  tool_input: { path: `/tmp/file-${i}` },
  tool_use_id: `toolu_${process.pid}_${i}`,
  ...(fails(i) ? { error: 'ENOENT: no such file or directory', is_interrupt: false } : { tool_response: [{ type: 'text', text: 'ok' }] }),
});

let failed = 0;
for (let i = 0; i < Number(calls); i++) {
  try {
    await runHook(fails(i) ? 'post-tool-use-failure' : 'post-tool-use', payload(i), store);
  } catch (error) {
    failed++;
    process.stderr.write(`${error.message}\n`);
  }
}
process.stdout.write(JSON.stringify({ failed, queued }));
