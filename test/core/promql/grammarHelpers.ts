import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IOnigLib } from 'vscode-textmate';

const require = createRequire(__filename);
const ROOT = join(__dirname, '../../..');

const FIXTURES = join(ROOT, 'test/fixtures/grammar');

/** Our grammars, and VS Code's JSON grammar (from the tm-grammars package). */
const COMMON: Record<string, string> = {
  'source.promql': join(ROOT, 'syntaxes/promql.tmLanguage.json'),
  'promql.injection': join(ROOT, 'syntaxes/promql.injection.tmLanguage.json'),
  'promql.injection.escapes': join(ROOT, 'syntaxes/promql.injection.escapes.tmLanguage.json'),
  'source.json': require.resolve('tm-grammars/grammars/json.json'),
};

/**
 * The YAML hosts our injection must work in: VS Code's own grammar (RedCMD's, whose collections are `while` rules;
 * a copy is in the fixtures) and the classic TextMate grammar (line-based; Shiki and older editors).
 */
export type YamlHost = 'vscode' | 'classic';

const YAML: Record<YamlHost, Record<string, string>> = {
  vscode: Object.fromEntries(
    ['', '.1.0', '.1.1', '.1.2', '.1.3', '.embedded'].map((v) => [
      'source.yaml' + v,
      join(FIXTURES, 'vscode-yaml', `yaml${v.replace('.', '-')}.tmLanguage.json`),
    ]),
  ),
  classic: { 'source.yaml': require.resolve('tm-grammars/grammars/yaml.json') },
};

const registries = new Map<YamlHost, Registry>();

/** A registry that injects our injection grammars into YAML and JSON, as package.json's `injectTo` makes VS Code do. */
function getRegistry(host: YamlHost): Registry {
  let registry = registries.get(host);
  if (!registry) {
    const files = { ...COMMON, ...YAML[host] };
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    onig ??= loadWASM(wasm).then(() => ({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (s: string) => new OnigString(s),
    }));
    registry = new Registry({
      onigLib: onig,
      loadGrammar: async (scope) => {
        const file = files[scope];
        return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scope) =>
        scope === 'source.yaml' || scope === 'source.json' ? ['promql.injection', 'promql.injection.escapes'] : undefined,
    });
    registries.set(host, registry);
  }
  return registry;
}

let onig: Promise<IOnigLib> | undefined;

export async function loadGrammar(scope: string, host: YamlHost = 'vscode'): Promise<IGrammar> {
  const grammar = await getRegistry(host).loadGrammar(scope);
  if (!grammar) {
    throw new Error(`no grammar for ${scope}`);
  }
  return grammar;
}

export interface Token {
  line: number;
  start: number;
  text: string;
  scopes: string[];
}

export async function tokenize(text: string, scope: string, host: YamlHost = 'vscode'): Promise<Token[]> {
  const grammar = await loadGrammar(scope, host);
  const out: Token[] = [];
  let state = INITIAL;
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      out.push({ line: i, start: t.startIndex, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    state = r.ruleStack;
  });
  return out;
}

/**
 * One line per source line, then one per token: its text and its scopes below the root, without the host's
 * structural `meta.*.yaml` / `meta.*.json` scopes (nesting of mappings and sequences), which say nothing about
 * PromQL and would make every snapshot depend on the host grammar's internals.
 */
export function snapshot(text: string, tokens: Token[]): string {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(`> ${line}`);
    for (const t of tokens.filter((tok) => tok.line === i && tok.text.trim() !== '')) {
      const scopes = t.scopes.slice(1).filter((scope) => !/^meta\..*\.(yaml|json)$/.test(scope));
      out.push(`  ${JSON.stringify(t.text)} ${scopes.join(' ')}`.trimEnd());
    }
  });
  return out.join('\n') + '\n';
}

export const SCOPE_BY_EXTENSION: Record<string, string> = {
  '.promql': 'source.promql',
  '.yml': 'source.yaml',
  '.yaml': 'source.yaml',
  '.json': 'source.json',
};
