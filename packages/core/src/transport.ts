/*
 * The transport under ky: a `fetch` wrapper and a per-call deadline. The rules that keep the token
 * safe from a hostile or misconfigured server live here, below ky, so they hold whatever ky does:
 * - no redirect is ever followed (a 307 would re-POST the code to another host);
 * - every body is read here, counted as it streams in and cut off past a cap (a fetch with no streams,
 *   React Native's, hands it over whole: it is refused past the cap after the fact);
 * - one deadline covers a whole call: headers, body and any retries.
 */

/** The largest response body the client reads, error bodies included: 1 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** The server answered with a redirect, which the client refuses to follow. */
export class RedirectRefusedError extends Error {
  override name = 'RedirectRefusedError' as const;
}

/** The server's body was larger than the client's cap. */
export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError' as const;
}

/** The call's deadline passed before its answer was complete. */
export class DeadlineError extends Error {
  override name = 'DeadlineError' as const;
}

/** The fetch the transport wraps: the global one or the caller's. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

const nullBodyStatuses = new Set([101, 204, 205, 304]);

const tooLarge = (maxBytes: number) =>
  new ResponseTooLargeError(`The response body is larger than ${maxBytes} bytes; it was not read.`);

/** Reads a body to the end, or throws {@link ResponseTooLargeError} as soon as it passes `maxBytes`. */
async function readCapped(
  body: ReadableStream<Uint8Array<ArrayBuffer>>,
  maxBytes: number,
  signal?: AbortSignal,
) {
  const reader = body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  // A custom fetch may ignore the signal while the body streams: stop reading on abort anyway.
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      // `fetch` hands over decoded bytes, so a gzip bomb is counted at its inflated size.
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  // One array, not a Blob: under jsdom (apps' own tests) `Blob` is jsdom's, which Node's Response cannot read.
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** UTF-8 bytes of `text`: `TextEncoder` where there is one (Hermes has it), else its length, a lower bound. */
const utf8Bytes = (text: string) =>
  typeof TextEncoder === 'function' ? new TextEncoder().encode(text).byteLength : text.length;

/**
 * Reads a body that comes with no stream: React Native's fetch (whatwg-fetch over the platform's
 * networking) has no `response.body`. The whole body is in memory before anything can count it, so the
 * cap refuses it only after the fact; the Content-Length check before this one still refuses early.
 */
async function readWhole(response: Response, maxBytes: number, signal: AbortSignal | null | undefined) {
  const text = await untilAborted(response.text(), signal ?? undefined);
  if (utf8Bytes(text) > maxBytes) throw tooLarge(maxBytes);
  return text;
}

/** `pending`, or the signal's reason as soon as it aborts: a custom fetch may ignore the signal. */
export function untilAborted<T>(pending: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return pending;
  // Whatever `pending` rejects with later, once the race below is decided, is nobody's concern.
  pending.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Whether a response is a redirect, in any of the forms fetch implementations report one. */
function isRedirect(response: Response): boolean {
  return (
    response.type === 'opaqueredirect' ||
    (response.status >= 300 && response.status < 400) ||
    response.redirected
  );
}

/**
 * Wraps a `fetch` so that it never follows a redirect and returns responses whose body is already
 * read, under `maxBytes`. The returned response is a fresh, in-memory one, so whatever parses it later
 * cannot be made to wait or to buffer more.
 */
export function createTransportFetch(inner: FetchLike, maxBytes: number): FetchLike {
  return async (input, init) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined;
    // `manual`, not `error`: a refused redirect must be told apart from a network failure, which is retried.
    const response = await untilAborted(inner(input, { ...init, redirect: 'manual' }), signal ?? undefined);
    if (isRedirect(response)) {
      await response.body?.cancel().catch(() => undefined);
      throw new RedirectRefusedError(
        `Redirect (status ${response.status}) refused: codes and tokens go to baseUrl only.`,
      );
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    const init_ = { status: response.status, statusText: response.statusText, headers: response.headers };
    if (response.body === null || nullBodyStatuses.has(response.status)) return new Response(null, init_);
    if (response.body === undefined) return new Response(await readWhole(response, maxBytes, signal), init_);
    return new Response(await readCapped(response.body, maxBytes, signal ?? undefined), init_);
  };
}

/** One call's deadline, joined with the caller's own signal. */
export interface Deadline {
  /** Aborts when the caller aborts or the deadline passes. */
  readonly signal: AbortSignal;
  /** Whether it was the deadline (not the caller) that aborted. */
  readonly expired: boolean;
  /** Milliseconds left before the deadline. */
  remaining(): number;
  /** Stops the timer; call when the call settles. */
  done(): void;
}

/**
 * Starts a deadline of `ms` for one call. A plain timer rather than `AbortSignal.timeout`, so fake
 * timers in tests drive it like every other delay.
 */
export function startDeadline(ms: number, callerSignal: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  const endsAt = Date.now() + ms;
  let expired = false;
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DeadlineError(`No complete answer within ${ms} ms.`));
  }, ms);
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    remaining: () => Math.max(0, endsAt - Date.now()),
    done() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The epoch ms a `Retry-After` header points at, on the client's clock, or `undefined` when the
 * header is absent or unreadable. Accepts delay-seconds (decimals too, as some servers send) and an
 * HTTP date; a date is measured against the response's own `Date` header when there is one, so a
 * skewed device clock still gets the server's intended wait.
 *
 * @example
 * ```ts
 * parseRetryAfter('30', 1_000); // 31_000
 * parseRetryAfter('1.5', 1_000); // 2_500
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', 1_000, 'Wed, 21 Oct 2015 07:28:00 GMT'); // 31_000
 * ```
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number,
  serverDate?: string | null,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return now + Math.round(Number(text) * 1000);
  // Otherwise only an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"): `-5` or `+30` is no date at all.
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const reference = serverDate ? Date.parse(serverDate) : Number.NaN;
  const wait = at - (Number.isNaN(reference) ? Date.now() : reference);
  return now + Math.max(0, wait);
}
