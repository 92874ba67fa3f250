// The `web4-trust` executable, built to dist/bin/web4-trust.cjs beside hook.cjs and cli.cjs.
// Claude Code runs `web4-trust hook …` on every MCP tool call, so that path loads only the hook's
// bundle; everything else loads the full command line. CommonJS, because Node 20 starts an ES
// module entry ~10 ms slower (measured: `npm run bench`).
import type { hookMain as HookMain } from './hook/hook-main.js';
import type { runCli as RunCli } from './cli/program.js';

const args = process.argv.slice(2);
const help = args.includes('--help') || args.includes('-h');

/* eslint-disable @typescript-eslint/no-require-imports -- the bundles beside this file, loaded on demand */
if (args[0] === 'hook' && args[1] !== undefined && !help) {
  const { hookMain } = require('./hook.cjs') as { hookMain: typeof HookMain };
  void hookMain(args.slice(1));
} else {
  const { runCli } = require('./cli.cjs') as { runCli: typeof RunCli };
  void runCli(args).then((code) => {
    process.exitCode = code;
  });
}
