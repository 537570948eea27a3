/**
 * Go to definition of a template name: from `{{ template "x" }}` in a template file, or in a receiver field of
 * alertmanager.yml (`title: '{{ template "slack.title" . }}'`), to the `{{ define "x" }}` of the files loaded
 * together. Alertmanager's own defaults have no file to go to.
 */
import type { Location } from 'vscode-languageserver-types';
import { embeddedText } from '../../promql/embed';
import { nodeAt } from '../../syntax/ast';
import { LineIndex } from '../../text';
import { pathToUri } from '../../uri';
import type { DocumentContext } from '../context';
import { templateNameAt } from './templateNames';
import { configuredTemplateFiles, definitionsOf, loadSet, type SetFile } from './templateSet';
import { templateSetOf } from './validate';

export function templateDefinition(ctx: DocumentContext, offset: number): Location[] {
  if (ctx.kind === 'notificationTemplates') {
    const site = templateNameAt(ctx.text, offset);
    return site ? locate(site.name, templateSetOf(ctx)) : [];
  }
  if (ctx.kind !== 'alertmanagerConfig' || !ctx.path || !ctx.env.fs) {
    return [];
  }
  for (const d of ctx.docs) {
    const node = nodeAt(d.root, offset);
    const embedded = node?.type === 'string' && String(node.value).includes('{{') ? embeddedText(node, ctx.text) : undefined;
    const at = embedded?.fromDoc(offset);
    const site = embedded && at !== undefined ? templateNameAt(embedded.text, at) : undefined;
    if (site) {
      const fs = ctx.env.fs;
      return locate(site.name, loadSet(configuredTemplateFiles(d.root, ctx.path, fs), fs));
    }
  }
  return [];
}

function locate(name: string, set: SetFile[]): Location[] {
  const at = definitionsOf(set).get(name);
  if (!at) {
    return [];
  }
  const lines = new LineIndex(at.file.text);
  const { from, to } = at.def.nameSpan;
  return [{ uri: at.file.path.includes('://') ? at.file.path : pathToUri(at.file.path), range: lines.range(from, to - from) }];
}
