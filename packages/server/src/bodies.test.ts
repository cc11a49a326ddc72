// The body reader's own deadline (issue 17, item 7): a client that starts a body and never finishes
// it is refused after 10 s on every host, whatever the host's own timeouts. A controlled clock, not
// 10 real seconds.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVerifikAuth } from './index.js';
import { appOrigin, base, secret } from './test-helpers/index.js';

const encoder = new TextEncoder();

/** A login POST whose body is `stream`, as the app's page sends it. */
function streamedPost(stream: ReadableStream<Uint8Array>): Request {
  return new Request(`${base}/phone-login`, {
    method: 'POST',
    headers: { origin: appOrigin, 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
}

/** The handler in front of a Verifik that must never be called. */
function handlerWithoutVerifik() {
  const fetch = vi.fn(async () => Response.json({}));
  const auth = createVerifikAuth({
    secret,
    verifikBaseUrl: 'https://api.verifik.co',
    fetch,
    allowedHosts: ['app.example'],
  });
  return { handler: auth.handler, fetch };
}

/** The handler's answer, and whether it has come yet. */
function answerOf(promise: Promise<Response>) {
  const state: { response?: Response } = {};
  void promise.then((response) => {
    state.response = response;
  });
  return state;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the body-read deadline', () => {
  it('refuses a body that never ends with 408 timeout at 10 s, cancels its reader, never calls Verifik', async () => {
    const cancelled = vi.fn();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"countryCode":"+1",'));
      },
      cancel: cancelled,
    });
    const { handler, fetch } = handlerWithoutVerifik();
    const answer = answerOf(handler(streamedPost(stream)));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(answer.response).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer.response?.status).toBe(408);
    expect(await answer.response?.json()).toEqual({ code: 'timeout', message: expect.any(String) });
    expect(cancelled).toHaveBeenCalledTimes(1);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('counts the whole body, not the pause between chunks: a byte every 2 s is refused at 10 s', async () => {
    const cancelled = vi.fn();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        controller.enqueue(encoder.encode(' '));
      },
      cancel: cancelled,
    });
    const { handler, fetch } = handlerWithoutVerifik();
    const answer = answerOf(handler(streamedPost(stream)));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(answer.response?.status).toBe(408);
    expect(cancelled).toHaveBeenCalledTimes(1);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('lets a slow body that ends in time through to the usual checks', async () => {
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode('{"phone":'));
        await new Promise((resolve) => setTimeout(resolve, 9_900));
        controller.enqueue(encoder.encode('"3005550100"}'));
        controller.close();
      },
    });
    const { handler } = handlerWithoutVerifik();
    const answer = answerOf(handler(streamedPost(stream)));
    await vi.advanceTimersByTimeAsync(10_000);
    // Read whole, then refused for what it says (no countryCode), not for its pace.
    expect(answer.response?.status).toBe(400);
    expect(await answer.response?.json()).toEqual({
      code: 'missing_parameter',
      message: 'missing countryCode',
    });
  });
});
