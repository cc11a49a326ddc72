import { describe, it } from 'vitest';
import { getIgnoredPaths, getLoginPaths } from './catalogue.js';
import { runPath } from './run-path.js';
import { createCoreDriver } from './scripted-driver.js';

// The committed catalogue, replayed on the machine as it is now: a changed behaviour fails here
// (and shows in the catalogue-diff test) until the catalogue is reviewed and updated.
describe.each(['shortest', 'simple', 'journey'] as const)(
  'every committed %s path on the core actor',
  (strategy) => {
    it.each(getLoginPaths({ strategy }))('$id: $description', (path) => runPath(path, createCoreDriver()));
  },
);

describe('the events each state ignores, on the core actor', () => {
  it.each(getIgnoredPaths())('$id: $description', (path) => runPath(path, createCoreDriver()));
});
