import type { ApiRequest, StepEffects } from './path.types.js';

/** JSON with object keys sorted, so two bodies compare by content, not by key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

const requestText = (request: ApiRequest) =>
  `${request.method} ${request.path}${request.body ? ` ${canonical(request.body)}` : ''}${
    request.authorization ? ` (${request.authorization})` : ''
  }`;

/** How {@link compareEffects} compares. */
export interface EffectsComparison {
  /** Body fields a UI may add of its own, e.g. `language`: ignored unless the catalogue has them. */
  extraBodyFields?: readonly string[];
}

/**
 * The differences between a step's expected effects and what a driver recorded, one a line; empty
 * when none. Fields the driver left out are not compared (a page cannot see every write).
 */
export function compareEffects(
  expected: StepEffects,
  observed: Partial<StepEffects>,
  options: EffectsComparison = {},
): string[] {
  const differences: string[] = [];
  const extra = new Set(options.extraBodyFields ?? []);
  // Fields a UI adds to a body (the page's language) are compared only when the catalogue names them.
  const withoutExtras = (request: ApiRequest, like: ApiRequest | undefined): ApiRequest => {
    if (!request.body || extra.size === 0) return request;
    const body = Object.fromEntries(
      Object.entries(request.body).filter(([key]) => !extra.has(key) || (like?.body && key in like.body)),
    );
    return { ...request, body };
  };
  const compare = (what: string, want: unknown, got: unknown) => {
    if (canonical(want) !== canonical(got))
      differences.push(`${what}: expected ${canonical(want)}, got ${canonical(got)}`);
  };
  if (observed.requests) {
    const seen = observed.requests.map((request, i) => withoutExtras(request, expected.requests[i]));
    compare('requests', expected.requests.map(requestText), seen.map(requestText));
  }
  if (observed.aborted) compare('aborted', expected.aborted, observed.aborted);
  if (observed.storageWrites) compare('storage writes', expected.storageWrites, observed.storageWrites);
  if (observed.stored) compare('stored', expected.stored, observed.stored);
  return differences;
}
