import { describe, expectTypeOf, it } from 'vitest';
import { createVerifikClient, type VerifikClientOptions } from './client.js';
import type { HeadersLike } from './client.types.js';
import { type WebStorageLike, webStorage } from './storage.js';

// The core declares its own small interfaces instead of DOM types (see public-types.test.ts); the real
// browser objects must still fit them.
describe('the structural types in place of DOM ones', () => {
  it('accept Web Storage, Headers, header records and pairs, and the global fetch', () => {
    expectTypeOf(localStorage).toExtend<WebStorageLike>();
    expectTypeOf(sessionStorage).toExtend<WebStorageLike>();
    expectTypeOf(new Headers()).toExtend<HeadersLike>();
    expectTypeOf<Record<string, string>>().toExtend<HeadersLike>();
    expectTypeOf<[string, string][]>().toExtend<HeadersLike>();
    expectTypeOf<Map<string, string>>().toExtend<HeadersLike>();
    expectTypeOf(fetch).toExtend<NonNullable<VerifikClientOptions['fetch']>>();
    expectTypeOf(window.fetch).toExtend<NonNullable<VerifikClientOptions['fetch']>>();
    webStorage(localStorage);
    createVerifikClient({ headers: new Headers({ 'x-app': 'web' }), fetch: window.fetch });
  });

  it('refuse what the Headers constructor would misread', () => {
    expectTypeOf<Record<string, number>>().not.toExtend<HeadersLike>();
    expectTypeOf<[string, string, string][]>().not.toExtend<HeadersLike>();
  });
});
