#!/usr/bin/env node
'use strict';
// Thin launcher: the command line lives in pipeline/cli.ts, compiled to dist/ by `npm install` (prepare).
require('../dist/pipeline/cli.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err instanceof Error ? err.message : err); process.exitCode = 2; },
);
