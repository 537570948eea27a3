// Checks that an answer's `data` has the shape its endpoint promises, so a server that only looks like
// Prometheus yields a clear error here instead of a crash later in completion or rendering.
import type { BuildInfo, MetricMetadata, QueryData, RuleGroup, TargetsData } from './types';

type Guard<T> = (data: unknown) => data is T;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isSamplePair(v: unknown): boolean {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';
}

export const isStringArray: Guard<string[]> = (d): d is string[] =>
  Array.isArray(d) && d.every((s) => typeof s === 'string');

export const isLabelSets: Guard<Record<string, string>[]> = (d): d is Record<string, string>[] =>
  Array.isArray(d) && d.every((s) => isObject(s) && Object.values(s).every((v) => typeof v === 'string'));

export const isQueryData: Guard<QueryData> = (d): d is QueryData => {
  if (!isObject(d)) {
    return false;
  }
  switch (d.resultType) {
    case 'vector':
    case 'matrix':
      return Array.isArray(d.result) && d.result.every((s) => isObject(s) && isObject(s.metric));
    case 'scalar':
    case 'string':
      return isSamplePair(d.result);
    default:
      return false;
  }
};

export const isMetadataMap: Guard<Record<string, MetricMetadata[]>> = (d): d is Record<string, MetricMetadata[]> =>
  isObject(d) && Object.values(d).every((list) => Array.isArray(list) && list.every((m) => isObject(m)));

export const isBuildInfo: Guard<BuildInfo> = (d): d is BuildInfo => isObject(d) && typeof d.version === 'string';

export const isRulesData: Guard<{ groups: RuleGroup[] }> = (d): d is { groups: RuleGroup[] } =>
  isObject(d) && Array.isArray(d.groups) && d.groups.every((g) => isObject(g) && Array.isArray(g.rules));

export const isTargetsData: Guard<TargetsData> = (d): d is TargetsData =>
  isObject(d) && Array.isArray(d.activeTargets) && (d.droppedTargets === undefined || Array.isArray(d.droppedTargets));
