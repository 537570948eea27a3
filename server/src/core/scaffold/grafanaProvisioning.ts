import { address } from './images';
import { has, type ScaffoldOptions } from './options';
import { yamlText } from './yamlText';

/** Data sources with fixed uids: the dashboards refer to them by uid, so they must not be generated per instance. */
export function datasourcesText(o: ScaffoldOptions): string {
  const datasources: Record<string, unknown>[] = [
    {
      name: 'Prometheus',
      type: 'prometheus',
      uid: 'prometheus',
      access: 'proxy',
      url: `http://${address('prometheus')}`,
      isDefault: true,
      editable: false,
      jsonData: {
        timeInterval: '15s',
        httpMethod: 'POST',
        ...(has(o, 'alertmanager') ? { alertmanagerUid: 'alertmanager' } : {}),
      },
    },
  ];
  if (has(o, 'alertmanager')) {
    datasources.push({
      name: 'Alertmanager',
      type: 'alertmanager',
      uid: 'alertmanager',
      access: 'proxy',
      url: `http://${address('alertmanager')}`,
      editable: false,
      jsonData: { implementation: 'prometheus', handleGrafanaManagedAlerts: false },
    });
  }
  if (has(o, 'loki')) {
    datasources.push({
      name: 'Loki',
      type: 'loki',
      uid: 'loki',
      access: 'proxy',
      url: `http://${address('loki')}`,
      editable: false,
      jsonData: { maxLines: 1000 },
    });
  }
  return yamlText('Data sources Grafana creates at start-up. timeInterval is the scrape interval of prometheus.yml.', { apiVersion: 1, datasources });
}

export function dashboardProviderText(): string {
  return yamlText('Loads the dashboards of grafana/dashboards, mounted into the Grafana container at options.path.', {
    apiVersion: 1,
    providers: [
      {
        name: 'monitoring',
        folder: 'Monitoring',
        type: 'file',
        disableDeletion: true,
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        options: { path: '/var/lib/grafana/dashboards' },
      },
    ],
  });
}
