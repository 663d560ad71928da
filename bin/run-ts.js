#!/usr/bin/env node
'use strict';
// Runs a TypeScript entry file of this project (cdktf app, benchmarks) through tsx's require hook.
const path = require('path');
require('tsx/cjs/api').register();
const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node bin/run-ts.js FILE.ts [args...]\n');
  process.exit(2);
}
process.argv.splice(1, 1); // the entry sees its own args at process.argv[2...]
require(path.resolve(entry));
