// A Word file (DOCX) as one page of text, read as the app's sandbox reads it
// (shared/input/word-file.ts: zip-bomb and damage checks first, then mammoth's HTML as visible
// text), with mammoth's Node build.
import mammoth from 'mammoth';
import type { ExtractedText } from '../../shared/input/decode-text';
import { wordFilePages } from '../../shared/input/word-file';

export function extractDocx(bytes: Uint8Array): Promise<ExtractedText> {
  return wordFilePages(bytes, async (docx) => {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(docx.buffer, docx.byteOffset, docx.byteLength) },
      {
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    return result.value;
  });
}
