import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The suite runs on two cores with an emulator beside it: a few workers keep it fast without starving moto.
    maxWorkers: 2,
  },
});
