import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtPaths } from '../paths';

/** The repository root, found from this file so tests run from any working directory. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The bundles `npm run build` wrote, for integration tests that need real child processes. */
export function requireBuiltApp() {
  const paths = builtPaths(join(repoRoot, 'out', 'main'));
  for (const path of [paths.probeScript, join(paths.rendererDir, 'index.html')]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first.`);
  }
  return paths;
}
