import { useStore } from 'zustand';
import type { AppState } from './state';
import { useAppStoreApi } from './StoreProvider';

/**
 * Reads the app store through a selector. Selectors must return values already in the state (or primitives):
 * a new array or object per call would re-render forever; derive those with useMemo in the component.
 */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
