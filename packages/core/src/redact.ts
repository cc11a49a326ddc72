import type * as v from 'valibot';

/*
 * What an error may carry out of the client. Errors end up in logs, error trackers and terminals, so
 * they hold descriptions, never the request: ky's errors keep the request's body (the code) and
 * headers (the token) as `options`, and valibot's issues keep the whole input. Auth.js and ky's own
 * docs give the same advice: wrap or strip before an error leaves the library.
 */

/** The longest server message kept, in characters. */
export const MAX_SERVER_TEXT_LENGTH = 200;

/** How deep a `cause` chain is copied. */
const MAX_CAUSE_DEPTH = 4;

/** C0 and C1 control characters and DEL: terminal escapes, bells, line tricks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]+/g;

/** Replaces every occurrence of each secret in `text` with `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}

/**
 * A server's text as it may be shown: line breaks become spaces, other control characters go, whitespace collapses, at most
 * {@link MAX_SERVER_TEXT_LENGTH} characters, and any secret the request carried is redacted (a hostile
 * server may echo the code back).
 *
 * @example
 * ```ts
 * cleanServerText('\u001b[31motp 123456\r\nwrong', ['123456']); // '[31motp [redacted] wrong'
 * ```
 */
export function cleanServerText(text: string, secrets: readonly string[] = []): string {
  // Controls out first, so that `7\u00003\u00009…` cannot hide a code from the redaction; then redact the
  // whole text before cutting it, so that a cut cannot leave half a code behind.
  const visible = text.replace(/[\t\n\v\f\r]+/g, ' ').replace(controlCharacters, '');
  const flat = redactSecrets(visible.replace(/\s+/g, ' '), [
    ...secrets,
    ...secrets.map((secret) => secret.split('').join(' ')),
  ]).trim();
  return flat.length > MAX_SERVER_TEXT_LENGTH ? `${flat.slice(0, MAX_SERVER_TEXT_LENGTH - 1)}…` : flat;
}

/**
 * A copy of an error that keeps only what describes it: `name`, `message` (secrets redacted), a
 * string `code` such as `ECONNREFUSED`, and the same of its `cause`, a few levels deep. Nothing else
 * is copied, so neither a request body nor a header can come along.
 */
export function sanitizeCause(error: unknown, secrets: readonly string[], depth = 0): Error {
  if (!(error instanceof Error) && !(typeof error === 'object' && error !== null && 'message' in error)) {
    return new Error(typeof error === 'string' ? redactSecrets(error, secrets) : 'non-error thrown');
  }
  const source = error as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const cause =
    source.cause !== undefined && depth + 1 < MAX_CAUSE_DEPTH
      ? { cause: sanitizeCause(source.cause, secrets, depth + 1) }
      : undefined;
  const copy = new Error(redactSecrets(String(source.message ?? ''), secrets), cause);
  copy.name = typeof source.name === 'string' ? source.name : 'Error';
  if (typeof source.code === 'string') Object.assign(copy, { code: source.code });
  return copy;
}

/** A validation issue as errors keep it: where and what was expected, not the value received. */
export interface IssueSummary {
  kind: string;
  type: string;
  expected: string | null;
  message: string;
  path: string[];
}

/**
 * Valibot issues without their `input` and `received` (the whole request and the value at fault, which
 * may be a code): what a developer needs to see what was wrong, and no more.
 */
export function sanitizeIssues(issues: readonly v.BaseIssue<unknown>[]): IssueSummary[] {
  return issues.map((issue) => ({
    kind: issue.kind,
    type: issue.type,
    expected: issue.expected,
    // Valibot's default messages quote the value received; our own codes never do.
    message: /^[a-z_]+$/.test(issue.message) ? issue.message : `Invalid ${issue.type}`,
    path: issue.path?.map((item) => String(item.key)) ?? [],
  }));
}
