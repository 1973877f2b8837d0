// A Word file (DOCX) as one page of text: the archive is checked for zip bombs and damage first
// (zip-guard.ts), then mammoth turns it into HTML (images left out, no external files read) and
// its visible text is taken as from a web page, so tables keep their rows and cells. Word files
// have no fixed pages, so the whole document is page 1, and findings carry no quads.
import mammoth from 'mammoth';
import { visibleText } from '../../shared/input/html-text';
import { ReadError } from '../../shared/model/errors';
import { pagesFromPlainText } from '../../shared/text/page-text';
import type { ExtractedText } from './read-text';
import { checkZip, DOCX_LIMITS } from './zip-guard';

export async function extractDocx(bytes: Uint8Array): Promise<ExtractedText> {
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
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    html = result.value;
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
