import { useEffect } from 'react';
import { useAppStore } from '../store/useAppStore';

/**
 * Ctrl/Cmd+F opens the search panel (message search across the vault). Ctrl/Cmd+K focuses the conversation filter,
 * and only while no dialog is open (the search panel is one), so it never steals focus from the panel. Esc belongs
 * to each overlay.
 */
export function useGlobalShortcuts(): void {
  const focusFilter = useAppStore((s) => s.navigation.focusFilter);
  const openSearch = useAppStore((s) => s.search.open);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key !== 'f' && key !== 'k') return;
      const modal = document.querySelector('[aria-modal="true"]');
      if (key === 'f') {
        event.preventDefault();
        if (!modal) openSearch();
        else if (modal.classList.contains('search-panel'))
          modal.querySelector<HTMLInputElement>('input[name="search-query"]')?.select();
        return;
      }
      if (modal) return;
      event.preventDefault();
      focusFilter();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [focusFilter, openSearch]);
}
