import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { dependenciesCommonJsCannotRequire } from './scripts/esm-only-dependencies.mts';

const root = import.meta.dirname;
const at = (path: string) => resolve(root, path);

/**
 * Our layout is electron/main, electron/preload and renderer/, not electron-vite's src/ default, so every
 * entry is named here. See docs in docs/toolchain.md, "electron-vite with our layout".
 */
export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      // Runtime deps stay external (electron-vite's default): sql.js must load sql-wasm.wasm from beside its
      // own JS file, which bundling would break. Only import-only packages are bundled (see above).
      externalizeDeps: { exclude: dependenciesCommonJsCannotRequire(root) },
      rollupOptions: {
        input: {
          index: at('electron/main/index.ts'),
          // The workers are loaded by file name from beside the bundle that starts them.
          'vault-worker': at('electron/worker/vault-worker.ts'),
          'kdf-worker': at('electron/worker/kdf-worker.ts'),
          'read-worker': at('electron/worker/read-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload cannot require() anything but a few Electron modules, so it imports no runtime
      // dependency at all; everything it uses (the request list) is bundled into it.
      rollupOptions: {
        input: { index: at('electron/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: at('renderer'),
    plugins: [react()],
    build: {
      outDir: at('out/renderer'),
      rollupOptions: {
        input: { index: at('renderer/index.html') },
      },
    },
  },
});
