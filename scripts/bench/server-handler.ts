/**
 * The server bench: `@verifik-auth/server`'s handler in front of the mock Verifik (in a process of its
 * own). Three figures: 200 logins at once through the handler over HTTP (each from its own client
 * address, so the limits are exercised, not tripped), the latency the handler adds per request against
 * calling the mock directly in the same run, and heap growth over 10 000 logins with the memory store.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
// By path: the repository root does not depend on the workspace packages.
import { createVerifikAuth, toNodeHandler, type VerifikAuth } from '../../packages/server/src/index.js';
import { settledHeap } from './heap.js';

const otp = '123456';
const basePath = '/auth/verifik';
/** The bench's stand-in for a trusted proxy's header: which client a request comes from. */
const clientHeader = 'x-bench-client';

export interface ServerBench {
  concurrent: { logins: number; errors: number; firstError?: string; wallMs: number };
  latency: {
    samples: number;
    handlerP50: number;
    handlerP95: number;
    directP50: number;
    directP95: number;
    /** Medians of each sample's parts: the handler's own work (its time less the wait for Verifik's headers), and the HTTP hop to it (node:http + toNodeHandler). */
    ownWorkP50: number;
    hopP50: number;
  };
  heap: { logins: number; beforeBytes: number; afterBytes: number; growthBytes: number; errors: number };
}

