// Values that Alertmanager parses with Go's standard library when it loads the file.

/** config.go parseURL: Go's url.Parse, then an http or https scheme and a host. */
export function goUrlError(s: string): string | undefined {
  if (/[\x00-\x1f\x7f]/.test(s)) {
    return `parse "${s}": net/url: invalid control character in URL`;
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s);
  const name = scheme ? scheme[1].toLowerCase() : '';
  const host = scheme && s.startsWith('//', scheme[0].length) ? s.slice(scheme[0].length + 2).split(/[/?#]/)[0].replace(/^.*@/, '') : '';
  if (host.includes(' ')) {
    return `parse "${s}": invalid character " " in host name`;
  }
  if (name !== 'http' && name !== 'https') {
    return `unsupported scheme "${name}" for URL`;
  }
  return host === '' ? 'missing host for URL' : undefined;
}

/** config.go HostPort: net.SplitHostPort, and a port that is not empty; an empty value is allowed. */
export function hostPortError(s: string): string | undefined {
  if (s === '') {
    return undefined;
  }
  const missing = `address ${s}: missing port in address`;
  let host: string;
  let port: string;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) {
      return `address ${s}: missing ']' in address`;
    }
    if (end + 1 === s.length) {
      return missing;
    }
    if (s[end + 1] !== ':') {
      return `address ${s}: missing port in address`;
    }
    host = s.slice(1, end);
    port = s.slice(end + 2);
  } else {
    const i = s.lastIndexOf(':');
    if (i < 0) {
      return missing;
    }
    host = s.slice(0, i);
    port = s.slice(i + 1);
    if (host.includes(':')) {
      return `address ${s}: too many colons in address`;
    }
  }
  if (port.includes(':') || host.includes('[') || host.includes(']') || port.includes('[') || port.includes(']')) {
    return `address ${s}: unexpected bracket or colon in address`;
  }
  return port === '' ? `address "${s}": port cannot be empty` : undefined;
}

const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;

/** time.ParseDuration, used by Go-duration fields (`timeout`, Pushover's `retry` and `expire`). */
export function goDurationError(s: string): string | undefined {
  return s === '0' || GO_DURATION.test(s) ? undefined : `time: invalid duration "${s}"`;
}
