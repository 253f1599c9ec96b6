import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(__dirname, 'src-shared') } },
  test: {
    include: [
      'src-shared/**/*.test.ts',
      'src-main/**/*.test.ts',
      'src-renderer/**/*.test.ts',
      'tools/**/*.test.ts',
    ],
    // Integration tests fork real trainer processes; two cores are all CI has.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
