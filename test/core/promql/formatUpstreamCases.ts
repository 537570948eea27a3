// The test vectors of Prometheus's promql/parser/prettier_test.go (Apache-2.0), run at its line length of 10 so
// that small inputs exercise every splitting rule. [test function, input, expected output].
export const UPSTREAM_WIDTH_10: [group: string, input: string, expected: string][] = [
  ['TestAggregateExprPretty', `sum(foo)`, `sum(foo)`],
  [
    'TestAggregateExprPretty',
    `sum by() (task:errors:rate10s{job="s"})`,
    `sum(
  task:errors:rate10s{job="s"}
)`,
  ],
  [
    'TestAggregateExprPretty',
    `sum without(job,foo) (task:errors:rate10s{job="s"})`,
    `sum without (job, foo) (
  task:errors:rate10s{job="s"}
)`,
  ],
  [
    'TestAggregateExprPretty',
    `sum(task:errors:rate10s{job="s"}) without(job,foo)`,
    `sum without (job, foo) (
  task:errors:rate10s{job="s"}
)`,
  ],
  [
    'TestAggregateExprPretty',
    `sum by(job,foo) (task:errors:rate10s{job="s"})`,
    `sum by (job, foo) (
  task:errors:rate10s{job="s"}
)`,
  ],
  [
    'TestAggregateExprPretty',
    `sum (task:errors:rate10s{job="s"}) by(job,foo)`,
    `sum by (job, foo) (
  task:errors:rate10s{job="s"}
)`,
  ],
  [
    'TestAggregateExprPretty',
    `topk(10, ask:errors:rate10s{job="s"})`,
    `topk(
  10,
  ask:errors:rate10s{job="s"}
)`,
  ],
  [
    'TestAggregateExprPretty',
    `sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job="s"}))`,
    `sum by (job, foo) (
  sum by (job, foo) (
    task:errors:rate10s{job="s"}
  )
)`,
  ],
  [
    'TestAggregateExprPretty',
    `sum by(job,foo) (sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job="s"})))`,
    `sum by (job, foo) (
  sum by (job, foo) (
    sum by (job, foo) (
      task:errors:rate10s{job="s"}
    )
  )
)`,
  ],
  [
    'TestAggregateExprPretty',
    `sum by(job,foo)
(sum by(job,foo) (task:errors:rate10s{job="s"}))`,
    `sum by (job, foo) (
  sum by (job, foo) (
    task:errors:rate10s{job="s"}
  )
)`,
  ],
  [
    'TestAggregateExprPretty',
    `sum by(job,foo)
(sum(task:errors:rate10s{job="s"}) without(job,foo))`,
    `sum by (job, foo) (
  sum without (job, foo) (
    task:errors:rate10s{job="s"}
  )
)`,
  ],
  [
    'TestAggregateExprPretty',
    `sum by(job,foo) # Comment 1.
(sum by(job,foo) ( # Comment 2.
task:errors:rate10s{job="s"}))`,
    `sum by (job, foo) (
  sum by (job, foo) (
    task:errors:rate10s{job="s"}
  )
)`,
  ],
  ['TestBinaryExprPretty', `a+b`, `a + b`],
  [
    'TestBinaryExprPretty',
    `a == bool 1`,
    `  a
== bool
  1`,
  ],
  [
    'TestBinaryExprPretty',
    `a + ignoring(job) b`,
    `  a
+ ignoring (job)
  b`,
  ],
  [
    'TestBinaryExprPretty',
    `foo_1 + foo_2`,
    `  foo_1
+
  foo_2`,
  ],
  [
    'TestBinaryExprPretty',
    `foo_1 + foo_2 + foo_3`,
    `    foo_1
  +
    foo_2
+
  foo_3`,
  ],
  [
    'TestBinaryExprPretty',
    `foo + baar + foo_3`,
    `  foo + baar
+
  foo_3`,
  ],
  [
    'TestBinaryExprPretty',
    `foo_1 + foo_2 + foo_3 + foo_4`,
    `      foo_1
    +
      foo_2
  +
    foo_3
+
  foo_4`,
  ],
  [
    'TestBinaryExprPretty',
    `foo_1 + ignoring(foo) foo_2 + ignoring(job) group_left foo_3 + on(instance) group_right foo_4`,
    `      foo_1
    + ignoring (foo)
      foo_2
  + ignoring (job) group_left ()
    foo_3
+ on (instance) group_right ()
  foo_4`,
  ],
  [
    'TestCallExprPretty',
    `rate(foo[1m])`,
    `rate(
  foo[1m]
)`,
  ],
  [
    'TestCallExprPretty',
    `sum_over_time(foo[1m])`,
    `sum_over_time(
  foo[1m]
)`,
  ],
  [
    'TestCallExprPretty',
    `rate(long_vector_selector[10m:1m] @ start() offset 1m)`,
    `rate(
  long_vector_selector[10m:1m] @ start() offset 1m
)`,
  ],
  [
    'TestCallExprPretty',
    `histogram_quantile(0.9, rate(foo[1m]))`,
    `histogram_quantile(
  0.9,
  rate(
    foo[1m]
  )
)`,
  ],
  [
    'TestCallExprPretty',
    `max_over_time(rate(demo_api_request_duration_seconds_count[1m])[1m:] @ start() offset 1m)`,
    `max_over_time(
  rate(
    demo_api_request_duration_seconds_count[1m]
  )[1m:] @ start() offset 1m
)`,
  ],
  [
    'TestCallExprPretty',
    `label_replace(up{job="api-server",service="a:c"}, "foo", "$1", "service", "(.*):.*")`,
    `label_replace(
  up{job="api-server",service="a:c"},
  "foo",
  "$1",
  "service",
  "(.*):.*"
)`,
  ],
  [
    'TestCallExprPretty',
    `label_replace(label_replace(up{job="api-server",service="a:c"}, "foo", "$1", "service", "(.*):.*"), "foo", "$1", "service", "(.*):.*")`,
    `label_replace(
  label_replace(
    up{job="api-server",service="a:c"},
    "foo",
    "$1",
    "service",
    "(.*):.*"
  ),
  "foo",
  "$1",
  "service",
  "(.*):.*"
)`,
  ],
  ['TestParenExprPretty', `(foo)`, `(foo)`],
  [
    'TestParenExprPretty',
    `(_foo_long_)`,
    `(
  _foo_long_
)`,
  ],
  [
    'TestParenExprPretty',
    `((foo_long))`,
    `(
  (foo_long)
)`,
  ],
  [
    'TestParenExprPretty',
    `((_foo_long_))`,
    `(
  (
    _foo_long_
  )
)`,
  ],
  [
    'TestParenExprPretty',
    `(((foo_long)))`,
    `(
  (
    (foo_long)
  )
)`,
  ],
  ['TestStepInvariantExpr', `a @ 1`, `a @ 1.000`],
  ['TestStepInvariantExpr', `a @ start()`, `a @ start()`],
  ['TestStepInvariantExpr', `vector_selector @ start()`, `vector_selector @ start()`],
  ['TestExprPretty', `(1 + 2)`, `(1 + 2)`],
  [
    'TestExprPretty',
    `(foo + bar)`,
    `(
  foo + bar
)`,
  ],
  [
    'TestExprPretty',
    `(foo_long + bar_long)`,
    `(
    foo_long
  +
    bar_long
)`,
  ],
  [
    'TestExprPretty',
    `(foo_long + bar_long + bar_2_long)`,
    `(
      foo_long
    +
      bar_long
  +
    bar_2_long
)`,
  ],
  [
    'TestExprPretty',
    `((foo_long + bar_long) + bar_2_long)`,
    `(
    (
        foo_long
      +
        bar_long
    )
  +
    bar_2_long
)`,
  ],
  [
    'TestExprPretty',
    `(1111 + 2222)`,
    `(
    1111
  +
    2222
)`,
  ],
  [
    'TestExprPretty',
    `(sum_over_time(foo[1m]))`,
    `(
  sum_over_time(
    foo[1m]
  )
)`,
  ],
  [
    'TestExprPretty',
    `histogram_quantile(0.9, rate(foo[1m] @ start()))`,
    `histogram_quantile(
  0.9,
  rate(
    foo[1m] @ start()
  )
)`,
  ],
  [
    'TestExprPretty',
    `(label_replace(up{job="api-server",service="a:c"}, "foo", "$1", "service", "(.*):.*"))`,
    `(
  label_replace(
    up{job="api-server",service="a:c"},
    "foo",
    "$1",
    "service",
    "(.*):.*"
  )
)`,
  ],
  [
    'TestExprPretty',
    `(label_replace(label_replace(up{job="api-server",service="a:c"}, "foo", "$1", "service", "(.*):.*"), "foo", "$1", "service", "(.*):.*"))`,
    `(
  label_replace(
    label_replace(
      up{job="api-server",service="a:c"},
      "foo",
      "$1",
      "service",
      "(.*):.*"
    ),
    "foo",
    "$1",
    "service",
    "(.*):.*"
  )
)`,
  ],
  [
    'TestExprPretty',
    `(label_replace(label_replace((up{job="api-server",service="a:c"}), "foo", "$1", "service", "(.*):.*"), "foo", "$1", "service", "(.*):.*"))`,
    `(
  label_replace(
    label_replace(
      (
        up{job="api-server",service="a:c"}
      ),
      "foo",
      "$1",
      "service",
      "(.*):.*"
    ),
    "foo",
    "$1",
    "service",
    "(.*):.*"
  )
)`,
  ],
  [
    'TestExprPretty',
    `(node_filesystem_avail_bytes{job="node",fstype!=""} / node_filesystem_size_bytes{job="node",fstype!=""} * 100 < 40 and predict_linear(node_filesystem_avail_bytes{job="node",fstype!=""}[6h], 24*60*60) < 0 and node_filesystem_readonly{job="node",fstype!=""} == 0)`,
    `(
            node_filesystem_avail_bytes{fstype!="",job="node"}
          /
            node_filesystem_size_bytes{fstype!="",job="node"}
        *
          100
      <
        40
    and
        predict_linear(
          node_filesystem_avail_bytes{fstype!="",job="node"}[6h],
            24 * 60
          *
            60
        )
      <
        0
  and
      node_filesystem_readonly{fstype!="",job="node"}
    ==
      0
)`,
  ],
  [
    'TestExprPretty',
    `(node_filesystem_avail_bytes{job="node",fstype!=""} / node_filesystem_size_bytes{job="node",fstype!=""} * 100 < 20 and predict_linear(node_filesystem_avail_bytes{job="node",fstype!=""}[6h], 4*60*60) < 0 and node_filesystem_readonly{job="node",fstype!=""} == 0)`,
    `(
            node_filesystem_avail_bytes{fstype!="",job="node"}
          /
            node_filesystem_size_bytes{fstype!="",job="node"}
        *
          100
      <
        20
    and
        predict_linear(
          node_filesystem_avail_bytes{fstype!="",job="node"}[6h],
            4 * 60
          *
            60
        )
      <
        0
  and
      node_filesystem_readonly{fstype!="",job="node"}
    ==
      0
)`,
  ],
  [
    'TestExprPretty',
    `(node_timex_offset_seconds > 0.05 and deriv(node_timex_offset_seconds[5m]) >= 0) or (node_timex_offset_seconds < -0.05 and deriv(node_timex_offset_seconds[5m]) <= 0)`,
    `  (
        node_timex_offset_seconds
      >
        0.05
    and
        deriv(
          node_timex_offset_seconds[5m]
        )
      >=
        0
  )
or
  (
        node_timex_offset_seconds
      <
        -0.05
    and
        deriv(
          node_timex_offset_seconds[5m]
        )
      <=
        0
  )`,
  ],
  [
    'TestExprPretty',
    `1 - ((node_memory_MemAvailable_bytes{job="node"} or (node_memory_Buffers_bytes{job="node"} + node_memory_Cached_bytes{job="node"} + node_memory_MemFree_bytes{job="node"} + node_memory_Slab_bytes{job="node"}) ) / node_memory_MemTotal_bytes{job="node"})`,
    `  1
-
  (
      (
          node_memory_MemAvailable_bytes{job="node"}
        or
          (
                  node_memory_Buffers_bytes{job="node"}
                +
                  node_memory_Cached_bytes{job="node"}
              +
                node_memory_MemFree_bytes{job="node"}
            +
              node_memory_Slab_bytes{job="node"}
          )
      )
    /
      node_memory_MemTotal_bytes{job="node"}
  )`,
  ],
  [
    'TestExprPretty',
    `min by (job, integration) (rate(alertmanager_notifications_failed_total{job="alertmanager", integration=~".*"}[5m]) / rate(alertmanager_notifications_total{job="alertmanager", integration="~.*"}[5m])) > 0.01`,
    `  min by (job, integration) (
      rate(
        alertmanager_notifications_failed_total{integration=~".*",job="alertmanager"}[5m]
      )
    /
      rate(
        alertmanager_notifications_total{integration="~.*",job="alertmanager"}[5m]
      )
  )
>
  0.01`,
  ],
  [
    'TestExprPretty',
    `(count by (job) (changes(process_start_time_seconds{job="alertmanager"}[10m]) > 4) / count by (job) (up{job="alertmanager"})) >= 0.5`,
    `  (
      count by (job) (
          changes(
            process_start_time_seconds{job="alertmanager"}[10m]
          )
        >
          4
      )
    /
      count by (job) (
        up{job="alertmanager"}
      )
  )
>=
  0.5`,
  ],
  ['TestUnaryPretty', `-1`, `-1`],
  ['TestUnaryPretty', `-vector_selector`, `-vector_selector`],
  [
    'TestUnaryPretty',
    `(-vector_selector)`,
    `(
  -vector_selector
)`,
  ],
  [
    'TestUnaryPretty',
    `-histogram_quantile(0.9,rate(foo[1m]))`,
    `-histogram_quantile(
  0.9,
  rate(
    foo[1m]
  )
)`,
  ],
  [
    'TestUnaryPretty',
    `-histogram_quantile(0.99, sum by (le) (rate(foo[1m])))`,
    `-histogram_quantile(
  0.99,
  sum by (le) (
    rate(
      foo[1m]
    )
  )
)`,
  ],
  [
    'TestUnaryPretty',
    `-histogram_quantile(0.9, -rate(foo[1m] @ start()))`,
    `-histogram_quantile(
  0.9,
  -rate(
    foo[1m] @ start()
  )
)`,
  ],
  [
    'TestUnaryPretty',
    `(-histogram_quantile(0.9, -rate(foo[1m] @ start())))`,
    `(
  -histogram_quantile(
    0.9,
    -rate(
      foo[1m] @ start()
    )
  )
)`,
  ],
  [
    'TestDurationExprPretty',
    `rate(foo[2*1h])`,
    `rate(
  foo[2 * 1h]
)`,
  ],
  [
    'TestDurationExprPretty',
    `rate(foo[2*1h])`,
    `rate(
  foo[2 * 1h]
)`,
  ],
  [
    'TestDurationExprPretty',
    `rate(foo[-5m+35m])`,
    `rate(
  foo[-5m + 35m]
)`,
  ],
];
