/**
 * Go's net.SplitHostPort, net.JoinHostPort and net.ParseIP, as Prometheus's stripPort and stripDomain use them.
 */

/** net.SplitHostPort; undefined where Go returns an error. */
export function splitHostPort(hostport: string): { host: string; port: string } | undefined {
  const i = hostport.lastIndexOf(':');
  if (i < 0) {
    return undefined;
  }
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0 || end + 1 === hostport.length || end + 1 !== i) {
      return undefined;
    }
    host = hostport.slice(1, end);
    [j, k] = [1, end + 1];
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) {
      return undefined;
    }
  }
  if (hostport.slice(j).includes('[') || hostport.slice(k).includes(']')) {
    return undefined;
  }
  return { host, port: hostport.slice(i + 1) };
}

export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(?:0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  if (!s.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(s)) {
    return false;
  }
  let body = s;
  const groups = 8;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(s.slice(lastColon + 1))) {
      return false;
    }
    body = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = body.split('::');
  if (halves.length > 2) {
    return false;
  }
  const valid = (h: string) => h === '' || h.split(':').every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g));
  const count = (h: string) => (h === '' ? 0 : h.split(':').length);
  if (!halves.every(valid)) {
    return false;
  }
  const n = halves.reduce((a, h) => a + count(h), 0);
  return halves.length === 2 ? n < groups : n === groups;
}

/** Whether net.ParseIP accepts the text (IPv4 dotted decimal without leading zeros, or IPv6). */
export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}
