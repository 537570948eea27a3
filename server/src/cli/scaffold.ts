import { UsageError } from './args';
import { parseTarget, promptOptions, type Ask, type Given } from './scaffoldPrompt';
import { StackFolder } from './scaffoldFs';
import {
  checkStack,
  defaultOptions,
  generateStack,
  planWrite,
  validateOptions,
  type PublishedComponent,
  type ScaffoldOptions,
  type WriteAction,
} from '../core/scaffold/index';

export const SCAFFOLD_HELP = `Usage: o11y scaffold <dir> [options]

Writes a complete monitoring stack into <dir>: docker-compose.yml (or Kubernetes ConfigMaps and PrometheusRules),
Prometheus configuration, rules with unit tests, Alertmanager routing, Grafana provisioning and dashboards.
In a terminal it asks for what the flags leave open; --yes takes the defaults instead.

Options:
  --components a,b,...       prometheus, alertmanager, grafana, loki, promtail, alloy, node-exporter, cadvisor,
                             blackbox-exporter, pushgateway, postgres-exporter, redis-exporter, mysqld-exporter
  --target name=host:port/path   an application to scrape (repeatable), e.g. --target api=api:8000/metrics
  --channel slack,email,pagerduty,webhook   where Alertmanager sends alerts
  --probe URL                a URL for the blackbox exporter to probe (repeatable)
  --retention 15d            how long Prometheus and Loki keep data
  --port name=N              host port of prometheus, alertmanager, grafana or pushgateway (repeatable)
  --flavour compose|kubernetes
  --yes                      do not ask; use the defaults for what the flags leave open
  --dry-run                  print what would be written, write nothing
  --force                    replace existing files that differ (otherwise YAML is merged, other files go to *.new)

Exit status: 0 when written (or nothing to do), 1 when a path was refused, 2 on bad usage or options.
`;

const VALUE_FLAGS = ['components', 'target', 'channel', 'probe', 'retention', 'port', 'flavour'];
const BOOLEAN_FLAGS = ['yes', 'dry-run', 'force', 'help'];

interface ScaffoldArgs {
  dir?: string;
  values: Map<string, string[]>;
  flags: Set<string>;
}

/** Like parseArgs, but a value flag may repeat (`--target a=… --target b=…`). */
export function parseScaffoldArgs(argv: string[]): ScaffoldArgs {
  const out: ScaffoldArgs = { values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      if (out.dir !== undefined) {
        throw new UsageError(`one folder only (got "${out.dir}" and "${a}")`);
      }
      out.dir = a;
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (BOOLEAN_FLAGS.includes(name)) {
      out.flags.add(name);
    } else if (VALUE_FLAGS.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) {
        throw new UsageError(`--${name} needs a value`);
      }
      out.values.set(name, [...(out.values.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return out;
}

function optionsFromArgs(args: ScaffoldArgs): { options: ScaffoldOptions; given: Given } {
  const o = defaultOptions();
  const v = (name: string) => args.values.get(name);
  const split = (xs: string[]) => xs.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  if (v('components')) {
    o.components = split(v('components')!) as ScaffoldOptions['components'];
  }
  if (v('target')) {
    o.targets = v('target')!.map((t) => {
      const parsed = parseTarget(t);
      if (typeof parsed === 'string') {
        throw new UsageError(parsed);
      }
      return parsed;
    });
  }
  if (v('channel')) {
    o.channels = split(v('channel')!) as ScaffoldOptions['channels'];
  } else if (v('components') && !o.components.includes('alertmanager')) {
    o.channels = [];
  }
  o.probes = v('probe') ?? (o.components.includes('blackbox-exporter') ? ['https://example.com'] : []);
  o.retention = v('retention')?.at(-1) ?? o.retention;
  const flavour = v('flavour')?.at(-1);
  if (flavour) {
    o.flavour = flavour as ScaffoldOptions['flavour'];
  }
  for (const spec of v('port') ?? []) {
    const m = /^(prometheus|alertmanager|grafana|pushgateway)=(\d+)$/.exec(spec);
    if (!m) {
      throw new UsageError(`--port "${spec}" must be name=number with name prometheus, alertmanager, grafana or pushgateway`);
    }
    o.ports[m[1] as PublishedComponent] = Number(m[2]);
  }
  const given: Given = {
    components: !!v('components'),
    targets: !!v('target'),
    channels: !!v('channel'),
    retention: !!v('retention'),
    flavour: !!flavour,
  };
  return { options: o, given };
}

function describe(a: WriteAction): string {
  const head = `  ${a.kind.padEnd(10)} ${a.path}`;
  switch (a.kind) {
    case 'merge':
      return `${head}  (adds ${a.added.join(', ')}; your edits are kept)`;
    case 'new':
      return `${head}  → ${a.newPath} (yours differs and is kept; compare the two and merge by hand)`;
    case 'unchanged':
      return a.detail ? `${head}  (${a.detail})` : head;
    default:
      return head;
  }
}

export interface ScaffoldIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Present when the command may ask questions (a terminal on stdin). */
  ask?: Ask;
}

export async function runScaffold(argv: string[], io: ScaffoldIo): Promise<number> {
  const args = parseScaffoldArgs(argv);
  if (!args.dir) {
    throw new UsageError('name the folder to write the stack into');
  }
  let { options, given } = optionsFromArgs(args);
  if (io.ask && !args.flags.has('yes')) {
    options = await promptOptions(options, given, io.ask, io.out);
  }
  const problems = validateOptions(options);
  if (problems.length) {
    problems.forEach((p) => io.err(`o11y scaffold: ${p.field}: ${p.message}\n`));
    return 2;
  }
  const files = generateStack(options);
  const folder = new StackFolder(args.dir);
  const refused = [...files.keys()].flatMap((p) => [p, `${p}.new`]).map((p) => folder.refusal(p)).filter((r) => r !== undefined);
  if (refused.length) {
    refused.forEach((r) => io.err(`o11y scaffold: refusing: ${r}\n`));
    return 1;
  }
  const plan = planWrite(files, folder.readExisting([...files.keys()]), { force: args.flags.has('force') });
  const dry = args.flags.has('dry-run');
  io.out(`${dry ? 'Would write' : 'Writing'} the stack into ${folder.root}:\n${plan.map(describe).join('\n')}\n`);
  if (!dry) {
    folder.write(plan);
  }
  const findings = checkStack(files).filter((f) => f.severity === 'error' || f.severity === 'warning');
  io.out(findings.length ? `o11y check found ${findings.length} problem(s) in the generated files:\n` : 'o11y check: the generated files have no errors or warnings.\n');
  findings.forEach((f) => io.out(`  ${f.path}:${f.line} ${f.severity} ${f.message} [${f.code}]\n`));
  if (!dry) {
    io.out(`Next: read ${args.dir}/README.md, copy .env.example to .env and fill it in, then start the stack.\n`);
  }
  return 0;
}
