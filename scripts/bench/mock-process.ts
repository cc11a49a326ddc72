/**
 * The mock Verifik in a process of its own, for the server bench: its memory and CPU then stay out of
 * the handler's figures. Prints its URL on the first line of stdout.
 */
// By path: the repository root does not depend on the workspace packages.
import { startMockServer } from '../../packages/mock-server/src/index.js';

const server = await startMockServer({ port: 0, fixedOtp: '123456', maxEntries: 20_000 });
process.stdout.write(`${server.url}\n`);
