// The engine in a Web Worker, so a 400-page analysis never freezes the window. One worker serves
// every document: the rule packs are compiled once and kept until other packs are sent (a folder
// of a thousand brochures is not a thousand compilations).
import { analyseDocument } from '../../shared/analysis/analyse';
import type { Finding } from '../../shared/model/finding';
import { compileRules, type CompiledRules, type LoadedPack } from '../../shared/rules/compile';
import type { PageText } from '../../shared/text/page-text';

export interface AnalysisRequest {
  readonly id: number;
  readonly pages: PageText[];
  /** Which packs to use, by their hashes; `packs` comes with the first request for a new set. */
  readonly packsKey: string;
  readonly packs?: LoadedPack[];
}

export type AnalysisReply =
  | { readonly id: number; readonly ok: true; readonly findings: Finding[] }
  | { readonly id: number; readonly ok: false; readonly message: string };

let compiled: { readonly key: string; readonly rules: CompiledRules } | null = null;

function reply(message: AnalysisReply): void {
  self.postMessage(message);
}

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const { id, pages, packs, packsKey } = event.data;
  try {
    if (packs !== undefined) compiled = { key: packsKey, rules: compileRules(packs) };
    if (compiled?.key !== packsKey) throw new Error('the rule packs were not sent to the engine');
    reply({ id, ok: true, findings: analyseDocument(pages, compiled.rules).findings });
  } catch (error) {
    reply({ id, ok: false, message: (error as Error).message });
  }
};
