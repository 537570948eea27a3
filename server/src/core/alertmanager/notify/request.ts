/**
 * One notification preview request as the CLI and the editor make it: an alertmanager.yml (parsed), its template
 * files read through the injected file system, and an alert given as label and annotation sets.
 */
import type { FileSystem } from '../../environment';
import { configuredTemplateFiles } from '../../kinds/notificationTemplates/templateSet';
import { getValue, type AstNode } from '../../syntax/ast';
import { parseMatchers } from '../matchers';
import type { Labels, PreviewAlert } from './alerts';
import { previewNotification, type NotificationPreview } from './preview';

export interface PreviewRequest {
  alert: PreviewAlert;
  others?: PreviewAlert[];
  receiver?: string;
  externalURL?: string;
  /** Unix milliseconds; default: now. */
  nowMs?: number;
}

export function previewForConfig(
  config: { root: AstNode | undefined; text: string; path?: string; version: string },
  request: PreviewRequest,
  fs: FileSystem | undefined,
): NotificationPreview | { error: string } {
  if (config.root?.type !== 'object' || getValue(config.root, 'route')?.type !== 'object') {
    return { error: 'the configuration has no route' };
  }
  const paths = fs && config.path ? configuredTemplateFiles(config.root, config.path, fs) : [];
  const templateFiles = paths.flatMap((path) => {
    const text = fs!.readFile(path);
    return text === undefined ? [] : [{ path, text }];
  });
  return previewNotification({ root: config.root, text: config.text, version: config.version, templateFiles, ...request, nowMs: request.nowMs ?? Date.now() });
}

/** `a=b,c="d, e"`: a label set in amtool's notation (each pair a classic `=` matcher). */
export function parseLabelSet(s: string): { labels: Labels } | { error: string } {
  if (s.trim() === '') {
    return { labels: {} };
  }
  const parsed = parseMatchers(s, 'classic');
  if (parsed.error) {
    return { error: parsed.error.message };
  }
  const labels: Labels = {};
  for (const m of parsed.matchers) {
    if (m.op !== '=') {
      return { error: `${m.name}${m.op}…: give name=value pairs` };
    }
    labels[m.name] = m.value;
  }
  return { labels };
}
