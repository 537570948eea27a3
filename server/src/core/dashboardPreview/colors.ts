// Grafana's colour names (its classic palette: each hue in five shades) resolved to CSS, and threshold steps:
// the colour of a value is the one of the last step whose value it reaches (the base step has value null).
import { isObject, num, str } from './source';
import type { Threshold } from './types';

const SHADES = ['super-light-', 'light-', '', 'semi-dark-', 'dark-'];
const HUES: Record<string, string[]> = {
  red: ['#FFA6B0', '#FF7383', '#F2495C', '#E02F44', '#C4162A'],
  orange: ['#FFCB7D', '#FFB357', '#FF9830', '#FF780A', '#FA6400'],
  yellow: ['#FFF899', '#FFEE52', '#FADE2A', '#F2CC0C', '#E0B400'],
  green: ['#C8F2C2', '#96D98D', '#73BF69', '#56A64B', '#37872D'],
  blue: ['#C0D8FF', '#8AB8FF', '#5794F2', '#3274D9', '#1F60C4'],
  purple: ['#DEB6F2', '#CA95E5', '#B877D9', '#A352CC', '#8F3BB8'],
};
const NAMED = new Map<string, string>();
for (const [hue, shades] of Object.entries(HUES)) {
  SHADES.forEach((prefix, i) => NAMED.set(prefix + hue, shades[i]));
}

/** Series colours when a panel does not colour by thresholds (Grafana's classic palette order). */
export const PALETTE = ['#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A9', '#705DA0', '#508642', '#CCA300', '#447EBC', '#C15C17'];

/** A CSS colour for a Grafana colour: a palette name, `text`, or anything CSS takes (hex, rgb(), names). */
export function cssColor(name: string | undefined, fallback = PALETTE[0]): string {
  if (!name) {
    return fallback;
  }
  if (name === 'text') {
    return 'currentColor';
  }
  const named = NAMED.get(name);
  if (named) {
    return named;
  }
  // Only colour syntax goes through to the page's CSS: hex, rgb()/hsl(), plain words.
  return /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([\d\s.,%]+\)|[a-zA-Z]+)$/.test(name) ? name : fallback;
}

/** The steps of `fieldConfig.defaults.thresholds` (absolute mode), sorted, base first. */
export function thresholdSteps(v: unknown): Threshold[] {
  const steps = isObject(v) && Array.isArray(v.steps) ? v.steps.filter(isObject) : [];
  const out = steps.map((s) => ({ value: s.value === null || s.value === undefined ? null : (num(s.value) ?? null), color: cssColor(str(s.color), HUES.green[2]) }));
  out.sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity));
  return out.length ? out : [{ value: null, color: HUES.green[2] }, { value: 80, color: HUES.red[2] }];
}

/** The colour of the last step at or below `value` (the base step for no value). */
export function thresholdColor(value: number | null, steps: Threshold[]): string {
  let color = steps[0]?.color ?? HUES.green[2];
  for (const s of steps) {
    if (s.value === null || (value !== null && value >= s.value)) {
      color = s.color;
    }
  }
  return color;
}
