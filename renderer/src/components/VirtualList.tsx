import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type Ref,
} from 'react';
import {
  anchorsAt,
  computeLayout,
  maxScrollTop,
  scrollTopForAnchor,
  scrollTopToReveal,
  visibleRange,
  type Anchor,
  type Layout,
} from './virtual-layout';

export interface VirtualListHandle {
  /** Scrolls so the row with this key is at the start, centre or end of the view. False when there is no such row. */
  scrollToKey(key: string, align?: 'start' | 'center' | 'end'): boolean;
  scrollToEnd(): void;
  /** True when the view is scrolled to its last row. */
  isAtEnd(): boolean;
}

export interface VirtualListProps<T> {
  items: readonly T[];
  getKey(item: T): string;
  /** A guess for rows not measured yet; measured heights replace it as rows render. */
  estimateHeight(item: T): number;
  renderItem(item: T, index: number): ReactNode;
  /** Extra pixels rendered above and below the view, so fast scrolling does not show blank space. */
  overscan?: number;
  /** 'end' opens at the last row and stays there while rows are added at the end (a chat). */
  startAt?: 'start' | 'end';
  /** Called whenever the view is within `reachDistance` of its first or last row (load more there). */
  onReachStart?(): void;
  onReachEnd?(): void;
  reachDistance?: number;
  handleRef?: Ref<VirtualListHandle>;
  className?: string;
  role?: string;
  ariaLabel?: string;
  /** Rendered after the rows, inside the scrolling area (a footer or an empty state). */
  children?: ReactNode;
}

