#!/usr/bin/env node
'use strict';
// Runs a TypeScript entry file of this project (cdktf app, benchmarks, the demo) through tsx's
// require hook, as the main module: `require.main === module` holds in the entry, as with `node FILE`.
const path = require('path');
const Module = require('module');
require('tsx/cjs/api').register();
const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node bin/run-ts.js FILE.ts [args...]\n');
  process.exit(2);
}
process.argv.splice(1, 2, path.resolve(entry)); // the entry sees its own args at process.argv[2...]
Module.runMain();
