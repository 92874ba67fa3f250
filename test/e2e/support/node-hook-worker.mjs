/* global process */
// One of the concurrency test's processes: `calls` post-tool-use hook calls in a row, through the
// same runHook and hook store that `web4-trust hook post-tool-use` uses. Every fifth call fails.
// Prints {"failed": n}.
import { hookStore, runHook } from '../../../dist/node/index.js';

const [dir, calls, sessionId] = process.argv.slice(2);
const store = hookStore(dir);
const payload = (i) => JSON.stringify({
  session_id: sessionId,
  transcript_path: `/tmp/${sessionId}.jsonl`,
  cwd: '/tmp',
  permission_mode: 'default',
  hook_event_name: 'PostToolUse',
  tool_name: 'mcp__filesystem__read_file',
  tool_input: { path: `/tmp/file-${i}` },
  tool_response: i % 5 === 0 ? { is_error: true, content: [{ type: 'text', text: 'ENOENT' }] } : [{ type: 'text', text: 'ok' }],
  tool_use_id: `toolu_${process.pid}_${i}`,
});

let failed = 0;
for (let i = 0; i < Number(calls); i++) {
  try {
    await runHook('post-tool-use', payload(i), store);
  } catch (error) {
    failed++;
    process.stderr.write(`${error.message}\n`);
  }
}
process.stdout.write(JSON.stringify({ failed }));
