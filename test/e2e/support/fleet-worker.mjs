/* global process */
// One machine of the fleet test: `calls` PostToolUse hook calls in a row on the store in
// $WEB4_TRUST_STORE, each as `web4-trust hook` makes it (a new store, a new connection, closed after).
// Every fourth call fails. Prints one line per call once it is committed: `recorded` or `queued`.
import fs from 'node:fs';
import { logStrayError, openStore, runHook } from '../../../dist/node/index.js';

// As `web4-trust hook` does (bin.ts): an error a library throws from a timer is logged, not fatal.
process.on('uncaughtException', logStrayError);

const [machine, calls] = process.argv.slice(2);
const fails = (i) => i % 4 === 0;
for (let i = 0; i < Number(calls); i++) {
  const store = await openStore(process.env.WEB4_TRUST_STORE, { forHook: true, onProblem: () => {} });
  let result = 'failed';
  const counting = {
    getExisting: (id) => store.getExisting(id),
    scanSummaries: (filter, visit) => store.scanSummaries(filter, visit),
    recordOrQueue: async (operations) => (result = await store.recordOrQueue(operations)),
  };
  try {
    await runHook(fails(i) ? 'post-tool-use-failure' : 'post-tool-use', JSON.stringify({
      session_id: `${machine}-session`,
      hook_event_name: fails(i) ? 'PostToolUseFailure' : 'PostToolUse',
      tool_name: 'mcp__filesystem__read_file',
      tool_input: { path: `/tmp/${i}` },
      tool_use_id: `toolu_${machine}_${i}`,
      ...(fails(i) ? { error: 'ENOENT', is_interrupt: false } : { tool_response: 'ok' }),
    }), counting);
  } catch (error) {
    process.stderr.write(`${machine} call ${i}: ${error.message}\n`);
  } finally {
    await store.close();
  }
  fs.writeSync(1, `${result}\n`);
}
