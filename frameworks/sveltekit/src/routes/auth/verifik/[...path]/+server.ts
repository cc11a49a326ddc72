import type { RequestEvent, RequestHandler } from './$types';
import { getAuth } from '$lib/server/auth';

/**
 * The client's address: the socket's peer or, with adapter-node behind your proxy, the entry of the
 * header its ADDRESS_HEADER names (for X-Forwarded-For, XFF_DEPTH entries from the right: the one your
 * proxy appended, never the client's own). adapter-node throws when that header is missing: then
 * there is no address, and the handler refuses sends and confirms.
 */
function clientAddress(event: RequestEvent): string | undefined {
  try {
    return event.getClientAddress();
  } catch {
    return undefined;
  }
}

const handler: RequestHandler = (event) =>
  getAuth().handler(event.request, { clientAddress: clientAddress(event) });
export { handler as GET, handler as POST, handler as DELETE };
