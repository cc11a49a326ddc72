import type { StorageLike } from '@verifik-auth/core';

/** The three functions of expo-secure-store that the adapter calls. */
export interface SecureStoreLike {
  getItemAsync(key: string): Promise<string | null>;
  setItemAsync(key: string, value: string): Promise<void>;
  deleteItemAsync(key: string): Promise<void>;
}

/** Keeps the session in the iOS Keychain / Android Keystore, encrypted, instead of plain-text AsyncStorage. */
export function secureStorage(store: SecureStoreLike): StorageLike {
  return {
    getItem: (key) => store.getItemAsync(key),
    setItem: (key, value) => store.setItemAsync(key, value),
    removeItem: (key) => store.deleteItemAsync(key),
  };
}
