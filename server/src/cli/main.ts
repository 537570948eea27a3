import { join } from 'node:path';
import { parseArgs, UsageError } from './args';
import { CHECK_HELP, runCheck } from './check';
import { TEST_HELP, runTests } from './test';
import { ROUTES_HELP, runRoutes } from './routes';
import { VERSION } from './version';

const HELP = `Usage: o11y <command> [options]

Commands:
  check <paths...>   validate Prometheus, Alertmanager and Grafana files
  test <files...>    run Prometheus rule unit tests (promtool's format) with the built-in engine
  routes <file>      show which Alertmanager receivers get an alert (--labels), or the routing tree (--tree)
  query <expr>       run a PromQL expression on a Prometheus and print the result
  lsp --stdio        run the language server (for Neovim, Helix, Emacs and other LSP editors)

Run 'o11y <command> --help' for a command's options.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (s: string): void => void process.stdout.write(s);
  const err = (s: string): void => void process.stderr.write(s);
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    out(VERSION + '\n');
    return 0;
  }
  try {
    switch (command) {
      case 'check': {
        const args = parseArgs(rest, ['quiet', 'help']);
        if (args.flags.help) {
          out(CHECK_HELP);
          return 0;
        }
        return runCheck(args, out, err);
      }
      case 'test': {
        const args = parseArgs(rest, ['help']);
        if (args.flags.help) {
          out(TEST_HELP);
          return 0;
        }
        return runTests(args, out, err);
      }
      case 'query': {
        // Loaded for this command only: its HTTP client (undici) would cost every other command's start-up.
        const { QUERY_HELP, runQueryCommand } = require('./query') as typeof import('./query');
        const args = parseArgs(rest, ['help']);
        if (args.flags.help) {
          out(QUERY_HELP);
          return 0;
        }
        return await runQueryCommand(args, out, err);
      }
      case 'routes': {
        const args = parseArgs(rest, ['tree', 'help']);
        if (args.flags.help) {
          out(ROUTES_HELP);
          return 0;
        }
        return runRoutes(args, out, err);
      }
      case 'lsp':
        // The server is its own bundle beside this one, loaded only for this command.
        require(join(__dirname, 'server.js'));
        return -1;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`o11y: ${e.message}\n${command === 'check' ? CHECK_HELP : command === 'test' ? TEST_HELP : command === 'routes' ? ROUTES_HELP : command === 'query' ? (require('./query') as typeof import('./query')).QUERY_HELP : HELP}`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) {
      process.exitCode = code;
    }
  },
  (e: unknown) => {
    process.stderr.write(`o11y: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
