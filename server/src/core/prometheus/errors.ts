/**
 * Why a request to Prometheus failed, so callers can tell the user what to fix:
 * - `config`: the connection settings themselves are wrong (bad URL, unreadable CA file);
 * - `unreachable`: no answer from the server (connection refused, unknown host, TLS handshake, dropped connection);
 * - `timeout`: no complete answer within the time allowed;
 * - `cancelled`: the caller gave up (its AbortSignal fired);
 * - `auth`: the server (or a proxy in front of it) refused the credentials, HTTP 401 / 403;
 * - `api`: Prometheus answered with its own error (`errorType` and `error`, kept verbatim);
 * - `http`: any other unsuccessful HTTP answer that is not a Prometheus error (404 of a missing endpoint, 502 …);
 * - `badResponse`: a successful answer that is not the Prometheus API's JSON (an HTML page, truncated JSON …);
 * - `tooLarge`: the answer is bigger than the size cap.
 */
export type PrometheusErrorKind =
  | 'config'
  | 'unreachable'
  | 'timeout'
  | 'cancelled'
  | 'auth'
  | 'api'
  | 'http'
  | 'badResponse'
  | 'tooLarge';

export interface PrometheusErrorDetails {
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** Prometheus's `errorType` (`bad_data`, `execution`, `timeout`, `canceled`, `internal`, `unavailable` …). */
  errorType?: string;
  /** Prometheus's `error` text exactly as it sent it. */
  apiError?: string;
  /** The underlying error (a socket or TLS error), for logs. */
  cause?: unknown;
}

/** The one error type the Prometheus client throws; `message` is written for the user and never holds secrets. */
export class PrometheusError extends Error {
  readonly status?: number;
  readonly errorType?: string;
  readonly apiError?: string;

  constructor(
    readonly kind: PrometheusErrorKind,
    message: string,
    details: PrometheusErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PrometheusError';
    this.status = details.status;
    this.errorType = details.errorType;
    this.apiError = details.apiError;
  }
}

/** What a status display shows for a connection after a failure of this kind. */
export function failureState(kind: PrometheusErrorKind): 'unreachable' | 'authFailed' | 'connected' {
  switch (kind) {
    case 'auth':
      return 'authFailed';
    case 'config':
    case 'unreachable':
    case 'timeout':
      return 'unreachable';
    default:
      // The server answered, only not the way this request wanted.
      return 'connected';
  }
}

// Node's TLS verification codes (openssl's X509_V_ERR_* names) that mean "certificate not trusted".
const UNTRUSTED_CERT = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'the connection closed before the answer was complete',
  UND_ERR_CLOSED: 'the connection closed before the answer was complete',
};

/** Turns a socket, DNS or TLS error from a request to `where` (origin only, no credentials) into a PrometheusError. */
export function networkError(where: string, cause: unknown): PrometheusError {
  const code = typeof cause === 'object' && cause !== null ? String((cause as { code?: unknown }).code ?? '') : '';
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (UNTRUSTED_CERT.has(code) || code.startsWith('CERT_')) {
    return new PrometheusError(
      'unreachable',
      `cannot connect to ${where}: its TLS certificate is not trusted (${detail}); ` +
        'set tls_config.ca_file to the CA that signed it, or tls_config.insecure_skip_verify: true',
      { cause },
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new PrometheusError(
      'unreachable',
      `cannot connect to ${where}: its TLS certificate is for another name (${detail}); ` +
        'connect by a name the certificate lists, or set tls_config.server_name',
      { cause },
    );
  }
  const words = NETWORK_WORDS[code];
  return new PrometheusError('unreachable', `cannot connect to ${where}: ${words ? `${words} (${detail})` : detail}`, {
    cause,
  });
}

/**
 * Where a PromQL parse error points, from the `line:column:` Prometheus puts before the text
 * (promql/parser/parse.go ParseErr.Error, posrange.go StartPosInput in 3.x: `1:5: parse error: …`; lines and columns
 * are 1-based, columns count bytes).
 */
export function promqlErrorPosition(message: string): { line: number; column: number } | undefined {
  const m = /(?:^|: )(\d+):(\d+): parse error:/.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}
