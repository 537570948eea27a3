// Go's number formatting and fmt, value by value. Every expected text below was printed by Go (promtool 2.42
// expanding `printf` in an alert annotation), including the half-to-even ties and the `%!verb(…)` annotations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloat, formatValue, sprint, sprintf, sprintln, stringMap } from '../../../server/src/core/templates/index';
import type { FloatFormat } from '../../../server/src/core/templates/goFloat';

const FLOATS: [number, FloatFormat, number, string][] = [
  [1e6, 'g', -1, '1e+06'],
  [1e21, 'g', -1, '1e+21'],
  [100000, 'g', -1, '100000'],
  [123456789, 'g', -1, '1.23456789e+08'],
  [1234567, 'g', -1, '1.234567e+06'],
  [0.0001, 'g', -1, '0.0001'],
  [1e-5, 'g', -1, '1e-05'],
  [1.234e-5, 'g', -1, '1.234e-05'],
  [12345678901234567890, 'g', -1, '1.2345678901234567e+19'],
  [-0, 'g', -1, '-0'],
  [5e-324, 'g', -1, '5e-324'],
  [1.7976931348623157e308, 'g', -1, '1.7976931348623157e+308'],
  [NaN, 'g', -1, 'NaN'],
  [Infinity, 'g', -1, '+Inf'],
  [-Infinity, 'f', 2, '-Inf'],
  [12345, 'g', 4, '1.234e+04'],
  [12.345, 'g', 4, '12.35'],
  [1000, 'g', 4, '1000'],
  [10000, 'g', 4, '1e+04'],
  [0, 'g', 4, '0'],
  [5e-324, 'g', 4, '4.941e-324'],
  [1.005, 'f', 2, '1.00'],
  [2.345, 'f', 2, '2.35'],
  [0.5, 'f', 0, '0'],
  [1.5, 'f', 0, '2'],
  [2.5, 'f', 0, '2'],
  [1.5e-7, 'f', 2, '0.00'],
  [0.009, 'f', 2, '0.01'],
  [99999.95, 'e', 3, '1.000e+05'],
  [0.000012, 'E', 6, '1.200000E-05'],
  [1e100, 'f', 0, '10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104'],
  [1.5, 'x', -1, '0x1.8p+00'],
  [-0.1, 'X', -1, '-0X1.999999999999AP-04'],
  [1, 'x', 3, '0x1.000p+00'],
  [1234.5678, 'x', -1, '0x1.34a456d5cfaadp+10'],
  [2, 'b', -1, '4503599627370496p-51'],
];

for (const [v, fmt, prec, expected] of FLOATS) {
  test(`strconv.FormatFloat(${v}, '${fmt}', ${prec})`, () => {
    assert.equal(formatFloat(v, fmt, prec), expected);
  });
}

const PRINTF: [string, unknown[], string][] = [
  ['%+d|% d|%#o|%#x|%#X|%08d|%-8d|%8.3d|%x|%X', [5n, 5n, 8n, 255n, 255n, -42n, 42n, 7n, -255n, 3054n], '+5| 5|010|0xff|0XFF|-0000042|42      |     007|-ff|BEE'],
  [
    '%e|%E|%.3e|%G|%g|%.0e|%10.2e|%-10.1f|%+.2f|% .2f',
    [1234.5678, 0.000012, 99999.95, 1e-10, 1e21, 5.5, -1.5, 2.25, 3.14159, 3.14159],
    '1.234568e+03|1.200000E-05|1.000e+05|1E-10|1e+21|6e+00| -1.50e+00|2.2       |+3.14| 3.14',
  ],
  ['%q|%+q|%#q|%x|% x|%X|%.2s|%5s|%-5s|%05s', ['héllo\n', 'héllo', 'back`tick', 'hi', 'hi', 'hi', 'héllo', 'ab', 'ab', 'ab'], '"héllo\\n"|"h\\u00e9llo"|"back`tick"|6869|68 69|6869|hé|   ab|ab   |000ab'],
  ['%c|%q|%U|%#U|%b|%o|%O', [233n, 233n, 233n, 233n, 5n, 64n, 64n], "é|'é'|U+00E9|U+00E9 'é'|101|100|0o100"],
  ['%t|%5t|%v|%s', [true, false, true, false], 'true|false|true|%!s(bool=false)'],
  ['%!|%z|%', [1n, 2n], '%!!(int=1)|%!z(int=2)|%!(NOVERB)'],
  ['%[3]d %[1]d %d|%[5]d|%[0]d|%[x]d', [1n, 2n, 3n], '3 1 2|%!d(BADINDEX)|%!d(BADINDEX)|%!d(BADINDEX)'],
  ['%*.*f|%-*d|%*d', [8n, 2n, 3.14159, 5n, 42n, 'x', 1n], '    3.14|42   |%!(BADWIDTH)1'],
  ['%s|%d|%.1f|%5.1d', [1.5, 'x', 'x', 3.0], '%!s(float64=1.5)|%!d(string=x)|%!f(string=x)|%!d(float64=    3)'],
  ['%-5s|%.0f', [42n, 'abcdef'], '%!s(int=42   )|%!f(string=)'],
  ['%d %d', [1n], '1 %!d(MISSING)'],
  ['%d', [1n, 2n], '1%!(EXTRA int=2)'],
  ['%6.2f%%', [12.3456], ' 12.35%'],
  ['%v %v', [null, 1.0], '<nil> 1'],
];

for (const [format, args, expected] of PRINTF) {
  test(`fmt.Sprintf(${JSON.stringify(format)})`, () => {
    assert.equal(sprintf(format, args as never[]), expected);
  });
}

test('print and println put spaces as Go does', () => {
  assert.equal(sprint([1n, 2n, 'a', 3n]), '1 2a3');
  assert.equal(sprint([3, 'node', 1n, 2n]), '3node1 2');
  assert.equal(sprintln(['a', 1n]), 'a 1\n');
});

test('maps print with sorted keys, and each element takes the verb', () => {
  const labels = stringMap({ job: 'node', instance: 'a:9100', __name__: 'm' });
  assert.equal(formatValue(labels), 'map[__name__:m instance:a:9100 job:node]');
  assert.equal(sprintf('%d', [labels]), 'map[%!d(string=__name__):%!d(string=m) %!d(string=instance):%!d(string=a:9100) %!d(string=job):%!d(string=node)]');
});
