import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { defineConfig } from 'vite';
import { dependenciesCommonJsCannotRequire } from './scripts/esm-only-dependencies.mts';

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};
const bundled = new Set(dependenciesCommonJsCannotRequire(import.meta.dirname));
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies).filter((d) => !bundled.has(d)),
];

/** The `locket` CLI, built for plain Node as CommonJS; runtime dependencies stay external except ESM-only ones. */
export default defineConfig({
  define: { __LOCKET_VERSION__: JSON.stringify(pkg.version) },
  ssr: { noExternal: [...bundled], target: 'node' },
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      // Imports read each source in a thread started from read-worker.cjs, built beside locket.cjs.
      input: {
        locket: join(import.meta.dirname, 'electron/cli/index.ts'),
        'read-worker': join(import.meta.dirname, 'electron/worker/read-worker.ts'),
      },
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
    },
  },
});
