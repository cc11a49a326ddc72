/** The Verifik endpoints the mock serves (sections 1–5 and 7 of `verifik-api.md`), path → HTTP method. */
export const apiRoutes = {
  '/v2/projects/phone-login': 'POST',
  '/v2/projects/phone-login/confirm': 'POST',
  '/v2/projects/email-login': 'POST',
  '/v2/projects/email-login/confirm': 'POST',
  '/v2/auth/session': 'GET',
  '/v2/auth/renew-and-revoke': 'POST',
} as const;

/** The path of one of the served Verifik endpoints, e.g. `"/v2/projects/phone-login"`. */
export type ApiRoute = keyof typeof apiRoutes;

/** Whether `path` is one of the served Verifik endpoints. */
export function isApiRoute(path: string): path is ApiRoute {
  return Object.hasOwn(apiRoutes, path);
}

/** The endpoint a request is for, when both its path and its method match one. */
export function matchApiRoute(method: string, path: string): ApiRoute | undefined {
  return isApiRoute(path) && apiRoutes[path] === method ? path : undefined;
}
