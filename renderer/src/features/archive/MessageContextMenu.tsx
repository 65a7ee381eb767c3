import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import type { MessageView } from '../../../../electron/ipc/contract';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import { storedMedia } from './payload';

export interface MessageMenuTarget {
  message: MessageView;
  x: number;
  y: number;
}

/** What the menu can do; each is absent where it does not apply (no selection mode in search results). */
export interface MessageMenuActions {
  copy(message: MessageView): void;
  copyWithSender(message: MessageView): void;
  select?(message: MessageView): void;
  showInChat?(message: MessageView): void;
  setClass?(message: MessageView): void;
  placeHold?(message: MessageView): void;
  exportMessage?(message: MessageView): void;
  openFile?(mediaId: string, fileName: string | null): void;
  saveAs?(mediaId: string, fileName: string | null): void;
}

/** The stored file behind a message that has one: a file or video to open, and anything with media to save. */
function fileOf(message: MessageView): { mediaId: string; fileName: string | null; canOpen: boolean } | null {
  const ref =
    message.kind === 'file'
      ? storedMedia(message, 'file')
      : message.kind === 'video'
        ? storedMedia(message, 'video')
        : message.kind === 'image' || message.kind === 'sticker'
          ? storedMedia(message, 'image', 'thumbnail')
          : undefined;
  if (!ref?.mediaId) return null;
  return { mediaId: ref.mediaId, fileName: ref.fileName, canOpen: message.kind === 'file' || message.kind === 'video' };
}

/**
 * A message's context actions (right-click). It takes focus, so the arrow keys, Enter and Esc work on it. It closes
 * when the person clicks or scrolls elsewhere, or the window resizes or loses focus. Not on every `scroll` event: the
 * chat list scrolls by itself to keep its rows in place while images load and rows are measured, and a menu that
 * vanished then would close under the person's pointer.
 */
export function MessageContextMenu({
  target,
  actions,
  onClose,
}: {
  target: MessageMenuTarget;
  actions: MessageMenuActions;
  onClose(): void;
}) {
  const t = useI18n();
  const menu = useRef<HTMLDivElement>(null);
  const { message } = target;
  const file = fileOf(message);
  const isCentered = message.kind === 'system' || message.kind === 'revoke';

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

  // Up and Down move between the items, wrapping, as in a native menu.
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
    next?.focus();
  };

  const item = (
    key: string,
    icon: Parameters<typeof Icon>[0]['name'] | null,
    label: string,
    run: () => void,
  ): ReactNode => (
    <button
      key={key}
      type="button"
      role="menuitem"
      className="context-menu-item"
      data-action={key}
      onClick={() => {
        onClose();
        run();
      }}
    >
      {icon ? <Icon name={icon} size={16} /> : <span className="context-menu-gap" aria-hidden="true" />}
      {label}
    </button>
  );

  const items: ReactNode[] = [
    item('copy', 'copy', t.t('menu.copy'), () => actions.copy(message)),
    item('copy-with-sender', null, t.t('menu.copyWithSender'), () => actions.copyWithSender(message)),
  ];
  if (actions.showInChat) {
    const show = actions.showInChat;
    items.push(item('show-in-chat', 'chat', t.t('menu.showInChat'), () => show(message)));
  }
  if (actions.select) {
    const select = actions.select;
    items.push(item('select', 'check', t.t('select.thisMessage'), () => select(message)));
  }
  const retention: ReactNode[] = [];
  if (actions.setClass && !isCentered) {
    const setClass = actions.setClass;
    retention.push(item('set-class', null, t.t('menu.setClass'), () => setClass(message)));
  }
  if (actions.placeHold) {
    const placeHold = actions.placeHold;
    retention.push(item('place-hold', 'lock', t.t('menu.placeHold'), () => placeHold(message)));
  }
  if (actions.exportMessage) {
    const exportMessage = actions.exportMessage;
    retention.push(item('export', null, t.t('menu.export'), () => exportMessage(message)));
  }
  const files: ReactNode[] = [];
  if (file && file.canOpen && actions.openFile) {
    const openFile = actions.openFile;
    files.push(item('open-file', 'file', t.t('menu.openFile'), () => openFile(file.mediaId, file.fileName)));
  }
  if (file && actions.saveAs) {
    const saveAs = actions.saveAs;
    files.push(item('save-as', 'down', t.t('menu.saveAs'), () => saveAs(file.mediaId, file.fileName)));
  }

  // Kept inside the window: a menu opened near the right or bottom edge opens towards the middle.
  const height = 36 * (items.length + retention.length + files.length) + 24;
  const left = Math.max(4, Math.min(target.x, window.innerWidth - 260));
  const top = Math.max(4, Math.min(target.y, window.innerHeight - height));
  return (
    <div
      ref={menu}
      className="context-menu"
      role="menu"
      aria-label={t.t('select.menu')}
      style={{ left, top }}
      onKeyDown={onKeyDown}
    >
      {items}
      {retention.length > 0 && <div className="context-menu-separator" role="separator" />}
      {retention}
      {files.length > 0 && <div className="context-menu-separator" role="separator" />}
      {files}
    </div>
  );
}