/**
 * A list that renders only the rows in view, for lists of any length (100k-message chats). Row heights vary and
 * are measured with one ResizeObserver; when rows above the view change (older pages prepended, an image loads,
 * an estimate is corrected) the first visible row is kept exactly where it was, so the content never jumps.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const {
    items,
    getKey,
    estimateHeight,
    renderItem,
    overscan = 600,
    startAt = 'start',
    onReachStart,
    onReachEnd,
    reachDistance = 800,
    handleRef,
  } = props;
  const viewportRef = useRef<HTMLDivElement>(null);
  // The heights map is one object for the list's lifetime, mutated as rows are measured; the wrapper is replaced
  // on each change so React re-renders. Copying a 100k-entry map per measurement would cost more than it saves.
  const [measured, setMeasured] = useState(() => ({ heights: new Map<string, number>() }));
  const heights = measured.heights;
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);
  const anchors = useRef<Anchor[]>([]);
  // Stuck to the end: rows added or grown at the end keep the view at the end (only for startAt 'end').
  const isPinnedToEnd = useRef(startAt === 'end');

  const keys = useMemo(() => items.map(getKey), [items, getKey]);
  const indexByKey = useMemo(() => new Map(keys.map((key, i) => [key, i])), [keys]);
  const layout = useMemo<Layout>(
    () => computeLayout(keys, measured.heights, (i) => estimateHeight(items[i]!)),
    [keys, items, estimateHeight, measured],
  );
  // Event handlers read the latest layout through these; they are updated after each commit.
  const layoutRef = useRef(layout);
  const keysRef = useRef(keys);
  useLayoutEffect(() => {
    layoutRef.current = layout;
    keysRef.current = keys;
  }, [layout, keys]);

  const observer = useRef<ResizeObserver | null>(null);
  const observeRow = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element) return undefined;
      observer.current ??= new ResizeObserver((entries) => {
        let changed = false;
        for (const entry of entries) {
          const key = (entry.target as HTMLElement).dataset.key;
          const height = entry.borderBoxSize[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
          if (key === undefined || height === 0) continue;
          if (Math.abs((heights.get(key) ?? -1) - height) > 0.5) {
            heights.set(key, height);
            changed = true;
          }
        }
        if (changed) setMeasured({ heights });
      });
      const watcher = observer.current;
      watcher.observe(element);
      return () => watcher.unobserve(element);
    },
    [heights],
  );
  useEffect(() => () => observer.current?.disconnect(), []);

  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return undefined;
    setViewportHeight(viewport.clientHeight);
    const watcher = new ResizeObserver(() => setViewportHeight(viewport.clientHeight));
    watcher.observe(viewport);
    return () => watcher.disconnect();
  }, []);

  const rememberPosition = useCallback(
    (top: number) => {
      const viewport = viewportRef.current;
      if (!viewport) return;
      anchors.current = anchorsAt(layoutRef.current, keysRef.current, top, viewport.clientHeight, (key) =>
        heights.has(key),
      );
      if (startAt === 'end') isPinnedToEnd.current = maxScrollTop(layoutRef.current, viewport.clientHeight) - top < 2;
    },
    [startAt, heights],
  );

  const moveTo = useCallback((top: number) => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    viewport.scrollTop = top;
    setScrollTop(viewport.scrollTop);
  }, []);

  // After every layout change, put the view back where the person left it: at the end, or on the same row.
  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport || viewportHeight === 0) return;
    let target: number | null = null;
    if (isPinnedToEnd.current) {
      target = maxScrollTop(layout, viewportHeight);
    } else {
      const kept = anchors.current.find((a) => indexByKey.has(a.key));
      if (kept) target = scrollTopForAnchor(layout, indexByKey.get(kept.key)!, kept);
    }
    if (target !== null && Math.abs(viewport.scrollTop - target) > 0.5)
      moveTo(Math.min(target, maxScrollTop(layout, viewportHeight)));
    anchors.current = anchorsAt(layout, keys, viewport.scrollTop, viewportHeight, (key) => heights.has(key));
  }, [layout, viewportHeight, indexByKey, keys, moveTo, heights]);

  const onScroll = useCallback(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    setScrollTop(viewport.scrollTop);
    rememberPosition(viewport.scrollTop);
  }, [rememberPosition]);

  // Asks for more rows near either end. Reads the live scroll position: state may lag one render behind.
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport || viewportHeight === 0 || items.length === 0) return;
    const top = viewport.scrollTop;
    if (top < reachDistance) onReachStart?.();
    if (layout.total - (top + viewportHeight) < reachDistance) onReachEnd?.();
  }, [scrollTop, viewportHeight, layout, items.length, onReachStart, onReachEnd, reachDistance]);

  useImperativeHandle(
    handleRef,
    () => ({
      scrollToKey(key, align = 'start') {
        const index = indexByKey.get(key);
        const viewport = viewportRef.current;
        if (index === undefined || !viewport) return false;
        const top = scrollTopToReveal(layoutRef.current, index, viewport.clientHeight, align);
        isPinnedToEnd.current = startAt === 'end' && index === keys.length - 1 && align === 'end';
        // Anchored on the target itself, so rows above it that are measured later do not push it out of place.
        anchors.current = [{ key, delta: top - layoutRef.current.offsets[index]! }];
        moveTo(top);
        return true;
      },
      scrollToEnd() {
        const viewport = viewportRef.current;
        if (!viewport) return;
        isPinnedToEnd.current = startAt === 'end';
        moveTo(maxScrollTop(layoutRef.current, viewport.clientHeight));
      },
      isAtEnd() {
        const viewport = viewportRef.current;
        return !viewport || maxScrollTop(layoutRef.current, viewport.clientHeight) - viewport.scrollTop < 2;
      },
    }),
    [indexByKey, keys.length, moveTo, startAt],
  );

  const { start, end } = visibleRange(layout, scrollTop, viewportHeight || 800, overscan);
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const key = keys[i]!;
    rows.push(
      <div
        key={key}
        data-key={key}
        ref={observeRow}
        className="virtual-row"
        // A list's rows are its items (ARIA: a list owns listitems; the spacer between is generic).
        role={props.role === 'list' ? 'listitem' : undefined}
        style={{ transform: `translateY(${layout.offsets[i]}px)` }}
      >
        {renderItem(items[i]!, i)}
      </div>,
    );
  }

  return (
    <div
      ref={viewportRef}
      className={`virtual-list ${props.className ?? ''}`}
      onScroll={onScroll}
      role={props.role}
      aria-label={props.ariaLabel}
      tabIndex={0}
    >
      <div className="virtual-spacer" style={{ height: layout.total }}>
        {rows}
      </div>
      {props.children}
    </div>
  );
}
