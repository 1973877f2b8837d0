// The renderer build: React UI in renderer/, bundled into out/renderer with pdf.js's worker,
// and pdf.js's local CMaps, standard fonts and WASM copied beside it (no remote fetches, ever).
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { MODEL_DIR, OCR_LANGUAGES, modelFile } from './shared/ocr/languages.ts';
import { PDF_RESOURCE_DIRS } from './shared/pdf/options.ts';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

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
      // OCR (renderer/pdf/ocr.ts): tesseract.js's worker, its LSTM-only WASM cores and every
      // shipped language model in one folder, served from the app's own origin.
      const tesseract = join(outDir, 'tesseract');
      cpSync(
        join(packageDir('tesseract.js'), 'dist/worker.min.js'),
        join(tesseract, 'worker.min.js'),
      );
      for (const core of ['lstm', 'simd-lstm', 'relaxedsimd-lstm']) {
        const file = `tesseract-core-${core}.wasm.js`;
        cpSync(join(packageDir('tesseract.js-core'), file), join(tesseract, 'core', file));
      }
      for (const code of OCR_LANGUAGES) {
        const from = join(packageDir(`@tesseract.js-data/${code}`), MODEL_DIR, modelFile(code));
        cpSync(from, join(tesseract, 'lang', modelFile(code)));
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
