/**
 * The app's few icons, drawn inline (no icon font, nothing fetched). Stroke icons on a 24-unit grid, coloured by
 * currentColor so they follow the theme.
 */
const PATHS = {
  archive: 'M4 5h16v4H4zM5 9v10h14V9M10 13h4',
  chat: 'M4 5h16v11H9l-5 4z',
  import: 'M12 3v12M7 10l5 5 5-5M4 19h16',
  settings:
    'M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zM19 12l2-1-1-3-2 .3-1.3-1.5.4-2-3-1.2-1.1 1.7h-2L8.9 3.6 6 4.8l.4 2L5 8.3 3 8 2 11l2 1-2 1 1 3 2-.3 1.3 1.5-.4 2 3 1.2 1.1-1.7h2l1.1 1.7 3-1.2-.4-2 1.4-1.5 2 .3 1-3z',
  lock: 'M6 11h12v9H6zM8 11V8a4 4 0 0 1 8 0v3',
  unlock: 'M6 11h12v9H6zM8 11V8a4 4 0 0 1 7.5-2',
  folder: 'M3 6h6l2 2h10v11H3z',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.5 15.5 20 20',
  close: 'M6 6l12 12M18 6 6 18',
  play: 'M8 5v14l11-7z',
  pause: 'M8 5v14M16 5v14',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  video: 'M4 6h11v12H4zM15 10l5-3v10l-5-3',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15 9.5a1 1 0 1 0 0-.1',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  location: 'M12 21s-6-5.5-6-11a6 6 0 0 1 12 0c0 5.5-6 11-6 11zM12 8a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z',
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  transfer: 'M4 8h14l-4-4M20 16H6l4 4',
  gift: 'M4 10h16v11H4zM3 7h18v3H3zM12 7v14M12 7c-2-4-6-3-5 0M12 7c2-4 6-3 5 0',
  records: 'M5 4h14v16H5zM8 8h8M8 12h8M8 16h5',
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v5M16 3v5',
  down: 'M12 5v14M6 13l6 6 6-6',
  copy: 'M8 8h11v12H8zM5 16V4h11',
  check: 'M5 12l5 5 9-10',
  compress: 'M9 3v6H3M15 3v6h6M9 21v-6H3M15 21v-6h6',
  chart: 'M4 20h16M7 16v-4M12 16V6M17 16V9',
  warning: 'M12 3 2 20h20zM12 10v4M12 17v.5',
  info: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5v.5',
  app: 'M12 3l7 3v6c0 4.5-3 8-7 9-4-1-7-4.5-7-9V6z',
  miniprogram: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9 9.5a2.5 2.5 0 1 1 2.5 2.5v0a2.5 2.5 0 1 0 2.5 2.5',
  sticker: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8.5 14a4.5 4.5 0 0 0 7 0M9 9.5v.5M15 9.5v.5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 20, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={`icon ${className ?? ''}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
