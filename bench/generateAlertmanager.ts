/**
 * A big realistic alertmanager.yml: teams under the root, services under each team, with `routes` receivers,
 * grouping, timings, `continue` on some routes, a few time intervals and inhibit rules. `routes` routes in all
 * (the root included), `receivers` receivers, each used.
 */
export function generateAlertmanagerConfig(routes: number, receivers: number, teams = 50): string {
  const perTeam = Math.ceil((routes - 1 - teams) / teams);
  const out: string[] = [
    'global:',
    '  resolve_timeout: 5m',
    'route:',
    '  receiver: rcv-0',
    '  group_by: [alertname, service]',
    '  group_wait: 30s',
    '  group_interval: 5m',
    '  repeat_interval: 4h',
    '  routes:',
  ];
  let n = 1;
  for (let t = 0; t < teams && n < routes; t++, n++) {
    out.push(`    - matchers: ['team="team-${t}"']`, `      receiver: rcv-${n % receivers}`, '      routes:');
    for (let s = 0; s < perTeam && n + 1 < routes; s++) {
      n++;
      out.push(
        `        - matchers: ['service="svc-${t}-${s}"', 'severity=~"critical|warning"']`,
        `          receiver: rcv-${n % receivers}`,
        ...(s % 10 === 0 ? ['          group_by: [alertname, service, instance]', '          group_wait: 10s', '          continue: true'] : []),
        ...(s % 25 === 0 ? ['          mute_time_intervals: [weekends]'] : []),
      );
    }
  }
  out.push(
    'time_intervals:',
    '  - name: weekends',
    '    time_intervals:',
    "      - weekdays: ['saturday', 'sunday']",
    'inhibit_rules:',
    "  - source_matchers: ['severity=\"critical\"']",
    "    target_matchers: ['severity=\"warning\"']",
    '    equal: [alertname, service]',
    'receivers:',
  );
  for (let r = 0; r < receivers; r++) {
    out.push(`  - name: rcv-${r}`, '    webhook_configs:', `      - url: http://hooks.example.com/${r}`, '        send_resolved: true');
  }
  return out.join('\n') + '\n';
}

/** Alerting rules for that tree: severity set by each rule, team and service kept by the expression. */
export function generateRoutedRules(groups: number, perGroup: number): string {
  const out: string[] = ['groups:'];
  for (let g = 0; g < groups; g++) {
    out.push(`  - name: group-${g}`, '    rules:');
    for (let r = 0; r < perGroup; r++) {
      out.push(
        `      - alert: HighErrorRate${g}x${r}`,
        `        expr: sum by (team, service, instance) (rate(http_errors_total{code=~"5.."}[5m])) > ${r + 1}`,
        '        for: 5m',
        '        labels:',
        `          severity: ${r % 3 === 0 ? 'critical' : 'warning'}`,
        '        annotations:',
        '          summary: "Errors on {{ $labels.service }}"',
        '          description: "{{ $labels.service }} of {{ $labels.team }} answers with errors."',
      );
    }
  }
  return out.join('\n') + '\n';
}
