// The engine in a Web Worker, so a 400-page analysis never freezes the window.
import { analyseDocument } from '../../shared/analysis/analyse';
import { compileRules, type LoadedPack } from '../../shared/rules/compile';
import type { PageText } from '../../shared/text/page-text';

export interface AnalysisRequest {
  readonly pages: PageText[];
  readonly packs: LoadedPack[];
}

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  try {
    const { findings } = analyseDocument(event.data.pages, compileRules(event.data.packs));
    self.postMessage({ ok: true, findings });
  } catch (error) {
    self.postMessage({ ok: false, message: (error as Error).message });
  }
};
