/** Locket's version, from package.json at build time (vite `define`); 'dev' when run from source without it. */
export const LOCKET_VERSION: string = typeof __LOCKET_VERSION__ === 'string' ? __LOCKET_VERSION__ : 'dev';
