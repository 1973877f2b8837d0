// A Word file (DOCX) as one page of text, the same in the command line and the app's sandbox:
// the archive is checked for zip bombs and damage first (zip-guard.ts), then mammoth turns it
// into HTML (images left out, no external files read; the caller passes mammoth's Node or
// browser build) and its visible text is taken as from a web page, so tables keep their rows and
// cells. Word files have no fixed pages, so the whole document is page 1, and findings carry no
// quads.
import { ReadError } from '../model/errors';
import { pagesFromPlainText } from '../text/page-text';
import type { ExtractedText } from './decode-text';
import { visibleText } from './html-text';
import { checkZip, DOCX_LIMITS } from './zip-guard';

/** The Word file's body as HTML (mammoth.convertToHtml in the runtime at hand). */
export type DocxToHtml = (bytes: Uint8Array) => Promise<string>;

export async function wordFilePages(bytes: Uint8Array, toHtml: DocxToHtml): Promise<ExtractedText> {
  const entries = checkZip(bytes, DOCX_LIMITS);
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new ReadError(
      'NOT_SUPPORTED',
      'This ZIP archive is not a Word document (it has no word/document.xml); ClaimLens reads ' +
        'Word files saved as .docx.',
    );
  }
  let html: string;
  try {
    html = await toHtml(bytes);
  } catch (error) {
    throw new ReadError(
      'DOCX_INVALID',
      `The Word file is damaged and cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const text = visibleText(html).replace(/\f/g, ' ');
  const warnings = text.trim() === '' ? ['The Word file contains no text.'] : [];
  return { pages: pagesFromPlainText(text), warnings };
}
