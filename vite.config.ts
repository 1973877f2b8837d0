// The renderer build: React UI in renderer/, bundled into out/renderer with pdf.js's worker,
// and pdf.js's local CMaps, standard fonts and WASM copied beside it (no remote fetches, ever).
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { PDF_RESOURCE_DIRS } from './shared/pdf/options.ts';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

function copyPdfjsResources(): Plugin {
  let outDir = '';
  return {
    name: 'claimlens:pdfjs-resources',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      for (const dir of Object.values(PDF_RESOURCE_DIRS)) {
        cpSync(join(pdfjsRoot, dir), join(outDir, 'pdfjs', dir), { recursive: true });
      }
    },
  };
}

export default defineConfig({
  root: join(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react(), copyPdfjsResources()],
  build: {
    // main/toolchain/build.mjs builds into out/renderer-<fingerprint>/.
    outDir: join(import.meta.dirname, 'out', 'renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
  },
  worker: { format: 'es' },
});
