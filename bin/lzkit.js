#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources through tsx (a dependency, pure JS + esbuild's shipped binary),
// or the compiled dist/ when the sources are not there (a published package).
const fs = require('fs');
const path = require('path');

const source = path.join(__dirname, '..', 'cli', 'main.ts');
if (fs.existsSync(source)) {
  require('tsx/cjs/api').register();
  require(source).main(process.argv);
} else {
  require(path.join(__dirname, '..', 'dist', 'cli', 'main.js')).main(process.argv);
}