/** Starts the mock in its own process; resolves with its URL and a way to stop it. */
async function startMockProcess(): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./mock-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the mock process exited (${code}) before it listened`)));
  });
  return { url, child };
}

const phoneOf = (n: number) => `2${String(n).padStart(9, '0')}`;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** One login through `call`: send, confirm, then the session; throws on any unexpected answer. */
async function login(
  call: (path: string, init: RequestInit, cookie?: string) => Promise<Response>,
  n: number,
): Promise<void> {
  const phone = { countryCode: '+1', phone: phoneOf(n) };
  const sent = await call('/phone-login', { method: 'POST', body: JSON.stringify(phone) });
  if (sent.status !== 200) throw new Error(`send ${sent.status}: ${await sent.text()}`);
  await sent.arrayBuffer().catch(() => undefined);
  // The send's challenge cookie: a confirm without it is refused.
  const challenge = sent.headers.getSetCookie()[0]?.split(';')[0];
  const confirmed = await call(
    '/phone-login/confirm',
    { method: 'POST', body: JSON.stringify({ ...phone, otp }) },
    challenge,
  );
  if (confirmed.status !== 200) throw new Error(`confirm ${confirmed.status}: ${await confirmed.text()}`);
  await confirmed.arrayBuffer();
  const cookie = confirmed.headers.getSetCookie()[0]?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  const session = await call('/session', { method: 'GET' }, cookie);
  const body = (await session.json()) as { session: unknown };
  if (!body.session) throw new Error('signed out right after signing in');
}

/** Calls the handler at `origin` as a browser on that origin would (Origin, JSON, the cookie). */
const callerAt =
  (origin: string, send: (request: Request) => Promise<Response>, client: string) =>
  (path: string, init: RequestInit, cookie?: string) =>
    send(
      new Request(`${origin}${basePath}${path}`, {
        ...init,
        headers: {
          origin,
          'content-type': 'application/json',
          [clientHeader]: client,
          ...(cookie ? { cookie } : {}),
        },
      }),
    );

/** The last call's times: the handler's, and its wait for Verifik's answer (to the headers). */
const lastCall = { handlerMs: 0, upstreamMs: 0 };

function createAuth(mockUrl: string, sendsTotal: number): VerifikAuth {
  return createVerifikAuth({
    secret: randomBytes(32).toString('base64url'),
    verifikBaseUrl: mockUrl,
    fetch: async (input, init) => {
      const started = performance.now();
      try {
        return await fetch(input, init);
      } finally {
        lastCall.upstreamMs = performance.now() - started;
      }
    },
    getClientAddress: (request) => request.headers.get(clientHeader) ?? undefined,
    // The in-process heap run calls it as https://app.example would.
    allowedHosts: ['app.example'],
    rateLimit: { sendsTotal: { max: sendsTotal } },
  });
}

async function listen(auth: VerifikAuth): Promise<{ server: Server; origin: string }> {
  const server = createServer(
    toNodeHandler(async (request, context) => {
      const started = performance.now();
      try {
        return await auth.handler(request, context);
      } finally {
        lastCall.handlerMs = performance.now() - started;
      }
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function measureServerHandler(
  gc: () => void,
  { concurrent = 200, samples = 400, heapLogins = 10_000 } = {},
): Promise<ServerBench> {
  const mock = await startMockProcess();
  const servers: Server[] = [];
  try {
    let next = 0;
    // 1. Logins at once over HTTP, each its own phone and client address.
    // The total send limit raised from its 1 000 an hour: the latency samples below send 1 000 more.
    const auth = createAuth(mock.url, 10_000);
    const { server, origin } = await listen(auth);
    servers.push(server);
    const overHttp = (request: Request) => fetch(request);
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: concurrent }, () => {
        const n = next++;
        return login(callerAt(origin, overHttp, `198.51.${n >> 8}.${n & 255}`), n);
      }),
    );
    const wallMs = performance.now() - started;
    const failures = results.filter((result) => result.status === 'rejected');
    const firstError = failures[0] && String((failures[0] as PromiseRejectedResult).reason);

    // 2. Added latency: the same send, one at a time, through the handler and straight to the mock,
    // interleaved so both see the same machine load.
    const through: number[] = [];
    const direct: number[] = [];
    const ownWork: number[] = [];
    const hop: number[] = [];
    for (let i = 0; i < samples; i++) {
      const n = next++;
      const phone = { countryCode: '+1', phone: phoneOf(n) };
      let t = performance.now();
      const viaHandler = await callerAt(
        origin,
        overHttp,
        `203.0.${n >> 8}.${n & 255}`,
      )('/phone-login', {
        method: 'POST',
        body: JSON.stringify(phone),
      });
      await viaHandler.arrayBuffer();
      through.push(performance.now() - t);
      ownWork.push(lastCall.handlerMs - lastCall.upstreamMs);
      hop.push(performance.now() - t - lastCall.handlerMs);
      t = performance.now();
      const straight = await fetch(`${mock.url}/v2/projects/phone-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ countryCode: '+1', phone: Number(phoneOf(next++)), type: 'login' }),
      });
      await straight.arrayBuffer();
      direct.push(performance.now() - t);
      if (viaHandler.status !== 200 || straight.status !== 200) {
        throw new Error(`latency sample ${i}: handler ${viaHandler.status}, direct ${straight.status}`);
      }
    }
    // Warm-up: the first tenth of the samples is dropped.
    const sortedOf = (values: number[]) => values.slice(Math.floor(samples / 10)).sort((a, b) => a - b);
    const [handlerSorted, directSorted] = [sortedOf(through), sortedOf(direct)];
    const [ownWorkSorted, hopSorted] = [sortedOf(ownWork), sortedOf(hop)];

    // 3. Heap over many logins with the memory store, calling the handler in-process.
    const heapAuth = createAuth(mock.url, Number.POSITIVE_INFINITY);
    const inProcess = (request: Request) => heapAuth.handler(request);
    const app = 'http://app.example';
    let heapErrors = 0;
    const runLogins = async (count: number) => {
      const width = 20;
      let left = count;
      await Promise.all(
        Array.from({ length: width }, async () => {
          while (left-- > 0) {
            const n = next++;
            await login(
              callerAt(app, inProcess, `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`),
              n,
            ).catch(() => {
              heapErrors++;
            });
          }
        }),
      );
    };
    await runLogins(500);
    const beforeBytes = await settledHeap(gc);
    await runLogins(heapLogins);
    const afterBytes = await settledHeap(gc);

    return {
      concurrent: {
        logins: concurrent,
        errors: failures.length,
        ...(firstError ? { firstError } : {}),
        wallMs,
      },
      latency: {
        samples,
        handlerP50: quantile(handlerSorted, 0.5),
        handlerP95: quantile(handlerSorted, 0.95),
        directP50: quantile(directSorted, 0.5),
        directP95: quantile(directSorted, 0.95),
        ownWorkP50: quantile(ownWorkSorted, 0.5),
        hopP50: quantile(hopSorted, 0.5),
      },
      heap: {
        logins: heapLogins,
        beforeBytes,
        afterBytes,
        growthBytes: afterBytes - beforeBytes,
        errors: heapErrors,
      },
    };
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    mock.child.kill();
  }
}
