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

/**
 * The differences between a step's expected effects and what a driver recorded, one a line; empty
 * when none. Fields the driver left out are not compared (a page cannot see every write).
 */
export function compareEffects(expected: StepEffects, observed: Partial<StepEffects>): string[] {
  const differences: string[] = [];
  const compare = (what: string, want: unknown, got: unknown) => {
    if (canonical(want) !== canonical(got))
      differences.push(`${what}: expected ${canonical(want)}, got ${canonical(got)}`);
  };
  if (observed.requests) {
    compare('requests', expected.requests.map(requestText), observed.requests.map(requestText));
  }
  if (observed.aborted) compare('aborted', expected.aborted, observed.aborted);
  if (observed.storageWrites) compare('storage writes', expected.storageWrites, observed.storageWrites);
  if (observed.stored) compare('stored', expected.stored, observed.stored);
  return differences;
}
