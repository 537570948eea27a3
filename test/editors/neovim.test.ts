// The same language server in Neovim's built-in LSP client (Debian's neovim, headless): diagnostics are pushed,
// completion is asked for, and test/nvim/lspCheck.lua writes what Neovim saw to a JSON file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const hasNvim = spawnSync('nvim', ['--version']).status === 0;

interface NvimResult {
  nvim: string;
  error?: string;
  diagnostics: { line: number; col: number; severity: number; code: string; message: string }[];
  completion: string[];
}

function runNvim(text: string, line: number, char: number): NvimResult {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-nvim-'));
  const file = join(dir, 'prometheus.yml');
  const out = join(dir, 'result.json');
  writeFileSync(file, text);
  const res = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(ROOT, 'test/nvim/lspCheck.lua')}`], {
    env: {
      ...process.env,
      O11Y_FILE: file,
      O11Y_OUT: out,
      O11Y_CMD: JSON.stringify([process.execPath, join(ROOT, 'bin/o11y.js'), 'lsp', '--stdio']),
      O11Y_LINE: String(line),
      O11Y_CHAR: String(char),
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(res.status, 0, `nvim exited ${res.status ?? res.signal}: ${res.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
}

test('Neovim: pushed diagnostics and completion from o11y lsp --stdio', { skip: !hasNvim && !process.env.CI && 'nvim is not installed (apt-get install neovim)' }, () => {
  const text = 'global:\n  scrape_interval: 15x\n\nscrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: [localhost:9100]\n\n';
  const result = runNvim(text, 8, 0);
  assert.equal(result.error, undefined, result.error);
  const duration = result.diagnostics.find((d) => d.code === 'schema/invalid-duration');
  assert.ok(duration, `diagnostics: ${JSON.stringify(result.diagnostics)}`);
  assert.deepEqual([duration.line, duration.col, duration.severity], [1, 19, 1]);
  for (const key of ['alerting', 'rule_files', 'remote_write']) {
    assert.ok(result.completion.includes(key), `completion at the top level: ${result.completion.join(', ')}`);
  }
  assert.ok(!result.completion.includes('scrape_configs'), 'scrape_configs is already in the file');
});
