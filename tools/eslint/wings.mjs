// Basin's walls inside src-main, checked on every import (static, re-export and dynamic).
// The idea is VS Code's `local/code-layering` (a folder's layer decides what it may import) plus
// Signal Desktop's file classes (a file's suffix declares what it may load): here a wing is the
// first folder under src-main, and a `*.tfjs.ts` file is one that may load TF.js.
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * Which other wings each wing may import. Wings not listed import none. `files` (the atomic write)
 * is the leaf every wing that writes may use; `paths` is src-main/paths.ts (built bundle names).
 */
export const WINGS = {
  files: [],
  paths: [],
  data: [],
  child: [],
  security: [],
  store: ['files'],
  checkpoints: ['files'],
  system: ['child'],
  export: ['store', 'checkpoints', 'files'],
  slurm: ['child'],
  lab: ['store', 'checkpoints', 'child', 'export', 'system', 'data', 'files', 'slurm'],
  trainer: ['checkpoints', 'child', 'data', 'files'],
  evaluator: ['trainer', 'checkpoints', 'child', 'data', 'files'],
  server: ['lab', 'security'],
  cli: ['lab', 'server', 'store', 'export', 'system', 'paths', 'slurm'],
  electron: ['lab', 'server', 'security', 'child', 'paths'],
};

/** The wings that are TF.js processes (the trainer and evaluator children). */
const TFJS_WINGS = new Set(['trainer', 'evaluator']);
/** Single files outside those wings that are TF.js processes too: the backend probe's entry. */
const TFJS_FILES = new Set(['system/probe-child.ts']);

function isTest(path) {
  return /\.test\.ts$/.test(path) || path.split('/').includes('testing');
}

/** The wing of a path relative to src-main: its first folder, or `paths` for paths.ts. */
function wingOf(path) {
  const [first, ...rest] = path.split('/');
  if (rest.length === 0) return first === 'paths.ts' ? 'paths' : first;
  return first;
}

function mayLoadTfjs(path) {
  return TFJS_WINGS.has(wingOf(path)) || TFJS_FILES.has(path) || path.endsWith('.tfjs.ts');
}

const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Keeps each src-main wing to the wings it may import, and TF.js in its own.',
    },
    schema: [],
    messages: {
      wing: 'src-main/{{from}} may not import src-main/{{to}} (it may import: {{allowed}}). See the wing table in DESIGN.md.',
      tfjs: '{{source}} loads TF.js, which only the trainer, the evaluator, the backend probe and *.tfjs.ts files may import: the lab side stays TF.js-free.',
    },
  },
  create(context) {
    const srcMain = resolve(context.cwd, 'src-main');
    const file = relative(srcMain, context.filename).split(sep).join('/');
    if (file.startsWith('..')) return {};
    const from = wingOf(file);
    const test = isTest(file);
    const tfjsAllowed = mayLoadTfjs(file);

    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source.startsWith('@tensorflow/') || /\.tfjs(\.ts)?$/.test(source)) {
        if (!tfjsAllowed && !test) context.report({ node, messageId: 'tfjs', data: { source } });
        if (source.startsWith('@tensorflow/')) return;
      }
      if (!source.startsWith('.') || test) return;
      const target = relative(srcMain, resolve(dirname(context.filename), source));
      if (target.startsWith('..')) return;
      const to = wingOf(target.split(sep).join('/'));
      if (to === from) return;
      const allowed = WINGS[from] ?? [];
      if (!allowed.includes(to)) {
        context.report({
          node,
          messageId: 'wing',
          data: { from, to, allowed: allowed.length === 0 ? 'no other wing' : allowed.join(', ') },
        });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export const wingsPlugin = { rules: { 'wing-imports': rule } };
