#!/usr/bin/env node
// The `claimlens` command (package.json "bin"): makes sure a new enough Node runs it, builds the
// CLI bundle when the sources changed, and runs it.
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureModernNode } from '../toolchain/modern-node.mjs';

ensureModernNode(import.meta.url);
const { ensureBuilt } = await import('../toolchain/build.mjs');
const dir = await ensureBuilt('cli');
// V8's code cache on disk: pdf.js is 3 MB of JavaScript that every worker would compile again.
const cache = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'compile-cache');
process.env.NODE_COMPILE_CACHE ??= cache;
module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);
// eslint-disable-next-line no-unsanitized/method -- the path is this project's own build folder
await import(pathToFileURL(join(dir, 'index.mjs')).href);
