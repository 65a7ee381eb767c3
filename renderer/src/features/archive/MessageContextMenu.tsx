import { useEffect, useRef } from 'react';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';

export interface MessageMenuTarget {
  messageId: number;
  x: number;
  y: number;
}

/**
 * A message's context actions (right-click). It takes focus, so the arrow keys, Enter and Esc work on it. It closes
 * when the person clicks or scrolls elsewhere, or the window resizes or loses focus. Not on every `scroll` event: the
 * chat list scrolls by itself to keep its rows in place while images load and rows are measured, and a menu that
 * vanished then would close under the person's pointer.
 */
export function MessageContextMenu({
  target,
  onSelect,
  onClose,
}: {
  target: MessageMenuTarget;
  onSelect(messageId: number): void;
  onClose(): void;
}) {
  const t = useI18n();
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: Event) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }
    };
    const closers = ['mousedown', 'wheel', 'touchstart'] as const;
    for (const type of closers) document.addEventListener(type, onPointer, true);
    document.addEventListener('keydown', onKey, true);
    window.addEventListener('resize', onClose);
    window.addEventListener('blur', onClose);
    return () => {
      for (const type of closers) document.removeEventListener(type, onPointer, true);
      document.removeEventListener('keydown', onKey, true);
      window.removeEventListener('resize', onClose);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  // Kept inside the window: a menu opened near the right or bottom edge opens towards the middle.
  const left = Math.min(target.x, window.innerWidth - 220);
  const top = Math.min(target.y, window.innerHeight - 60);
  return (
    <div ref={menu} className="context-menu" role="menu" aria-label={t.t('select.menu')} style={{ left, top }}>
      <button
        type="button"
        role="menuitem"
        className="context-menu-item"
        onClick={() => {
          onSelect(target.messageId);
          onClose();
        }}
      >
        <Icon name="check" size={16} />
        {t.t('select.thisMessage')}
      </button>
    </div>
  );
}
