// The `web4-trust` executable, built to dist/bin/web4-trust.cjs beside hook.cjs and cli.cjs.
// Claude Code runs `web4-trust hook …` on every MCP tool call, so that path loads only the hook's
// bundle; everything else loads the full command line. Both with V8's code cache. CommonJS, because
// Node 20 starts an ES module entry ~10 ms slower (measured: `npm run bench`).
import type { hookMain as HookMain, logStrayError as LogStrayError } from './hook/hook-main.js';
import type { runCli as RunCli } from './cli/program.js';
import { loadCached } from './code-cache.js';

const args = process.argv.slice(2);
const help = args.includes('--help') || args.includes('-h');

if (args[0] === 'hook' && args[1] !== undefined && !help) {
  // One code cache per event, each holding the functions its event runs.
  const { exports, saveCache } = loadCached(`${__dirname}/hook.cjs`, require, /^[a-z-]{1,40}$/.test(args[1]) ? args[1] : 'other');
  const { hookMain, logStrayError } = exports as { hookMain: typeof HookMain; logStrayError: typeof LogStrayError };
  // postgres.js 3.4 can throw from a timer when the server drops a connection mid-write: logged like
  // any hook error, while the call itself goes to the outbox (the store's deadline sees to that).
  process.on('uncaughtException', logStrayError);
  void hookMain(args.slice(1)).then(({ written }) => {
    saveCache();
    // The hook's work is done and its output written: exit now rather than wait for Node's wind-down,
    // or for anything left behind (a connection a server left half-open) that would keep Claude Code
    // waiting. Output still in a stream gets 2 s to drain.
    if (written) process.exit();
    setTimeout(() => process.exit(), 2000).unref();
  });
} else {
  // One code cache per command, as for the hooks: the command line starts ~10 ms sooner.
  const { exports, saveCache } = loadCached(`${__dirname}/cli.cjs`, require, /^[a-z-]{1,40}$/.test(args[0] ?? '') ? args[0] : 'other');
  const { runCli } = exports as { runCli: typeof RunCli };
  void runCli(args).then((code) => {
    saveCache();
    process.exitCode = code;
  });
}
