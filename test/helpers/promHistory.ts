// Waits until a freshly started test Prometheus has some history, so range queries over the last seconds have
// several samples per series.

/** Resolves once Prometheus holds at least `samples` scrapes of its own `up` series (1 s apart); throws after `ms`. */
export async function waitForHistory(url: string, samples: number, ms = 30_000): Promise<void> {
  const query = encodeURIComponent(`count_over_time(up{job="prometheus"}[${samples + 5}s])`);
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const body = (await (await fetch(`${url}/api/v1/query?query=${query}`)).json()) as { data: { result: { value: [number, string] }[] } };
    if (Number(body.data.result[0]?.value[1] ?? 0) >= samples) {
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} has fewer than ${samples} samples of up after ${ms} ms`);
}

/** A stretch of `ALERTS{alertstate="firing"}` samples: the evaluations at which Prometheus itself had the alert firing. */
export interface FiredInterval {
  labels: Record<string, string>;
  /** Unix seconds of the first and the last firing sample. */
  first: number;
  last: number;
}

/**
 * The firing intervals Prometheus wrote for an alert over the last `seconds` (raw `ALERTS` samples, split where
 * consecutive samples are more than 1.5 evaluation intervals apart).
 */
export async function firedIntervals(url: string, alertname: string, seconds: number, intervalSeconds = 1): Promise<FiredInterval[]> {
  const query = encodeURIComponent(`ALERTS{alertname=${JSON.stringify(alertname)}, alertstate="firing"}[${Math.ceil(seconds)}s]`);
  const body = (await (await fetch(`${url}/api/v1/query?query=${query}`)).json()) as { data: { result: { metric: Record<string, string>; values: [number, string][] }[] } };
  const out: FiredInterval[] = [];
  for (const series of body.data.result) {
    const { __name__: _, alertstate: __, ...labels } = series.metric;
    for (const [t] of series.values) {
      const last = out.at(-1);
      if (last && JSON.stringify(last.labels) === JSON.stringify(labels) && t - last.last <= 1.5 * intervalSeconds) {
        last.last = t;
      } else {
        out.push({ labels, first: t, last: t });
      }
    }
  }
  return out.sort((a, b) => a.first - b.first);
}

/** Resolves once Prometheus has written at least `count` completed firing intervals of the alert; throws after `ms`. */
export async function waitForFirings(url: string, alertname: string, count: number, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const now = Date.now() / 1000;
    const done = (await firedIntervals(url, alertname, 600)).filter((i) => i.last < now - 3);
    if (done.length >= count) {
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} has not fired ${alertname} ${count} times after ${ms} ms`);
}
