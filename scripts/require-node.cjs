'use strict';
// Runs before every npm script and the `basin` command. Written for any Node version: an older one
// must be able to run this file to be told what to do. (Node 20 segfaults on Basin's SQLite binding.)
const REQUIRED_MAJOR = 22;

function nodeVersionProblem(version) {
  const major = Number(String(version).split('.')[0]);
  if (major >= REQUIRED_MAJOR) return null;
  return (
    'Basin needs Node ' +
    REQUIRED_MAJOR +
    ' or newer; this is v' +
    version +
    '.\n' +
    'Get Node ' +
    REQUIRED_MAJOR +
    ' from https://nodejs.org/en/download (or, with nvm: `nvm install ' +
    REQUIRED_MAJOR +
    ' && nvm use ' +
    REQUIRED_MAJOR +
    '`; .nvmrc names it), then run `npm install` again in this folder.\n'
  );
}

/** Ends the process with the sentence above when Node is too old. */
function requireNode() {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem === null) return;
  process.stderr.write(problem);
  process.exit(1);
}

module.exports = { requireNode, nodeVersionProblem, REQUIRED_MAJOR };
if (require.main === module) requireNode();
