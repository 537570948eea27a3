// Reading an answer of the Prometheus HTTP API: the body under a size cap, then the JSON envelope
// (`{"status":"success","data":…}` or `{"status":"error","errorType":…,"error":…}`, web/api/v1/api.go).
import { PrometheusError } from './errors';

/** The `data` of a successful answer, with the warnings and info annotations that came with it. */
export interface ApiSuccess {
  data: unknown;
  warnings: string[];
  infos: string[];
}

/** An answer as it came off the wire. */
export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function tooLarge(what: string, cap: number, declared?: number): PrometheusError {
  const size = declared === undefined ? 'larger than' : `${megabytes(declared)}, more than`;
  return new PrometheusError(
    'tooLarge',
    `the answer for ${what} is ${size} the ${megabytes(cap)} allowed (max_response_bytes); ` +
      'ask for less (a narrower selector, a shorter range or a larger step)',
  );
}

/**
 * Collects a body, refusing it as soon as it is known to be over `cap` bytes: at once from its Content-Length,
 * else while it streams in. `destroy` stops the transfer when the body is refused.
 */
export async function readCapped(
  body: AsyncIterable<Uint8Array>,
  contentLength: string | undefined,
  cap: number,
  what: string,
  destroy: () => void,
): Promise<string> {
  const declared = contentLength === undefined ? NaN : Number(contentLength);
  if (declared > cap) {
    destroy();
    throw tooLarge(what, cap, declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > cap) {
      destroy();
      throw tooLarge(what, cap);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** A short, single-line view of a body for messages: an HTML page's title, else its first characters. */
function excerpt(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  const text = (title ?? body).replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function looksLikeHtml(answer: RawAnswer): boolean {
  return answer.contentType.includes('html') || /^\s*<(!doctype|html|head|body)/i.test(answer.body);
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/** Parses JSON, returning undefined instead of throwing; the SyntaxError's text goes to `onError`. */
function tryJson(body: string, onError: (message: string) => void): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    onError(e instanceof Error ? e.message : String(e));
    return undefined;
  }
}

function statusText(status: number): string {
  const names: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };
  return names[status] ? `${status} ${names[status]}` : String(status);
}

/**
 * Turns an answer into the `data` it carries or a PrometheusError saying what went wrong. Prometheus's own
 * errors are passed on verbatim whatever the HTTP status; 401/403 become `auth`; other failures `http`;
 * a 2xx that is not the API's JSON envelope `badResponse`.
 */
export function interpretAnswer(answer: RawAnswer, what: string, sentCredentials: boolean): ApiSuccess {
  const { status } = answer;
  let syntaxError = '';
  const json = looksLikeHtml(answer) ? undefined : tryJson(answer.body, (m) => (syntaxError = m));
  const envelope = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : undefined;
  if (envelope?.status === 'error' && typeof envelope.error === 'string') {
    const errorType = typeof envelope.errorType === 'string' ? envelope.errorType : '';
    throw new PrometheusError('api', `${what}: ${errorType ? `${errorType}: ` : ''}${envelope.error}`, {
      status,
      errorType,
      apiError: envelope.error,
    });
  }
  if (status === 401 || status === 403) {
    const hint = sentCredentials ? 'the credentials were refused' : 'it needs credentials and none are set';
    throw new PrometheusError('auth', `${what}: HTTP ${statusText(status)}: ${hint}`, { status });
  }
  if (status < 200 || status > 299) {
    const said = excerpt(answer.body);
    throw new PrometheusError('http', `${what}: HTTP ${statusText(status)}${said ? `: ${said}` : ''}`, { status });
  }
  if (looksLikeHtml(answer)) {
    throw new PrometheusError(
      'badResponse',
      `${what}: expected JSON from the Prometheus API but got an HTML page ("${excerpt(answer.body)}"); ` +
        'is the url the Prometheus server itself (with its path prefix, if any)?',
      { status },
    );
  }
  if (envelope === undefined) {
    const reason = syntaxError ? `invalid JSON (${syntaxError})` : 'JSON that is not an object';
    throw new PrometheusError('badResponse', `${what}: the answer is ${reason}: "${excerpt(answer.body)}"`, { status });
  }
  if (envelope.status !== 'success' || !('data' in envelope)) {
    throw new PrometheusError('badResponse', `${what}: the answer is JSON but not a Prometheus API answer`, { status });
  }
  return { data: envelope.data, warnings: stringList(envelope.warnings), infos: stringList(envelope.infos) };
}
