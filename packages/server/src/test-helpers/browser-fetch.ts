// A browser's fetch for tests of the core machine in server mode over real HTTP.
/**
 * What a browser tab does that Node's fetch does not: keep the cookie (one jar per "browser") and
 * send `Origin` (the page's, `origin`) on requests that change state.
 */
export function browserFetch(origin: string) {
  const jar = new Map<string, string>();
  const requests: Array<{ method: string; path: string }> = [];
  const fetchLike = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    if (request.method !== 'GET') headers.set('origin', origin);
    if (jar.size) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    requests.push({ method: request.method, path: new URL(request.url).pathname });
    const response = await fetch(new Request(request, { headers }));
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '')
        jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return { fetch: fetchLike, jar, requests };
}

/** What {@link browserFetch} returns: the fetch, its cookie jar and the requests it made. */
export type BrowserFetch = ReturnType<typeof browserFetch>;
