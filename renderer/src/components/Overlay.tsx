import { useEffect, useId, useRef, type ReactNode } from 'react';

/** Open overlays, innermost last: Esc closes only the innermost. */
const openOverlays: string[] = [];

export interface OverlayProps {
  title: string;
  /** Visually hides the title (an image viewer) while keeping it for screen readers. */
  isTitleHidden?: boolean;
  onClose(): void;
  children: ReactNode;
  className?: string;
}

/**
 * A modal layer: Esc or a click on the backdrop closes it, focus moves into it and returns to where it was when it
 * closes, and Tab stays inside it.
 */
export function Overlay({ title, isTitleHidden = false, onClose, children, className }: OverlayProps) {
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    openOverlays.push(id);
    // A marked element first (a dangerous dialog marks its safe button), else the first control in the panel.
    const first =
      panel.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      panel.current?.querySelector<HTMLElement>('button, input, select, textarea, [tabindex="0"]');
    (first ?? panel.current)?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (openOverlays.at(-1) !== id) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        onCloseRef.current();
      } else if (event.key === 'Tab' && panel.current) {
        trapTab(event, panel.current);
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      openOverlays.splice(openOverlays.indexOf(id), 1);
      previous?.focus();
    };
  }, [id]);

  return (
    <div className="overlay-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={panel}
        className={`overlay-panel ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        tabIndex={-1}
      >
        <h2 id={`${id}-title`} className={isTitleHidden ? 'visually-hidden' : 'overlay-title'}>
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}

function trapTab(event: KeyboardEvent, container: HTMLElement): void {
  const focusable = Array.from(
    container.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex="0"]'),
  ).filter((element) => !element.hasAttribute('disabled'));
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
