import type { Context, MiddlewareHandler } from 'hono';
import { badJson, bodyNotObject, missingParameter } from './errors.js';

/** A parsed JSON request body. */
export type JsonObject = Record<string, unknown>;

/**
 * The body as a JSON object. An empty body is `{}` (Verifik's email-login docs send none); anything
 * else that is not a JSON object is a 400, never a 500.
 */
export async function readJsonObject(c: Context): Promise<JsonObject> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badJson();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bodyNotObject();
  return value as JsonObject;
}

/** Verifik treats absent, null and empty-string fields alike: missing. */
export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Throws 409 `MissingParameter` listing, in order, every field of `fields` missing from `body`. */
export function requireFields(body: JsonObject, fields: readonly string[]): void {
  const missing = fields.filter((field) => isMissing(body[field]));
  if (missing.length > 0) throw missingParameter(missing);
}

/** A submitted code as a string: Verifik documents strings, some clients send numbers. */
export function otpString(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
}

/**
 * Gives a body sent without `Content-Length` (chunked, or none at all) a standard `Request`.
 * The body limit re-wraps such bodies with `new Request(c.req.raw)`, which fails on
 * @hono/node-server's lightweight request unless it overrides the global `Request`, and the mock
 * leaves globals alone. The lightweight request's signal is captured before this, so aborts still count.
 */
export const materializeStreamedBody: MiddlewareHandler = async (c, next) => {
  const { raw } = c.req;
  if (raw.method !== 'GET' && raw.method !== 'HEAD' && !raw.headers.has('content-length')) {
    c.req.raw = new Request(raw.url, {
      method: raw.method,
      headers: raw.headers,
      body: raw.body,
      signal: raw.signal,
      // Required by Node's fetch for a streamed body.
      duplex: 'half',
    } as RequestInit);
  }
  await next();
};
