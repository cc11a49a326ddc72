import { type ApiRoute, apiRoutes, isApiRoute } from './api-routes.js';
import { RestError } from './errors.js';

/**
 * What `POST /__dev/faults` takes: the next `times` requests to `route` misbehave.
 * - `status` and/or `body` (and `headers`): answer that instead (status 500 and
 *   `{"code":"InternalServerError","message":"injected fault"}` by default).
 * - `malformed`: answer a body that is not JSON (`<html>oops`, or `body` when it is a string) as
 *   text/html, with `status` or 200.
 * - `drop`: destroy the connection without answering.
 * - `delayMs`: wait first; alone, then answer normally (with `headers` added).
 * - `sendFails` (send routes only): answer normally, but the code is never sent (not in the inbox),
 *   and confirming it answers Verifik's 409 `otp_send_failed`.
 * @example
 * { "route": "/v2/projects/phone-login", "status": 429, "headers": { "Retry-After": "30" },
 *   "body": { "code": "TooManyRequests", "message": "slow down" } }
 */
export interface FaultSpec {
  /** The endpoint's path, e.g. `"/v2/projects/phone-login"`. */
  route: ApiRoute;
  /** The HTTP status to answer with (500 when only `body` is given). */
  status?: number;
  /** The JSON body to answer with; with `malformed`, a string sent as is. */
  body?: unknown;
  /** Headers added to the answer, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  /** 0–60 000 ms. */
  delayMs?: number;
  /** Answer text/html instead of JSON, to test how a client copes with a proxy's error page. */
  malformed?: boolean;
  /** Close the connection without answering, as a network failure does. */
  drop?: boolean;
  /** The send answers as usual but the code never goes out: confirming it gets `otp_send_failed`. */
  sendFails?: boolean;
  /** How many requests it applies to. Default 1. */
  times?: number;
}

/** How an injected fault answers. */
export type FaultKind = 'status' | 'malformed' | 'drop' | 'delay' | 'sendFailed';

/** A fault waiting for requests, as listed by `GET /__dev/faults`. */
export interface PendingFault {
  /** Its number, in the order faults were added (from 1). */
  id: number;
  /** The endpoint it applies to. */
  route: ApiRoute;
  /** How it answers, derived from the spec. */
  kind: FaultKind;
  /** The status it answers with; absent for `drop` and `delay`. */
  status?: number;
  /** The body it answers with: JSON for `status`, text for `malformed`. */
  body?: unknown;
  /** Headers added to its answer (empty when none). */
  headers: Record<string, string>;
  /** How long it waits before answering or dropping, in ms (0 when it does not). */
  delayMs: number;
  /** Requests it still applies to. */
  remaining: number;
}

/** The body of an injected error when the fault names none. */
export const defaultFaultBody = { code: 'InternalServerError', message: 'injected fault' } as const;
const defaultMalformedBody = '<html>oops';
const maxDelayMs = 60_000;
const nullBodyStatuses = new Set([204, 205, 304]);
/** The routes that send a code, where `sendFails` applies. */
const sendRoutes: ReadonlySet<string> = new Set<ApiRoute>([
  '/v2/projects/phone-login',
  '/v2/projects/email-login',
]);

const invalidFault = (message: string) => new RestError(400, 'BadRequest', message);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalBoolean(spec: Record<string, unknown>, key: string): boolean {
  const value = spec[key];
  if (value !== undefined && typeof value !== 'boolean') throw invalidFault(`${key} must be a boolean`);
  return value === true;
}

function optionalInteger(
  spec: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const value = spec[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidFault(`${key} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function parseHeaders(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw invalidFault('headers must be an object of strings');
  }
  const headers = value as Record<string, string>;
  try {
    new Headers(headers);
  } catch {
    throw invalidFault('headers holds an invalid header name or value');
  }
  return headers;
}

/** Checks a `POST /__dev/faults` body; throws a 400 {@link RestError} saying what is wrong. */
export function parseFault(input: unknown, id: number): PendingFault {
  if (!isRecord(input)) throw invalidFault('a fault must be a JSON object');
  const { route } = input;
  if (typeof route !== 'string' || !isApiRoute(route)) {
    throw invalidFault(`route must be one of ${Object.keys(apiRoutes).join(', ')}`);
  }
  const status = optionalInteger(input, 'status', 200, 599);
  if (status !== undefined && nullBodyStatuses.has(status))
    throw invalidFault(`status ${status} cannot carry a body`);
  const delayMs = optionalInteger(input, 'delayMs', 0, maxDelayMs) ?? 0;
  const times = optionalInteger(input, 'times', 1, 1_000_000) ?? 1;
  const malformed = optionalBoolean(input, 'malformed');
  const drop = optionalBoolean(input, 'drop');
  const sendFails = optionalBoolean(input, 'sendFails');
  const headers = parseHeaders(input.headers);
  const { body } = input;
  const base = { id, route, headers, delayMs, remaining: times };

  if (sendFails) {
    if (!sendRoutes.has(route)) throw invalidFault(`sendFails applies to ${[...sendRoutes].join(', ')}`);
    if (drop || malformed || status !== undefined || body !== undefined) {
      throw invalidFault('sendFails cannot be combined with status, body, malformed or drop');
    }
    return { ...base, kind: 'sendFailed' };
  }
  if (drop) {
    if (malformed || status !== undefined || body !== undefined || input.headers !== undefined) {
      throw invalidFault('drop cannot be combined with status, body, headers or malformed');
    }
    return { ...base, kind: 'drop' };
  }
  if (malformed) {
    if (body !== undefined && typeof body !== 'string')
      throw invalidFault('a malformed body must be a string');
    return { ...base, kind: 'malformed', status: status ?? 200, body: body ?? defaultMalformedBody };
  }
  if (status !== undefined || body !== undefined) {
    return { ...base, kind: 'status', status: status ?? 500, body: body ?? defaultFaultBody };
  }
  if (input.delayMs !== undefined) return { ...base, kind: 'delay' };
  throw invalidFault('a fault needs status, body, malformed, drop, sendFails or delayMs');
}

/** Faults waiting for requests, first added first used. */
export class FaultQueue {
  #faults: PendingFault[] = [];
  #nextId = 1;

  /** Checks a fault against the {@link FaultSpec} rules (400 when it breaks one) and queues it; returns it as queued. */
  add(input: unknown): PendingFault {
    const fault = parseFault(input, this.#nextId);
    this.#nextId += 1;
    this.#faults.push(fault);
    return fault;
  }

  /** The fault for one request to `route`, if any; uses up one of its `times`. */
  take(route: ApiRoute): PendingFault | undefined {
    const fault = this.#faults.find((f) => f.route === route);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#faults = this.#faults.filter((f) => f !== fault);
    return fault;
  }

  /** The faults still waiting, in the order they will be used. */
  get pending(): readonly PendingFault[] {
    return this.#faults;
  }

  /** Drops every waiting fault (`DELETE /__dev/faults`). */
  clear(): void {
    this.#faults = [];
  }
}
