/**
 * Preferences that belong to this computer rather than to a vault (language, theme, the last vault's folder),
 * kept in the page's localStorage. Nothing secret goes here.
 */
export interface PreferenceStorage {
  read(key: string): string | null;
  write(key: string, value: string | null): void;
}

const PREFIX = 'locket.';

export const localPreferences: PreferenceStorage = {
  read(key) {
    try {
      return window.localStorage.getItem(PREFIX + key);
    } catch {
      // Storage can be disabled; preferences then last for this window only.
      return null;
    }
  },
  write(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(PREFIX + key);
      else window.localStorage.setItem(PREFIX + key, value);
    } catch {
      // See read().
    }
  },
};

/** For tests and for pages without storage. */
export function memoryPreferences(initial: Record<string, string> = {}): PreferenceStorage {
  const values = new Map(Object.entries(initial));
  return {
    read: (key) => values.get(key) ?? null,
    write: (key, value) => {
      if (value === null) values.delete(key);
      else values.set(key, value);
    },
  };
}
