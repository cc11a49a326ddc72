import { UsageError } from './errors.js';

/** How a URL is shown once its credentials are taken out, as git shows them (`https://<redacted>@host`). */
function withoutCredentials(url: URL): string {
  return `${url.protocol}//<redacted>@${url.host}${url.pathname}`;
}

/**
 * Checks `--api` before anything else sees it, so no message can repeat a secret written in it: a value
 * that is not an http(s) URL is refused without being repeated (it may be a mistyped token or a
 * password), and a URL with a user name or password is refused with them shown as `<redacted>`, as
 * git's `transfer.credentialsInUrl` does. Returns the URL unchanged; https-only is the client's rule.
 * @throws {UsageError} for either.
 */
export function checkApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(
      '--api expects an absolute URL such as https://api.verifik.co; what was given is not one ' +
        '(it is not repeated here, in case it holds a secret).',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(
      `--api ${withoutCredentials(url)}: remove the user name and password from the URL. Verifik ` +
        'takes none there (the login is the one-time code), and a password on a command line is ' +
        'kept in shell history and shown to other users in the process list.',
    );
  }
  return raw;
}
