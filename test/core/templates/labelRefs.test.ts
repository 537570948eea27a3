// Which alert labels a template reads, with the offset of each label name (for warnings on labels that the
// rule's aggregation drops).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelReferences } from '../../../server/src/core/templates/index';

const CASES: [string, [string, string][]][] = [
  ['{{ $labels.instance }} on {{ .Labels.job }}', [['instance', 'variable'], ['job', 'field']]],
  ['{{ index $labels "app.kubernetes.io/name" }} {{ index .Labels "x" }}', [['app.kubernetes.io/name', 'index'], ['x', 'index']]],
  ['{{ $.Labels.team }} {{ with $labels.pod }}{{ . }}{{ end }}', [['team', 'field'], ['pod', 'variable']]],
  ['{{ if eq $labels.severity "critical" }}{{ $labels.pager | toUpper }}{{ end }}', [['severity', 'variable'], ['pager', 'variable']]],
  // Inside range and with, dot is something else: .Labels no longer means the alert's labels.
  ['{{ range query "up" }}{{ .Labels.job }}{{ end }}{{ with .Labels }}{{ .x }}{{ end }}', []],
  ['{{ printf "%s/%s" (index $labels "ns") $labels.pod }}', [['ns', 'index'], ['pod', 'variable']]],
  ['{{ $labels }} {{ .Labels }} {{ $value }}', []],
  ['{{ $labels.job', []],
];

for (const [text, expected] of CASES) {
  test(`label references: ${text}`, () => {
    const refs = labelReferences(text);
    assert.deepEqual(
      refs.map((r) => [r.name, r.form]),
      expected,
    );
    for (const r of refs) {
      assert.equal(text.slice(r.offset, r.offset + r.length), r.name);
    }
  });
}
