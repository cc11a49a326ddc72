/**
 * Where the session lives between page loads. Anything with `getItem`, `setItem` and `removeItem` works,
 * synchronous (Web Storage) or asynchronous (React Native's AsyncStorage, IndexedDB wrappers).
 */
export interface StorageLike {
  /** The value stored under `key`; `null` or `undefined` when there is none. */
  getItem(key: string): string | null | undefined | Promise<string | null | undefined>;
  /** Stores `value` under `key`, replacing what was there. */
  setItem(key: string, value: string): void | Promise<void>;
  /** Deletes what is stored under `key`, if anything. */
  removeItem(key: string): void | Promise<void>;
}

/** A storage that can also tell when another tab changed the value under `key`. */
export interface SessionStorageAdapter extends StorageLike {
  /** Whether the value survives a reload; the memory store does not. */
  readonly persistent?: boolean;
  /** Calls `listener` with the new raw value when another tab or window writes `key`. */
  subscribe?(key: string, listener: (value: string | null) => void): () => void;
}

/**
 * The default: keeps the session in this page's memory only. A reload logs the user out.
 * @example
 * createLoginMachine({ storage: memoryStorage() });
 */
export function memoryStorage(): SessionStorageAdapter {
  const values = new Map<string, string>();
  return {
    persistent: false,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => {
      values.set(key, value);
    },
    removeItem: (key) => {
      values.delete(key);
    },
  };
}

/**
 * The part of the Web Storage API that {@link webStorage} uses, declared here so the types need no DOM
 * lib. `localStorage` and `sessionStorage` are ones; so is any synchronous key-value store with these
 * three methods.
 */
export interface WebStorageLike {
  /** The value stored under `key`, or `null`. */
  getItem(key: string): string | null;
  /** Stores `value` under `key`; may throw when the storage is full or disabled. */
  setItem(key: string, value: string): void;
  /** Deletes what is stored under `key`, if anything. */
  removeItem(key: string): void;
}

/** The channel name that tabs of one origin use to announce session changes. */
const channelName = (key: string) => `verifik-auth:${key}`;

/**
 * Keeps the session in `localStorage` or `sessionStorage`. A login or logout in one tab reaches the
 * others: through a `BroadcastChannel`, and through the `storage` event where that is all there is.
 * One channel per key and adapter, so a tab never hears its own writes.
 * @example
 * createLoginMachine({ storage: webStorage(localStorage) });
 */
export function webStorage(store: WebStorageLike, key?: string): SessionStorageAdapter {
  const channels = new Map<string, BroadcastChannel>();
  const channelFor = (watched: string) => {
    if (typeof BroadcastChannel === 'undefined') return undefined;
    let channel = channels.get(watched);
    if (!channel) {
      channel = new BroadcastChannel(channelName(watched));
      // In Node an open channel would keep the process alive.
      (channel as { unref?: () => void }).unref?.();
      channels.set(watched, channel);
    }
    return channel;
  };
  const effectiveKey = (requested: string) => key ?? requested;
  return {
    persistent: true,
    getItem: (requested) => store.getItem(effectiveKey(requested)),
    setItem: (requested, value) => {
      store.setItem(effectiveKey(requested), value);
      channelFor(effectiveKey(requested))?.postMessage(value);
    },
    removeItem: (requested) => {
      store.removeItem(effectiveKey(requested));
      channelFor(effectiveKey(requested))?.postMessage(null);
    },
    subscribe: (requested, listener) => {
      const watched = effectiveKey(requested);
      const cleanups: Array<() => void> = [];
      const channel = channelFor(watched);
      if (channel) {
        const onMessage = (message: MessageEvent) => {
          listener(typeof message.data === 'string' ? message.data : null);
        };
        channel.addEventListener('message', onMessage);
        cleanups.push(() => channel.removeEventListener('message', onMessage));
      } else if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
        const onStorage = (event: StorageEvent) => {
          if (event.storageArea === store && event.key === watched) listener(event.newValue);
        };
        window.addEventListener('storage', onStorage);
        cleanups.push(() => window.removeEventListener('storage', onStorage));
      }
      return () => {
        for (const cleanup of cleanups) cleanup();
      };
    },
  };
}
