// The comparison report's page images, drawn here in the renderer's sandbox with the two pdf.js
// documents the Compare view already has open (main never parses a PDF): for each edition, the
// regions of its changed findings (shared/export/diff-report-model.ts), as the document report
// draws them (renderer/export/crops.ts).
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { EditionDiff } from '../../shared/diff/diff';
import { cropTargets } from '../../shared/export/report-crops';
import { diffCroppable } from '../../shared/export/diff-report-model';
import { renderReportCrops, type DrawnCrops, type WireCrop } from '../export/crops';

/** As 'library:exportDiff' carries them: each edition's crops and the pages pdf.js could not draw. */
export interface EditionCrops {
  readonly oldCrops: WireCrop[];
  readonly newCrops: WireCrop[];
  readonly oldUndrawnPages: number[];
  readonly newUndrawnPages: number[];
}

const NONE: DrawnCrops = { crops: [], failedPages: [] };

/** Both editions' crops; `onProgress` hears how many of all of them are drawn. */
export async function drawEditionCrops(
  diff: EditionDiff,
  docs: { readonly old: PDFDocumentProxy | null; readonly new: PDFDocumentProxy | null },
  onProgress: (done: number, total: number) => void,
): Promise<EditionCrops> {
  const older = diffCroppable(diff, 'old');
  const newer = diffCroppable(diff, 'new');
  // An edition without pages (a Word file, a web page) has no page to picture: no crops.
  const oldTotal = docs.old === null ? 0 : cropTargets(older).length;
  const total = oldTotal + (docs.new === null ? 0 : cropTargets(newer).length);
  const drawnOld =
    docs.old === null
      ? NONE
      : await renderReportCrops(docs.old, older, (done) => onProgress(done, total));
  const drawnNew =
    docs.new === null
      ? NONE
      : await renderReportCrops(docs.new, newer, (done) => onProgress(oldTotal + done, total));
  return {
    oldCrops: drawnOld.crops,
    newCrops: drawnNew.crops,
    oldUndrawnPages: drawnOld.failedPages,
    newUndrawnPages: drawnNew.failedPages,
  };
}
