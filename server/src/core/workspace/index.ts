import { staticMetricSource } from '../promql/complete';
import type { MetricInfo, MetricSource } from '../promql/types';
import type { FileMetrics } from './metrics';

/**
 * Metrics known from the workspace's files, kept per file so that a change re-reads only that file. Feeds
 * PromQL completion and hover when no live Prometheus is connected.
 */
export class WorkspaceMetrics {
  private readonly byFile = new Map<string, FileMetrics>();
  private cached?: MetricSource;

  set(path: string, metrics: FileMetrics): void {
    if (metrics.metrics.length === 0 && metrics.scrapeInterval === undefined && metrics.evaluationInterval === undefined && !this.byFile.has(path)) {
      return;
    }
    this.byFile.set(path, metrics);
    this.cached = undefined;
  }

  delete(path: string): void {
    if (this.byFile.delete(path)) {
      this.cached = undefined;
    }
  }

  /** The shortest global scrape interval of the workspace's Prometheus configurations (seconds), if any. */
  scrapeInterval(): number | undefined {
    return this.shortest('scrapeInterval');
  }

  /** The shortest global rule evaluation interval of the workspace's Prometheus configurations (seconds), if any. */
  evaluationInterval(): number | undefined {
    return this.shortest('evaluationInterval');
  }

  private shortest(key: 'scrapeInterval' | 'evaluationInterval'): number | undefined {
    const all = [...this.byFile.values()].map((f) => f[key]).filter((s): s is number => s !== undefined);
    return all.length ? Math.min(...all) : undefined;
  }

  get size(): number {
    return this.byFile.size;
  }

  source(): MetricSource {
    if (!this.cached) {
      const metrics: MetricInfo[] = [];
      const labels: Record<string, Record<string, string[]>> = {};
      for (const f of this.byFile.values()) {
        metrics.push(...f.metrics);
        for (const [metric, byLabel] of Object.entries(f.labels)) {
          const into = (labels[metric] ??= {});
          for (const [label, values] of Object.entries(byLabel)) {
            into[label] = [...new Set([...(into[label] ?? []), ...values])];
          }
        }
      }
      this.cached = staticMetricSource(metrics, labels);
    }
    return this.cached;
  }
}
