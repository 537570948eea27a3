/**
 * Checks of an Alertmanager notification template file (`*.tmpl`): Go template syntax and function names as the
 * targeted release parses them (errors: Alertmanager does not start with such a file), then what would only fail
 * when a notification is sent (warnings): unknown `{{ template }}` names across the set of files loaded together,
 * fields the notification data does not have, definitions that call themselves with nothing to stop them.
 */
import * as nodePath from 'node:path';
import type { Problem } from '../../problem';
import { checkTemplate, defaultScope } from '../../templates/check';
import type { StaticType } from '../../templates/scope';
import { alertmanagerVersion } from '../alertmanagerConfig/nodes';
import type { DocumentContext } from '../context';
import { knownNames } from './knownTemplates';
import { recursionProblems } from './recursion';
import { loadSet, setPathsOf, templateFileInfo, type CallArg, type SetFile } from './templateSet';

/** Bigger files are not checked: the editor stays responsive and the user is told why nothing is reported. */
export const MAX_CHECKED_CHARS = 1_000_000;

/** The files loaded with this document (the document's own text first when it has no path). */
export function templateSetOf(ctx: DocumentContext): SetFile[] {
  const fs = ctx.env.fs;
  if (!fs || !ctx.path) {
    return [{ path: ctx.uri, text: ctx.text, info: templateFileInfo(ctx.text), current: true }];
  }
  return loadSet(setPathsOf(ctx.path, fs), fs, { path: ctx.path, text: ctx.text });
}

export function validateNotificationTemplates(_root: unknown, ctx: DocumentContext): Problem[] {
  if (ctx.text.length > MAX_CHECKED_CHARS) {
    const size = `${Math.round(ctx.text.length / 1000)} kB`;
    return [{ offset: 0, length: 0, severity: 'info', code: 'template/file-too-large', message: `not checked: the file is ${size}, more than the ${MAX_CHECKED_CHARS / 1000} kB o11y checks` }];
  }
  const version = alertmanagerVersion(ctx.settings);
  const set = templateSetOf(ctx);
  const scope = defaultScope('alertmanager', version);
  const definitionDot = definitionDots(set, scope.dot);
  const problems = checkTemplate(ctx.text, 'alertmanager', scope, { version, templates: knownNames(set), definitionDot });
  const self = set.find((f) => f.current);
  return self ? [...problems, ...recursionProblems(self, set), ...redefinitions(self, set)] : problems;
}

/** A definition nobody calls with other data gets the notification's data, as the receivers' fields pass it. */
export function definitionDots(set: SetFile[], data: StaticType): (name: string) => StaticType | undefined {
  const args = callArgs(set);
  return (name) => ([...(args.get(name) ?? [])].every((a) => a === 'data') ? data : undefined);
}

/** How each template name is called across the set. */
function callArgs(set: SetFile[]): Map<string, Set<CallArg>> {
  const out = new Map<string, Set<CallArg>>();
  for (const file of set) {
    for (const calls of file.info.calls.values()) {
      for (const c of calls) {
        let args = out.get(c.name);
        if (!args) {
          args = new Set();
          out.set(c.name, args);
        }
        args.add(c.arg);
      }
    }
  }
  return out;
}

/** A name defined in two files of a set: Alertmanager keeps the definition of the file it reads last. */
function redefinitions(self: SetFile, set: SetFile[]): Problem[] {
  const out: Problem[] = [];
  for (const def of self.info.definitions) {
    const others = set.filter((f) => f !== self && f.info.definitions.some((d) => d.name === def.name));
    if (others.length === 0) {
      continue;
    }
    const last = [...set].reverse().find((f) => f.info.definitions.some((d) => d.name === def.name))!;
    const where = others.map((f) => nodePath.basename(f.path)).join(', ');
    const wins = last === self ? 'this one is read last and wins' : `the one in ${nodePath.basename(last.path)} is read last and wins`;
    out.push({
      offset: def.nameSpan.from,
      length: def.nameSpan.to - def.nameSpan.from,
      severity: 'warning',
      code: 'template/duplicate-define',
      message: `template "${def.name}" is also defined in ${where}; ${wins}`,
    });
  }
  return out;
}
