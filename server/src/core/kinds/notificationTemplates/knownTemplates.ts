/**
 * The template names a notification template can call: Alertmanager's own (default.tmpl and email.tmpl, which it
 * always loads first) and the definitions of the files loaded with it.
 */
import { DEFAULT_TEMPLATES } from '../../alertmanager/notify/defaultTemplates';
import { templateFileInfo, type SetFile } from './templateSet';

/** Names of our stand-ins' private helpers, which Alertmanager does not have. */
const OWN_HELPER = /^__o11y_/;

let builtIn: ReadonlySet<string> | undefined;

/** Alertmanager's own template names: read from our stand-ins when first asked (not at every start of the CLI). */
export function builtInTemplateNames(): ReadonlySet<string> {
  builtIn ??= new Set(
    templateFileInfo(DEFAULT_TEMPLATES)
      .definitions.map((d) => d.name)
      .filter((n) => !OWN_HELPER.test(n)),
  );
  return builtIn;
}

export function isBuiltInTemplate(name: string): boolean {
  return builtInTemplateNames().has(name);
}

/** Every name a file of the set can call. */
export function knownNames(files: SetFile[]): Set<string> {
  const out = new Set(builtInTemplateNames());
  files.forEach((f) => f.info.definitions.forEach((d) => out.add(d.name)));
  return out;
}

/** The body of a built-in template as our stand-in writes it, for hover. */
export function builtInBody(name: string): string | undefined {
  const def = templateFileInfo(DEFAULT_TEMPLATES).definitions.find((d) => d.name === name);
  return def && DEFAULT_TEMPLATES.slice(def.root.from, def.root.to);
}
