#!/usr/bin/env node
// The `claimlens` command (package.json "bin"): makes sure a new enough Node runs it, builds the
// CLI bundle when the sources changed, and runs it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureModernNode } from '../toolchain/modern-node.mjs';

ensureModernNode(import.meta.url);
const { ensureBuilt } = await import('./build.mjs');
const dir = await ensureBuilt();
// eslint-disable-next-line no-unsanitized/method -- the path is this project's own build folder
await import(pathToFileURL(join(dir, 'index.mjs')).href);
