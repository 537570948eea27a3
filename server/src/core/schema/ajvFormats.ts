import { checkFormat, type FormatContext, type FormatName } from './formats';

/** The target versions the format checks use; set by the language service before each validation. */
export const formatContext: { current: FormatContext } = { current: { prometheusVersion: '3.14' } };

interface FormatDefinition {
  type: 'string';
  validate: (value: string) => boolean;
}

function format(name: FormatName): FormatDefinition {
  return { type: 'string', validate: (value) => checkFormat(name, value, formatContext.current) === undefined };
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
