/*
 * The email rule of every verifik-auth package (the core's field checks, the server's checks and limit
 * keys, the mock Verifik): one address written any way is one destination.
 *
 * Its one form is trimmed, lower-cased and NFC-normalised, with its domain in ASCII (IDNA, through the
 * WHATWG URL parser that Node.js and browsers ship) and without a trailing dot:
 * `  Alice@Bücher.Example. ` is `alice@xn--bcher-kva.example`.
 *
 * What it does NOT fold: dots and `+tags` in the local part (`a.lice@gmail.com`, `alice+x@gmail.com`).
 * Only some providers deliver those to one mailbox, and we cannot know each provider's rules; folding
 * them everywhere would merge other people's distinct addresses under one key, so a stranger could use
 * up someone else's limit and lock them out. Rotating spellings of one mailbox is bounded by the limits
 * per client address and in total instead.
 */

/** The longest address accepted, in characters of its one form (RFC 5321's path limit). */
export const EMAIL_MAX_LENGTH = 254;

/** The longest local part (before the `@`), RFC 5321. */
const LOCAL_PART_MAX_LENGTH = 64;

/**
 * A local part: dot-separated runs of anything but spaces, control characters and the characters that
 * would need quoting (quoted local parts are not accepted). Letters beyond ASCII are allowed (RFC 6531).
 */
const localPartPattern = /^[^\s\p{Cc}()<>[\]:;@\\,".]+(?:\.[^\s\p{Cc}()<>[\]:;@\\,".]+)*$/u;

/**
 * What the URL parser would read as something other than a host name (a path, a port, user info, a
 * query, percent-escapes, an IP literal) or silently drop (tabs, newlines): refused before it parses.
 */
const notInDomain = /[\s\p{Cc}/\\?#@:%[\]]/u;

/** One label of a host name in ASCII: letters, digits and inner hyphens, 1 to 63 of them. */
const labelPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The domain in ASCII and lower case, without a trailing dot, when it is a host name; else undefined. */
function asciiDomain(domain: string): string | undefined {
  if (domain === '' || notInDomain.test(domain)) return undefined;
  let hostname: string;
  try {
    // The WHATWG URL parser's domain-to-ASCII (UTS #46): maps, lower-cases and punycodes each label.
    hostname = new URL(`http://${domain}`).hostname;
  } catch {
    return undefined;
  }
  const ascii = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  const labels = ascii.split('.');
  const top = labels[labels.length - 1] ?? '';
  // At least two labels, each a valid label, and a top level that is not all digits (an IP address).
  if (labels.length < 2 || !labels.every((label) => labelPattern.test(label)) || /^\d+$/.test(top)) {
    return undefined;
  }
  return ascii;
}

/**
 * The address in its one form, or undefined when it is not an email address (see the rule above).
 *
 * @example
 * ```ts
 * normalizeEmail('  Alice@Bücher.Example. '); // 'alice@xn--bcher-kva.example'
 * normalizeEmail('Alice+news@Gmail.com'); // 'alice+news@gmail.com': +tags and dots are kept
 * normalizeEmail('alice@localhost'); // undefined: a domain needs a dot
 * ```
 */
export function normalizeEmail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase().normalize('NFC');
  const at = text.lastIndexOf('@');
  if (at < 1) return undefined;
  const local = text.slice(0, at);
  if (local.length > LOCAL_PART_MAX_LENGTH || !localPartPattern.test(local)) return undefined;
  const domain = asciiDomain(text.slice(at + 1));
  if (domain === undefined) return undefined;
  const email = `${local}@${domain}`;
  return email.length <= EMAIL_MAX_LENGTH ? email : undefined;
}
