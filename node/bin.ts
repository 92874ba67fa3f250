// The `web4-trust` executable. Claude Code runs `web4-trust hook …` on every MCP tool call, so that
// path loads only the hook's code; everything else goes through the full command line.
const [command, event] = process.argv.slice(2);
const help = process.argv.includes('--help') || process.argv.includes('-h');

if (command === 'hook' && event !== undefined && !help) {
  const { hookMain } = await import('./hook/hook-main.js');
  await hookMain(process.argv.slice(3));
} else {
  const { runCli } = await import('./cli/program.js');
  process.exitCode = await runCli(process.argv.slice(2));
}

export {};
