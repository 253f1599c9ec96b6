import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const shared = { '@shared': resolve(__dirname, 'src-shared') };

// One Node bundle set serves three front doors: the Electron shell (index), the CLI/server (cli)
// and the trainer child process (trainer). They share chunks so the lab core ships once.
export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          probe: resolve(__dirname, 'src-main/system/probe-child.ts'),
          trainer: resolve(__dirname, 'src-main/trainer/main.ts'),
          ensemble: resolve(__dirname, 'src-main/evaluator/main.ts'),
          landscape: resolve(__dirname, 'src-main/evaluator/landscape/landscape-main.ts'),
          doctor: resolve(__dirname, 'src-main/trainer/doctor/doctor-main.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() node_modules, so zod and the contract are bundled in.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/electron/preload.ts') } },
    },
  },
  renderer: {
    root: 'src-renderer',
    resolve: { alias: shared },
    plugins: [svelte()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves every bundle readable by default; the page is shipped, so minify it
      // (about 1 MB → 444 kB, 146 kB gzipped).
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
