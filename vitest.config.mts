import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __LOCKET_VERSION__: JSON.stringify('test') },
  test: {
    include: ['test/**/*.test.ts', 'renderer/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
