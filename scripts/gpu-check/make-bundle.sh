#!/bin/bash
# Builds a self-contained GPU check for a machine with a GPU but no Node and no package registry:
# a compressed Node 22 binary, Basin's built bundles (out/main) and the runtime packages they load
# (TF.js with its wasm and webgpu backends, Dawn for Node, better-sqlite3, zod, ws), pruned to
# what Node loads on linux-x64. Run it in a built checkout (npm install && npm run build) with
# Node 22 first on PATH. Usage: scripts/gpu-check/make-bundle.sh [OUT_DIR] (default
# .gpu-check, git-ignored). On the GPU machine: bash OUT_DIR/run.sh [steps].
set -eu
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
out=$(realpath -m "${1:-$repo/.gpu-check}"); work=$(mktemp -d)
node -e 'if (process.versions.node.split(".")[0] !== "22") { console.error("needs Node 22 on PATH, found " + process.version); process.exit(1); }'
[ -f "$repo/out/main/cli.js" ] && [ -f "$repo/out/main/doctor.js" ] || { echo "build first: npm run build" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out" "$work/basin"
cd "$repo"
cp -r out/main "$work/basin/out-main"; mkdir -p "$work/basin/out" "$work/basin/bin" "$work/basin/scripts"
mv "$work/basin/out-main" "$work/basin/out/main"
cp bin/basin.cjs "$work/basin/bin/"; cp scripts/require-node.cjs "$work/basin/scripts/"; cp package.json "$work/basin/"
# The runtime closure of package.json's dependencies (uplot is the renderer's only), as folders.
node - "$work/basin" <<'JS'
const { cpSync, existsSync, readFileSync, rmSync, readdirSync, statSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const [target] = process.argv.slice(2);
const seen = new Set();
function folderOf(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`cannot find ${name} from ${from}`);
  }
}
function visit(name, from) {
  const folder = folderOf(name, from);
  if (seen.has(folder)) return;
  seen.add(folder);
  const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, folder);
}
const root = process.cwd();
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
for (const dep of Object.keys(pkg.dependencies)) if (dep !== 'uplot') visit(dep, root);
for (const folder of seen) {
  const real = require('node:fs').realpathSync(folder);
  const to = join(target, 'node_modules', relative(join(root, 'node_modules'), folder));
  cpSync(real, to, { recursive: true, dereference: true });
}
// TF.js packages: package.json, the Node entry file and the wasm binaries are all Node loads.
const tfRoot = join(target, 'node_modules', '@tensorflow');
for (const name of readdirSync(tfRoot)) {
  const dir = join(tfRoot, name);
  const main = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).main ?? 'index.js';
  const keep = (file) => file === join(dir, 'package.json') || file === join(dir, main) || file.endsWith('.wasm');
  (function prune(d) {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) { if (entry === 'node_modules') continue; prune(path); }
      else if (!keep(path)) rmSync(path);
    }
  })(dir);
}
// Dawn for Node: only the linux-x64 dawn.node; better-sqlite3: only its built addon and lib.
const dawn = join(target, 'node_modules', 'webgpu', 'dist');
for (const entry of readdirSync(dawn)) if (entry !== 'linux-x64' && statSync(join(dawn, entry)).isDirectory()) rmSync(join(dawn, entry), { recursive: true });
for (const extra of ['deps', 'src']) rmSync(join(target, 'node_modules', 'better-sqlite3', extra), { recursive: true, force: true });
console.log(`${seen.size} packages`);
JS
# A Vulkan loader for machines that have the GPU driver but no libvulkan.so.1 (Chromium ships one).
[ -f /usr/lib/chromium/libvulkan.so.1 ] && mkdir -p "$work/basin/vk" && cp /usr/lib/chromium/libvulkan.so.1 "$work/basin/vk/"
xz -T0 -6 -c "$(command -v node)" > "$out/node.xz"
tar -C "$work" -cJf "$out/basin.tar.xz" basin
cp "$here/run.sh" "$out/"
rm -rf "$work"
du -sh "$out"
