/**
 * Runs the store benchmarks: `npm run bench:store` (or `node bench/store-bench.ts [file ...]`).
 * Node strips this file's types itself; the benchmarks import the lab core, whose `@shared`
 * imports need Vite's resolver, so each is loaded through Vite's module runner.
 */
import path from 'node:path';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const files = process.argv.slice(2);
const benches = files.length > 0 ? files : ['bench/store-ingest.ts', 'bench/store-query.ts'];

for (const file of benches) {
  const { module } = await runnerImport<{ default: () => Promise<void> }>(
    path.resolve(root, file),
    {
      configFile: false,
      logLevel: 'error',
      resolve: { alias: { '@shared': path.resolve(root, 'src-shared') } },
    },
  );
  await module.default();
}
