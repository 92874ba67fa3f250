// Child process for the large-result hook row: the least a hook must add for a tool's result in a
// fresh process. It reads the hook input from stdin, parses it, and hashes the result as the audit
// record does; run with a 50 KB result and with the fixture's 95 bytes, the difference is that cost.
// Bundled from the sources by esbuild (support/compile.ts), as the hook's own bundle is.
import fs from 'node:fs';
import { sha256 } from '../../node/audit/audit-chain.js';

const input = JSON.parse(fs.readFileSync(0, 'utf8')) as { tool_response?: unknown };
process.stdout.write(sha256(JSON.stringify(input.tool_response ?? null)));
