// A stand-in for @react-native-async-storage/async-storage: its getItem/setItem/removeItem, every
// call a promise that settles on a later turn (as a call over the native bridge does), kept in a Map
// in place of the device's store.

/** AsyncStorage's three methods core uses, and the Map behind them for the test to inspect. */
export interface AsyncStorageStandIn {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
  /** What the device would hold. */
  readonly values: Map<string, string>;
}

const laterTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

export function createAsyncStorage(): AsyncStorageStandIn {
  const values = new Map<string, string>();
  return {
    values,
    getItem: async (key) => {
      await laterTurn();
      return values.get(key) ?? null;
    },
    setItem: async (key, value) => {
      await laterTurn();
      values.set(key, value);
    },
    removeItem: async (key) => {
      await laterTurn();
      values.delete(key);
    },
  };
}
