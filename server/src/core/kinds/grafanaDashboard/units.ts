import type { Problem } from '../../problem';
import { closest } from '../../strings';
import { getValue, items, type AstNode } from '../../syntax/ast';
import type { Panel } from './model';

/**
 * Grafana's unit ids, by category (packages/grafana-data/src/valueFormats/categories.ts). An id Grafana does not
 * know is shown as a suffix after the value, so an unknown unit is a likely typo rather than an error.
 */
const UNITS = [
  // Misc
  'none string short percent percentunit humidity dB hex0x hex sci locale pixel',
  // Acceleration, angle, area, computation
  'accMS2 accFS2 accG degree radian grad arcmin arcsec areaM2 areaF2 areaMI2 flops mflops gflops tflops pflops eflops zflops yflops',
  // Concentration
  'ppm conppb conngm3 conngNm3 conμgm3 conμgNm3 conmgm3 conmgNm3 congm3 congNm3 conmgdL conmmolL',
  // Currency
  'currencyUSD currencyGBP currencyEUR currencyJPY currencyRUB currencyUAH currencyBRL currencyDKK currencyISK currencyNOK currencySEK currencyCZK currencyCHF currencyPLN currencyBTC currencymBTC currencyμBTC currencyZAR currencyINR currencyKRW currencyIDR currencyPHP currencyVND',
  // Data
  'bits bytes kbytes mbytes gbytes tbytes pbytes decbits decbytes deckbytes decmbytes decgbytes dectbytes decpbytes',
  // Data rate
  'pps bps Bps KBs Kbits MBs Mbits GBs Gbits TBs Tbits PBs Pbits binBps binbps KiBs Kibits MiBs Mibits GiBs Gibits TiBs Tibits PiBs Pibits',
  // Date & time
  'dateTimeAsIso dateTimeAsIsoNoDateIfToday dateTimeAsUS dateTimeAsUSNoDateIfToday dateTimeAsLocal dateTimeAsLocalNoDateIfToday dateTimeAsSystem dateTimeFromNow',
  // Energy
  'watt kwatt megwatt gwatt mwatt Wm2 voltamp kvoltamp voltampreact kvoltampreact watth watthperkg kwatth kwattm amph kamph mamph joule ev amp kamp mamp volt kvolt mvolt dBm mwatth ohm kohm Mohm farad µfarad nfarad pfarad ffarad henry mhenry µhenry lumens',
  // Flow, force, hash rate, mass, length, pressure
  'flowgpm flowcms flowcfs flowcfm litreh flowlpm flowmlpm lux forceNm forcekNm forceN forcekN Hs KHs MHs GHs THs PHs EHs massmg massg masslb masskg masst lengthmm lengthin lengthft lengthm lengthkm lengthmi pressurembar pressurebar pressurekbar pressurepa pressurehpa pressurekpa pressurehg pressurepsi',
  // Radiation, rotation, temperature
  'radbq radci radgy radrad radsv radmsv radusv radrem radexpckg radr radsvh radmsvh radusvh rotrpm rothz rotkhz rotmhz rotghz rotrads rotdegs celsius fahrenheit kelvin',
  // Time, throughput, velocity, volume, boolean
  'hertz ns µs ms s m h d dtdurationms dtdurations dthms dtdhms timeticks clockms clocks cps ops reqps rps wps iops eps mps cpm opm rpm wpm epm mpm',
  'velocityms velocitykmh velocitymph velocityknot mlitre litre m3 Nm3 dm3 gallons bool bool_yes_no bool_on_off',
]
  .join(' ')
  .split(' ');

const KNOWN = new Set(UNITS);
/** Custom units: `suffix:<text>`, `prefix:<text>`, `si:<unit>`, `count:<unit>`, `currency:<symbol>`, `time:<format>`, `bool:<a>/<b>`. */
const CUSTOM = /^(suffix|prefix|si|count|currency|time|bool):/;

/** Unknown units in the field defaults and overrides of every panel. */
export function unitProblems(panels: Panel[]): Problem[] {
  const out: Problem[] = [];
  for (const panel of panels) {
    const fieldConfig = getValue(panel.node, 'fieldConfig');
    const units: AstNode[] = [];
    const unit = getValue(getValue(fieldConfig, 'defaults'), 'unit');
    if (unit) {
      units.push(unit);
    }
    for (const override of items(getValue(fieldConfig, 'overrides'))) {
      for (const prop of items(getValue(override, 'properties'))) {
        const value = getValue(prop, 'value');
        if (getValue(prop, 'id')?.value === 'unit' && value) {
          units.push(value);
        }
      }
    }
    out.push(...units.flatMap(check));
  }
  return out;
}

function check(node: AstNode): Problem[] {
  const id = node.type === 'string' ? String(node.value) : undefined;
  if (id === undefined || id === '' || KNOWN.has(id) || CUSTOM.test(id) || id.includes('$')) {
    return [];
  }
  // Unit ids are words (`reqps`, `decbytes`); text with other characters (`read/s`, `req / s`) is a custom unit
  // written on purpose, which Grafana shows as given: no typo to suggest a fix for.
  const hint = /^[A-Za-z0-9µ_]+$/.test(id) ? closest(id, UNITS) : undefined;
  const problem: Problem = {
    offset: node.offset,
    length: node.length,
    severity: hint ? 'warning' : 'info',
    code: 'grafana/unknown-unit',
    message: `"${id}" is not a Grafana unit: Grafana shows it as text after each value.${hint ? ` Did you mean "${hint}"?` : ' For a custom unit, write "suffix:' + id + '".'}`,
  };
  if (hint) {
    problem.fix = { title: `Change to "${hint}"`, replacement: JSON.stringify(hint) };
  }
  return [problem];
}
