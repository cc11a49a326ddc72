/**
 * A real redis-server for the tests, started by the test itself: its own process on a free loopback
 * port, no persistence, a temp dir, stopped afterwards. Never the machine's Redis service, so tests
 * cannot touch anyone's data and run the same in CI and on a laptop. When no redis-server can be
 * started, it fails with what to install (the test command's setup step installs it on Debian).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The process id, for the test's own bookkeeping. */
  pid: number;
  /** Stops the server (SIGTERM, then SIGKILL after 2 s) and removes its dir; resolves once it exited. */
  stop(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing answers. */
  freeze(): void;
  /** Undoes {@link RedisServer.freeze} (SIGCONT). */
  thaw(): void;
}

const host = '127.0.0.1';
const started = new Set<ChildProcess>();
// A crashed or interrupted test run must not leave servers behind.
process.once('exit', () => {
  for (const child of started) child.kill('SIGKILL');
});

/** A port nothing listens on right now (another process may still take it: the caller retries). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Whether a Redis answers PING with +PONG on the port within `timeoutMs`. */
export function ping(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

const instructions = (detail: string) =>
  `Could not start a redis-server for the tests: ${detail}\n` +
  'The Redis store tests start their own redis-server on a free loopback port. Install Redis ' +
  '(`apt-get install -y redis-server` on Debian/Ubuntu, `brew install redis` on macOS; ' +
  '`tsx scripts/system/setup.ts`, the test command’s first step, does it as root on Debian), ' +
  'or set REDIS_SERVER_PATH to a redis-server binary.';

/** Starts one redis-server on `port`; rejects if it exits or does not answer PING within 10 s. */
async function startOn(binary: string, port: number): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'verifik-auth-redis-'));
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      host,
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  started.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  exited.then(() => started.delete(child));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 10_000;
  let gone = false;
  exited.then(() => {
    gone = true;
  });
  while (!gone && Date.now() < deadline) {
    if (await ping(port, 200)) {
      return {
        url: `redis://${host}:${port}`,
        port,
        pid: child.pid ?? -1,
        stop,
        freeze: () => child.kill('SIGSTOP'),
        thaw: () => child.kill('SIGCONT'),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await stop();
  throw new Error(
    spawnError
      ? instructions(`${binary}: ${spawnError.message}`)
      : instructions(
          `${binary} on port ${port} ${gone ? 'exited' : 'did not answer PING within 10 s'}` +
            (output.trim() ? `; it printed:\n${output.trim()}` : ''),
        ),
  );
}

/**
 * Starts a redis-server of the test's own on a free loopback port and waits until it answers PING.
 * Retries on another port when one was taken in between. Throws with instructions when none starts.
 * `port` asks for that port (e.g. to bring a stopped server back where its clients reconnect).
 * @example
 * let redis: RedisServer;
 * beforeAll(async () => { redis = await startRedisServer(); });
 * afterAll(() => redis.stop());
 */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  // As scripts/system/programs.ts finds it (outside this package's rootDir, so not imported here).
  const binary = process.env.REDIS_SERVER_PATH || 'redis-server';
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOn(binary, options.port ?? (await freePort()));
    } catch (error) {
      lastError = error;
      if (options.port !== undefined) break;
      // Only a lost race for the port is worth another try; anything else fails at once.
      if (!String(error).includes('Address already in use')) break;
    }
  }
  throw lastError;
}
