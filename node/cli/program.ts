import { Command, CommanderError } from 'commander';
import { addAuditCommands } from './audit-commands.js';
import { addBridgeCommands } from './bridge-commands.js';
import { addChainCommand } from './chain-command.js';
import { closeStores } from './context.js';
import { addDecayCommand } from './decay-command.js';
import { addDoctorCommand } from './doctor-command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { addHookCommands } from './hooks-command.js';
import { addListCommand } from './list-command.js';
import { addRecordCommands } from './record-commands.js';
import { addShowCommand } from './show-command.js';
import { addStoreCommands } from './store-commands.js';
import { addTransferCommands } from './transfer-commands.js';
import { VERSION } from '../version.js';

const STORE_HELP = 'store folder or postgres:// URL (default: $WEB4_TRUST_STORE, $WEB4_TRUST_DIR, `config set store`, else ~/.web4/governance/entities)';

export function createProgram(): Command {
  const program = new Command('web4-trust')
    .description('Trust (T3/V3) in MCP servers, sessions, roles and other entities, kept in ~/.web4')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--store <store>', STORE_HELP)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  addListCommand(program);
  addShowCommand(program);
  addRecordCommands(program);
  addChainCommand(program);
  addDecayCommand(program);
  addTransferCommands(program);
  addDoctorCommand(program);
  addHookCommands(program);
  addStoreCommands(program);
  addAuditCommands(program);
  addBridgeCommands(program);
  const storeUsers = program.commands.flatMap((command) => (command.commands.length ? command.commands : [command]));
  for (const command of storeUsers) if (!['hooks', 'config', 'audit'].includes(command.parent?.name() ?? '') && command.name() !== 'native-host') command.option('--store <store>', STORE_HELP);
  // `--store` may come before or after the command name.
  program.hook('preAction', (_program, action) => {
    const { store } = program.opts<{ store?: string }>();
    if (store !== undefined && action.opts().store === undefined) action.setOptionValue('store', store);
  });
  return program;
}

/** Runs the CLI on `args` (without node and the script) and returns the exit code. */
export async function runCli(args: readonly string[]): Promise<number> {
  // `web4-trust list | head`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    try {
      await createProgram().parseAsync(args, { from: 'user' });
    } finally {
      await closeStores();
    }
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
      if (error.code !== 'commander.help') printError(error.message.replace(/^error: /, ''));
      return EXIT_USAGE;
    }
    printError(error instanceof Error ? error.message : String(error));
    return error instanceof UsageError || error instanceof RangeError ? EXIT_USAGE : EXIT_FAILED;
  }
}

function printError(message: string): void {
  process.stderr.write(`web4-trust: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`);
}
