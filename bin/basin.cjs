#!/usr/bin/env node
'use strict';
// The CLI is a build output (npm install builds it through the "prepare" script).
require('../scripts/require-node.cjs').requireNode();
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(
    `basin: ${cli} is missing; run \`npm run build\` in ${join(__dirname, '..')} first.\n`,
  );
  process.exit(1);
}
require(cli);
