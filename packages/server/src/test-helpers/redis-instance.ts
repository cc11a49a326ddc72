/**
 * One instance of the handler in a process of its own, for the tests of instances sharing a Redis
 * (redis-store.instances.test.ts): `createVerifikAuth` with a `redisStore`, served by node:http on
 * 127.0.0.1 and a free port, which it prints as `listening <port>` once it accepts requests.
 *
 * Configured through the environment: VERIFIK_AUTH_SECRET, VERIFIK_BASE_URL, REDIS_URL,
 * RATE_LIMIT (JSON `rateLimit` option), and STORE=memory for a control run without Redis. Stops on
 * SIGTERM or when its stdin closes (the test process went away).
 */
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { createVerifikAuth, memoryStore, toNodeHandler } from '../index.js';
import { redisStore } from '../redis-store.js';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`redis-instance: ${name} is required`);
  return value;
};

// Queued commands give up after one reconnect attempt; the store's own deadline bounds the rest.
const client =
  process.env.STORE === 'memory' ? undefined : new Redis(required('REDIS_URL'), { maxRetriesPerRequest: 1 });
// Reconnect attempts while Redis is down are expected; the store turns them into rejections.
client?.on('error', () => {});

const auth = createVerifikAuth({
  secret: required('VERIFIK_AUTH_SECRET'),
  verifikBaseUrl: required('VERIFIK_BASE_URL'),
  store: client ? redisStore({ client, timeoutMs: 500 }) : memoryStore(),
  ...(process.env.RATE_LIMIT && { rateLimit: JSON.parse(process.env.RATE_LIMIT) }),
});

const server = createServer(toNodeHandler(auth.handler));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('redis-instance: no port');
  process.stdout.write(`listening ${address.port}\n`);
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  server.close(() => {
    client?.disconnect();
    process.exit(0);
  });
}
process.once('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
