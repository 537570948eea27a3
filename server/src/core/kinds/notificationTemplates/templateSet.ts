/**
 * The notification template files that load together: Alertmanager parses every file its `templates:` globs name
 * into one set (template/template.go FromGlobs), so a `{{ template "x" }}` in one file reaches a `define` in
 * another. For a `.tmpl` file the set is that of an `alertmanager*.yml` nearby whose globs take the file, else the
 * `.tmpl` files of its folder.
 */
import * as nodePath from 'node:path';
import type { FileSystem } from '../../environment';
import { memoByText } from '../../memo';
import { getValue, items, type AstNode } from '../../syntax/ast';
import { parseYaml } from '../../syntax/parseYaml';
import type { Definition, ListNode, Node } from '../../templates/ast';
import { functionsFor } from '../../templates/functions';
import { parseTemplate } from '../../templates/parser';

/** How a `{{ template "x" arg }}` passes its data: the notification's data (`.` or `$` where dot is it), or else. */
export type CallArg = 'data' | 'other';

export interface TemplateCall {
  name: string;
  from: number;
  to: number;
  arg: CallArg;
  /** Not inside `if`, `range` or `with`: the call happens whenever its template runs. */
  always: boolean;
}

/** One parsed template file: its definitions and `{{ template }}` calls with their offsets. */
export interface TemplateFileInfo {
  definitions: Definition[];
  /** Calls made inside each definition, by definition name; top-level calls under `''`. */
  calls: Map<string, TemplateCall[]>;
}

export interface SetFile {
  path: string;
  text: string;
  info: TemplateFileInfo;
  /** The document being edited (its text, not the file's on disk). */
  current?: boolean;
}

/** Files bigger than this are not read into a set (they would be parsed on every keystroke of a sibling). */
const MAX_FILE_CHARS = 2_000_000;
/** How many folders up an alertmanager.yml is looked for. */
const CONFIG_LEVELS = 3;

const FUNCTIONS = functionsFor('alertmanager');

/** Parses a template file once per text (with every function name of any release, so a parse never fails on one). */
export const templateFileInfo = memoByText((text: string): TemplateFileInfo => {
  const parsed = parseTemplate(text, { isFunction: (n) => FUNCTIONS.has(n), elseWith: true });
  const calls = new Map<string, TemplateCall[]>();
  calls.set('', parsed.root ? callsIn(parsed.root) : []);
  for (const d of parsed.definitions) {
    calls.set(d.name, callsIn(d.root));
  }
  return { definitions: parsed.definitions, calls };
}, 2_000);

function callsIn(root: ListNode): TemplateCall[] {
  const out: TemplateCall[] = [];
  const walk = (n: Node, dotIsData: boolean, always: boolean): void => {
    switch (n.kind) {
      case 'list':
        n.nodes.forEach((c) => walk(c, dotIsData, always));
        return;
      case 'if':
      case 'range':
      case 'with':
        walk(n.list, dotIsData && n.kind === 'if', false);
        if (n.elseList) {
          walk(n.elseList, dotIsData, false);
        }
        return;
      case 'template': {
        const args = n.pipe?.cmds.length === 1 && n.pipe.decl.length === 0 ? n.pipe.cmds[0].args : [];
        const only = args.length === 1 ? args[0] : undefined;
        const data = (only?.kind === 'dot' && dotIsData) || (only?.kind === 'variable' && only.ident.length === 1 && only.ident[0] === '$');
        out.push({ name: n.name, from: n.nameSpan.from, to: n.nameSpan.to, arg: data ? 'data' : 'other', always });
        return;
      }
    }
  };
  walk(root, true, true);
  return out;
}

function read(fs: FileSystem, path: string): string | undefined {
  const text = fs.readFile(path);
  return text !== undefined && text.length <= MAX_FILE_CHARS ? text : undefined;
}

/** The files an Alertmanager configuration's `templates:` globs name, relative to its folder. */
export function configuredTemplateFiles(root: AstNode | undefined, configPath: string, fs: FileSystem): string[] {
  const out = new Set<string>();
  const dir = nodePath.dirname(configPath);
  for (const e of items(getValue(root, 'templates'))) {
    if (e.type === 'string' && typeof e.value === 'string' && e.value !== '') {
      fs.glob(e.value, dir).forEach((f) => out.add(nodePath.resolve(f)));
    }
  }
  return [...out];
}

/** The paths of the set a template file belongs to (itself included). */
export function setPathsOf(path: string, fs: FileSystem): string[] {
  const self = nodePath.resolve(path);
  let dir = nodePath.dirname(self);
  for (let level = 0; level <= CONFIG_LEVELS; level++) {
    for (const config of [...fs.glob('alertmanager*.yml', dir), ...fs.glob('alertmanager*.yaml', dir)]) {
      const text = read(fs, config);
      const files = text !== undefined ? configuredTemplateFiles(parseYaml(text)[0]?.root, config, fs) : [];
      if (files.includes(self)) {
        return files;
      }
    }
    const up = nodePath.dirname(dir);
    if (up === dir) {
      break;
    }
    dir = up;
  }
  const siblings = fs.glob('*.tmpl', nodePath.dirname(self)).map((f) => nodePath.resolve(f));
  return siblings.includes(self) ? siblings : [...siblings, self];
}

/** Reads a set's files; `current` (the document being edited) wins over its file on disk. */
export function loadSet(paths: string[], fs: FileSystem, current?: { path: string; text: string }): SetFile[] {
  const out: SetFile[] = [];
  for (const path of paths) {
    const isCurrent = current !== undefined && nodePath.resolve(current.path) === path;
    const text = isCurrent ? current.text : read(fs, path);
    if (text !== undefined) {
      out.push({ path, text, info: templateFileInfo(text), current: isCurrent || undefined });
    }
  }
  return out;
}

/** Where each template name is defined in a set; Go keeps the last definition parsed of a name. */
export function definitionsOf(files: SetFile[]): Map<string, { file: SetFile; def: Definition }> {
  const out = new Map<string, { file: SetFile; def: Definition }>();
  for (const file of files) {
    for (const def of file.info.definitions) {
      out.set(def.name, { file, def });
    }
  }
  return out;
}
