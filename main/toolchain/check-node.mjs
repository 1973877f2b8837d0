// First step of `npm run check`: the Node running the checks is new enough and pdfjs-dist is at or
// above the first version without GHSA-hq66-cqwq-w95j; says what to do when not.
import { createRequire } from 'node:module';
import { isModern, MIN_NODE, pinnedNode } from './modern-node.mjs';

const require = createRequire(import.meta.url);
const problems = [];
if (!isModern()) {
  problems.push(
    `Node ${process.version} is running the checks; ClaimLens needs ${MIN_NODE.join('.')} or newer.` +
      (pinnedNode()
        ? ' Run them through npm (npm test), which puts the pinned Node first on PATH.'
        : ' Run "npm ci" first.'),
  );
}
const pdfjs = require('pdfjs-dist/package.json').version;
const [a, b, c] = pdfjs.split('.').map(Number);
if (a < 6 || (a === 6 && (b < 2 || (b === 2 && c < 108)))) {
  problems.push(
    `pdfjs-dist ${pdfjs} is below 6.2.108 (GHSA-hq66-cqwq-w95j: crafted PDFs run scripts).`,
  );
}
if (problems.length > 0) {
  process.stderr.write(problems.map((p) => `check: ${p}\n`).join(''));
  process.exit(1);
}
