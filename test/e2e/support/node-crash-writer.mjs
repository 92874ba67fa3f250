/* global process */
// The crash test's victim: records outcomes and witnesses on a few entities as fast as it can,
// forever, and says "ready" once it has started writing. The test kills it with SIGKILL.
import { FileTrustStore } from '../../../dist/node/index.js';

const [dir] = process.argv.slice(2);
const store = new FileTrustStore(dir, { onProblem: () => {} });
for (let i = 0; ; i++) {
  const server = `mcp:server-${i % 3}`;
  await store.witness('session:crash', server, i % 4 !== 0, 0.5);
  await store.update(server, i % 3 !== 0, 0.2);
  if (i === 0) process.stdout.write('ready\n');
}
