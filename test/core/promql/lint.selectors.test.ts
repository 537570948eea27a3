// Table-driven tests of the selector lints (lintSelectors.ts): `promql/needless-regex` and `promql/absent-with-regex`.
// Rows as in lint.counters.test.ts: expression, findings ([severity, flagged text or [from, to], message,
// [fix title, expression after the fix]]), options.
import { run } from './lintHelpers';


const anchors = 'Prometheus anchors regexes at both ends already';

run('needless-regex', [
  ['up{job=~"api"}', [['info', 'job=~"api"', 'job=~"api" has no regex special characters: use job="api"', ['Use =', 'up{job="api"}']]]],
  ['up{job!~"api"}', [['info', 'job!~"api"', 'job!~"api" has no regex special characters: use job!="api"', ['Use !=', 'up{job!="api"}']]]],
  ['up{job =~ `api`}', [['info', 'job =~ `api`', 'job =~ `api` has no regex special characters: use job="api"', ['Use =', 'up{job = `api`}']]]],
  ['up{job=~""}', [['info', 'job=~""', 'job=~"" has no regex special characters: use job=""', ['Use =', 'up{job=""}']]]],
  ['{__name__=~"up", job="api"}', [['info', '__name__=~"up"', '__name__=~"up" has no regex special characters: use __name__="up"', ['Use =', '{__name__="up", job="api"}']]]],
  [
    'up{job=~"^api$"}',
    [['info', 'job=~"^api$"', `job=~"^api$": ${anchors}, and without the anchors this is a plain string: use job="api"`, ['Use =', 'up{job="api"}']]],
  ],
  [
    'http_requests_total{code=~"^5..$"}',
    [['info', 'code=~"^5..$"', `code=~"^5..$": ${anchors}, so the ^ and $ are redundant`, ['Remove the redundant anchors', 'http_requests_total{code=~"5.."}']]],
  ],
  [
    'node_filesystem_avail_bytes{fstype!~"^(fuse.*|tmpfs|cifs|nfs)"}',
    [
      [
        'info',
        'fstype!~"^(fuse.*|tmpfs|cifs|nfs)"',
        `fstype!~"^(fuse.*|tmpfs|cifs|nfs)": ${anchors}, so the ^ is redundant`,
        ['Remove the redundant anchors', 'node_filesystem_avail_bytes{fstype!~"(fuse.*|tmpfs|cifs|nfs)"}'],
      ],
    ],
  ],
  ['x{path=~"/api/.*$"}', [['info', 'path=~"/api/.*$"', `path=~"/api/.*$": ${anchors}, so the $ is redundant`, ['Remove the redundant anchors', 'x{path=~"/api/.*"}']]]],
  [
    'kube_pod_info{namespace=~".*", pod="x"}',
    [
      [
        'info',
        'namespace=~".*"',
        'namespace=~".*" filters nothing: it matches every value, the empty one (no "namespace" label) included',
        ['Remove namespace=~".*"', 'kube_pod_info{pod="x"}'],
      ],
    ],
  ],
  ['x{a="1", b=~"^.*$"}', [['info', 'b=~"^.*$"', 'b=~"^.*$" filters nothing: it matches every value, the empty one (no "b" label) included', ['Remove b=~"^.*$"', 'x{a="1"}']]]],
  ['x{b=~".*"}', [['info', 'b=~".*"', 'b=~".*" filters nothing: it matches every value, the empty one (no "b" label) included', ['Remove b=~".*"', 'x']]]],
  ['{job=~".*", instance="a"}', [['info', 'job=~".*"', 'job=~".*" filters nothing: it matches every value, the empty one (no "job" label) included', ['Remove job=~".*"', '{instance="a"}']]]],
  [
    '{job=~".*", instance=~"a.*"}',
    [['info', 'job=~".*"', 'job=~".*" filters nothing: it matches every value, the empty one (no "job" label) included', ['Remove job=~".*"', '{instance=~"a.*"}']]],
  ],
  // No fix where what is left would match the empty label set (an invalid selector).
  ['{job=~".*", instance=~"a?"}', [['info', 'job=~".*"', 'job=~".*" filters nothing: it matches every value, the empty one (no "job" label) included']]],
  [
    'alertmanager_notifications_failed_total{integration!~`.*`}',
    [['warning', 'integration!~`.*`', 'integration!~`.*` matches no series at all: every value, the empty one included, matches ".*"']],
  ],
  // Not flagged: real regexes, escaped dollars, case-insensitive flags.
  ['up{job=~"api|web"}', []],
  ['sum by (code) (rate(http_requests_total{code=~"5.."}[5m]))', []],
  ['changes(node_network_up{job="node-exporter", device!~"veth.+"}[2m]) > 2', []],
  ['kube_persistentvolume_status_phase{phase=~"Failed|Pending", job="kube-state-metrics"} > 0', []],
  ['node_md_disks{state="failed", device=~"(/dev/)?(mmcblk.p.+|nvme.+|rbd.+|sd.+|vd.+|xvd.+|dm-.+|md.+|dasd.+)"} > 0', []],
  ['x{price=~"cost\\\\$"}', []],
  ['up{job=~".+"}', []],
  ['up{job=~"(?i)api"}', []],
  ['x{host=~"web\\\\.example\\\\.com"}', []],
  ['up{job="api", instance!=""}', []],
]);

run('absent-with-regex', [
  [
    'absent(up{job=~"api|web"})',
    [
      [
        'info',
        'job=~"api|web"',
        'absent() with job=~"api|web": it returns nothing as long as any series matches, so it cannot tell which value went missing, and its result has no "job" label (only = matchers are copied into it)',
      ],
    ],
    { context: 'alert' },
  ],
  ['absent_over_time(up{job!="api"}[5m])', [['info', 'job!="api"', 'absent_over_time() with job!="api": its result has no "job" label (only = matchers are copied into it)']]],
  [
    'absent({__name__=~"kube_.*_info"})',
    [['info', '__name__=~"kube_.*_info"', 'absent() with __name__=~"kube_.*_info": it returns nothing as long as any series matches, so it cannot tell which metric went missing']],
  ],
  [
    'absent(up{job=~"a.*", instance!~"x"})',
    [
      [
        'info',
        'job=~"a.*"',
        'absent() with job=~"a.*": it returns nothing as long as any series matches, so it cannot tell which value went missing, and its result has no "job" label (only = matchers are copied into it)',
      ],
      [
        'info',
        'instance!~"x"',
        'absent() with instance!~"x": it returns nothing as long as any series matches, so it cannot tell which value went missing, and its result has no "instance" label (only = matchers are copied into it)',
      ],
    ],
  ],
  // Not flagged: equality matchers, non-selector arguments, absent() used as a fallback value.
  ['absent(up{job="apiserver"})', [], { context: 'alert' }],
  ['absent(up{job="kube-scheduler"} == 1)', [], { context: 'alert' }],
  ['absent_over_time(up{job="api", instance="a:9100"}[15m])', [], { context: 'alert' }],
  ['increase((max without (instance) (etcd_server_leader_changes_seen_total{job=~".*etcd.*"}) or 0*absent(etcd_server_leader_changes_seen_total{job=~".*etcd.*"}))[15m:1m]) >= 4', [], { context: 'alert' }],
  ['up{job=~"a|b"} == 0', [], { context: 'alert' }],
  ['absent(nonexistent{job="x", instance="y"})', []],
]);
