import { Refusal } from './errors.js';

/** Whether the server answers for a host name (`URL#hostname`: lower-cased, IPv6 in brackets, no port). */
export type HostCheck = (hostname: string) => boolean;

/** `name` without the one trailing dot a fully qualified name may carry (`app.example.`). */
const withoutRootDot = (name: string) => (name.endsWith('.') ? name.slice(0, -1) : name);

/**
 * The host names allowed without being listed. A DNS-rebinding page is served from a name its
 * attacker's DNS answers for; none of these is one:
 * - `localhost` and `*.localhost`: browsers resolve them to loopback themselves (RFC 6761), and no
 *   public DNS answers for them;
 * - IP literals (v4 and v6, any address): a page at `http://203.0.113.5` has that origin, so there is
 *   nothing to rebind; this keeps a server reached by its address (a LAN IP, a health check) working.
 */
function isAllowedByDefault(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name.startsWith('[') ||
    // The URL parser turns every host ending in a number into dotted-decimal IPv4, or refuses it.
    /^\d{1,3}(?:\.\d{1,3}){3}$/.test(name)
  );
}

/** One `allowedHosts` entry: its host name, and whether its subdomains are allowed too. */
function parseHost(entry: unknown): { name: string; subdomains: boolean } {
  const invalid = () =>
    new TypeError(
      'createVerifikAuth: `allowedHosts` takes host names such as "app.example", or ".app.example" for it ' +
        `and its subdomains (no scheme, no port, no path), got ${JSON.stringify(entry)}.`,
    );
  if (typeof entry !== 'string') throw invalid();
  const subdomains = entry.startsWith('.');
  const name = subdomains ? entry.slice(1) : entry;
  // A port, a path or a user name would be parsed away below, and the entry would not say what it means.
  if (/^$|[\s/?#@\\]/.test(name) || (name.startsWith('[') ? !name.endsWith(']') : name.includes(':'))) {
    throw invalid();
  }
  let hostname: string;
  try {
    hostname = new URL(`http://${name}`).hostname;
  } catch {
    throw invalid();
  }
  const normalized = withoutRootDot(hostname);
  if (normalized === '') throw invalid();
  return { name: normalized, subdomains };
}

/**
 * The `Host` check: loopback names, IP literals, the hosts of `allowedOrigins`, and `allowedHosts`.
 * Host names only: the port is never compared (the same server often answers on several, and a
 * rebinding page's port proves nothing either way). Throws a `TypeError` on a malformed entry.
 */
export function createHostCheck(
  allowedHosts: readonly string[] = [],
  allowedOrigins: ReadonlySet<string> = new Set(),
): HostCheck {
  if (!Array.isArray(allowedHosts)) {
    throw new TypeError('createVerifikAuth: `allowedHosts` must be an array of host names.');
  }
  const exact = new Set([...allowedOrigins].map((origin) => withoutRootDot(new URL(origin).hostname)));
  const parents: string[] = [];
  for (const entry of allowedHosts) {
    const { name, subdomains } = parseHost(entry);
    exact.add(name);
    if (subdomains) parents.push(name);
  }
  return (hostname) => {
    const name = withoutRootDot(hostname.toLowerCase());
    return (
      isAllowedByDefault(name) || exact.has(name) || parents.some((parent) => name.endsWith(`.${parent}`))
    );
  };
}

/** What the handler and the app-route check say about a host that is not allowed. */
export function hostNotAllowedMessage(hostname: string): string {
  const name = withoutRootDot(hostname);
  return (
    `Refused: this server does not answer for the host ${JSON.stringify(name)}. If it is yours, list it: ` +
    `createVerifikAuth({ allowedHosts: ['${name}'] }).`
  );
}

/** The handler's answer to a host that is not allowed: 403 `unauthorized`, saying how to list it. */
export const hostRefusal = (hostname: string) =>
  new Refusal(403, 'unauthorized', hostNotAllowedMessage(hostname));
