// Preloaded into a spawned child (`node --require bench/support/report-rss.cjs …`): when the child
// exits, writes its peak resident set size in kB (`process.resourceUsage().maxRSS`) to $BENCH_RSS_FILE.
/* global process, require */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, so that `--require` loads no ESM machinery
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
