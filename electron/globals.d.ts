/** Replaced at build time with package.json's version (vite `define`); tests define it in vitest config. */
declare const __LOCKET_VERSION__: string;
