import { checkFormat, type FormatContext, type FormatName } from './formats';

/** The target versions the format checks use; set by the language service before each validation. */
export const formatContext: { current: FormatContext } = { current: { prometheusVersion: '3.14' } };

interface FormatDefinition {
  type: 'string';
  validate: (value: string) => boolean;
}

// Answers by value, for the target version they were given for: a large configuration repeats the same
// durations, label names and relabelling regexes in job after job, and the regex check is not cheap.
const MAX_REMEMBERED = 10_000;

function format(name: FormatName): FormatDefinition {
  const known = new Map<string, boolean>();
  let version = '';
  return {
    type: 'string',
    validate: (value) => {
      const ctx = formatContext.current;
      if (version !== ctx.prometheusVersion || known.size >= MAX_REMEMBERED) {
        known.clear();
        version = ctx.prometheusVersion;
      }
      let ok = known.get(value);
      if (ok === undefined) {
        ok = checkFormat(name, value, ctx) === undefined;
        known.set(value, ok);
      }
      return ok;
    },
  };
}

/** Our formats for ajv, referenced by name from the generated validators (see scripts/generateValidators.ts). */
export const formats: Record<FormatName, FormatDefinition> = {
  duration: format('duration'),
  durationOrZero: format('durationOrZero'),
  size: format('size'),
  labelName: format('labelName'),
  metricName: format('metricName'),
  labelValue: format('labelValue'),
  regex: format('regex'),
  url: format('url'),
  hostPort: format('hostPort'),
  path: format('path'),
  glob: format('glob'),
  relabelTargetLabel: format('relabelTargetLabel'),
};
