import { join } from 'node:path';
import { parseArgs, UsageError } from './args';
import { TEST_HELP, runTests } from './test';
import { VERSION } from './version';

const HELP = `Usage: o11y <command> [options]

Commands:
  check <paths...>   validate Prometheus, Alertmanager and Grafana files
  test <files...>    run Prometheus rule unit tests (promtool's format) with the built-in engine
  routes <file>      show which Alertmanager receivers get an alert (--labels), or the routing tree (--tree)
  notify-preview <file>  render the notifications an alert would send (--labels), with the route it takes
  query <expr>       run a PromQL expression on a Prometheus and print the result
  scaffold <dir>     write a complete monitoring stack (compose or Kubernetes), checked and tested
  render <dashboard> render a Grafana dashboard with Prometheus data into a static HTML page (--out)
  lsp --stdio        run the language server (for Neovim, Helix, Emacs and other LSP editors)

Run 'o11y <command> --help' for a command's options.
`;

/** The help text printed after a usage error. */
function helpOf(command: string): string {
  switch (command) {
    case 'check':
      return (require('./check') as typeof import('./check')).CHECK_HELP;
    case 'test':
      return TEST_HELP;
    case 'routes':
      return (require('./routes') as typeof import('./routes')).ROUTES_HELP;
    case 'notify-preview':
      return (require('./notifyPreview') as typeof import('./notifyPreview')).NOTIFY_PREVIEW_HELP;
    case 'query':
      return (require('./query') as typeof import('./query')).QUERY_HELP;
    case 'render':
      return (require('./render') as typeof import('./render')).RENDER_HELP;
    case 'scaffold':
      return (require('./scaffold') as typeof import('./scaffold')).SCAFFOLD_HELP;
    default:
      return HELP;
  }
}

/**
 * Writes to a standard stream. Once its reader has gone (`o11y check … | head`), the rest is dropped and the command
 * runs to its end, with its own exit status, instead of dying on the broken pipe.
 */
function writer(stream: NodeJS.WriteStream): (s: string) => void {
  let open = true;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') {
      throw e;
    }
    open = false;
  });
  return (s) => void (open && stream.write(s));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = writer(process.stdout);
  const err = writer(process.stderr);
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
        // Each command but test is loaded when it runs: initialising check's language service would cost
        // `o11y test` (often run on its own in CI and the editor) a tenth of its start-up.
        const { CHECK_HELP, runCheck } = require('./check') as typeof import('./check');
        const args = parseArgs(rest, ['quiet', 'help', 'live']);
        if (args.flags.help) {
          out(CHECK_HELP);
          return 0;
        }
        if (args.flags.live) {
          // Loaded with --live only, like query (HTTP client).
          return await (require('./checkLive') as typeof import('./checkLive')).runLiveCheck(args, out, err);
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
      case 'render': {
        // Loaded for this command only, like query (HTTP client).
        const { RENDER_HELP, runRender } = require('./render') as typeof import('./render');
        const args = parseArgs(rest, ['help'], ['var']);
        if (args.flags.help) {
          out(RENDER_HELP);
          return 0;
        }
        return await runRender(args, out, err);
      }
      case 'routes': {
        const { ROUTES_HELP, runRoutes } = require('./routes') as typeof import('./routes');
        const args = parseArgs(rest, ['tree', 'help']);
        if (args.flags.help) {
          out(ROUTES_HELP);
          return 0;
        }
        return runRoutes(args, out, err);
      }
      case 'notify-preview': {
        const { NOTIFY_PREVIEW_HELP, runNotifyPreview } = require('./notifyPreview') as typeof import('./notifyPreview');
        const args = parseArgs(rest, ['help']);
        if (args.flags.help) {
          out(NOTIFY_PREVIEW_HELP);
          return 0;
        }
        return runNotifyPreview(args, out, err);
      }
      case 'scaffold': {
        const { SCAFFOLD_HELP, runScaffold } = require('./scaffold') as typeof import('./scaffold');
        const { terminalAsk } = require('./scaffoldPrompt') as typeof import('./scaffoldPrompt');
        if (rest.includes('--help')) {
          out(SCAFFOLD_HELP);
          return 0;
        }
        const ask = process.stdin.isTTY ? terminalAsk() : undefined;
        try {
          return await runScaffold(rest, { out, err, ask: ask?.ask });
        } finally {
          ask?.close();
        }
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
      err(`o11y: ${e.message}\n${helpOf(command)}`);
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
