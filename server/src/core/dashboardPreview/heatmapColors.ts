// The colours of a heatmap's cells, as Grafana's heatmap panel chooses them: a colour scheme (sequential or
// diverging, `Oranges` by default) cut into `steps` shades, or one colour at rising opacity; a value's shade is
// its place between the scale's min and max raised to `exponent` (Grafana's default "exponential" scale with
// exponent 0.5 brightens the low counts), and cells at or below `hideBelow` stay empty. The anchor colours
// below are this module's own picks of each scheme's hues; shades are interpolated between them in RGB.
import { cssColor } from './colors';

const SCHEMES: Record<string, string[]> = {
  Oranges: ['#fff4e8', '#fdd1a5', '#fd9243', '#dc4c07', '#7f2a05'],
  Reds: ['#fff3ee', '#fcbba3', '#f76b4d', '#cb1d1f', '#660510'],
  Blues: ['#f6faff', '#c7dcef', '#6aaed5', '#2171b4', '#0a306a'],
  Greens: ['#f6fcf4', '#c6e8bf', '#73c375', '#228a44', '#03441b'],
  Purples: ['#fbfafd', '#dadaeb', '#9e9ac7', '#6a51a2', '#3f047c'],
  Greys: ['#ffffff', '#d8d8d8', '#969696', '#525252', '#000000'],
  YlOrRd: ['#ffffcc', '#fed976', '#fd8d3c', '#e31a1c', '#800026'],
  YlGnBu: ['#ffffd9', '#c7e9b4', '#41b6c4', '#225ea8', '#081d58'],
  Spectral: ['#9e0142', '#f46d43', '#fee08b', '#e6f598', '#66c2a5', '#5e4fa2'],
  RdYlGn: ['#a50026', '#f46d43', '#fee08b', '#d9ef8b', '#66bd63', '#006837'],
  RdYlBu: ['#a50026', '#f46d43', '#fee090', '#e0f3f8', '#74add1', '#313695'],
  Viridis: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'],
  Plasma: ['#0d0887', '#7e03a8', '#cc4778', '#f89540', '#f0f921'],
  Inferno: ['#000004', '#57106e', '#bc3754', '#f98e09', '#fcffa4'],
  Magma: ['#000004', '#51127c', '#b73779', '#fc8961', '#fcfdbf'],
  Turbo: ['#30123b', '#4686fb', '#1ae4b6', '#a2fc3c', '#fabb39', '#e4460a', '#7a0403'],
};
/** Schemes that go from light to dark: on a dark page Grafana turns them round, so empty-ish cells fade out. */
const LIGHT_TO_DARK = new Set(['Oranges', 'Reds', 'Blues', 'Greens', 'Purples', 'Greys', 'YlOrRd', 'YlGnBu']);
export const DEFAULT_SCHEME = 'Oranges';

export interface HeatmapColors {
  /** Shades from the lowest value to the highest, as on a light page. */
  colors: string[];
  /** Turn `colors` round on a dark page. */
  invertOnDark: boolean;
  /** A scheme the preview does not know, drawn with the default one. */
  unknownScheme?: string;
}

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function hex(c: number[]): string {
  return `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** `steps` colours evenly along the anchors. */
function interpolate(anchors: string[], steps: number): string[] {
  const stops = anchors.map(rgb);
  return Array.from({ length: steps }, (_, i) => {
    const at = (i / (steps - 1)) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(at));
    const f = at - k;
    return hex(stops[k].map((a, j) => a + (stops[k + 1][j] - a) * f));
  });
}

/** The shades of a scheme by its Grafana name (`Oranges`, or the legacy `interpolateOranges`). */
export function schemeColors(name: string | undefined, steps: number, reverse: boolean): HeatmapColors {
  const wanted = (name ?? DEFAULT_SCHEME).replace(/^interpolate/, '');
  const known = wanted in SCHEMES ? wanted : DEFAULT_SCHEME;
  const colors = interpolate(SCHEMES[known], Math.min(128, Math.max(2, Math.round(steps))));
  return {
    colors: reverse ? colors.reverse() : colors,
    invertOnDark: LIGHT_TO_DARK.has(known),
    ...(known === wanted ? {} : { unknownScheme: wanted }),
  };
}

/** One colour (a Grafana colour name or CSS hex) at opacity rising from nearly clear to solid. */
export function opacityColors(fill: string | undefined, steps: number): HeatmapColors {
  const color = cssColor(fill, '#FA6400');
  const [r, g, b] = rgb(/^#[0-9a-fA-F]{6}$/.test(color) ? color : '#FA6400');
  const n = Math.min(128, Math.max(2, Math.round(steps)));
  return { colors: Array.from({ length: n }, (_, i) => `rgba(${r},${g},${b},${(0.05 + (0.95 * i) / (n - 1)).toFixed(3)})`), invertOnDark: false };
}

export interface ShadeScale {
  min: number;
  max: number;
  exponent: number;
  hideBelow?: number;
  /** How many shades there are. */
  steps: number;
}

/** The shade of a cell (an index into the colours), or -1 for a cell left empty. */
export function shadeIndex(value: number | null, s: ShadeScale): number {
  if (value === null || !Number.isFinite(value) || (s.hideBelow !== undefined && value <= s.hideBelow)) {
    return -1;
  }
  const span = s.max - s.min;
  const f = span > 0 ? Math.min(1, Math.max(0, (value - s.min) / span)) : 1;
  return Math.min(s.steps - 1, Math.floor(Math.pow(f, s.exponent) * s.steps));
}
