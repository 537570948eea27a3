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
