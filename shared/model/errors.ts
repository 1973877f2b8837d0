// Why a document could not be read, as a fixed set of codes with messages in plain words; the
// CLI prints the message, the app (later) maps the code to what it offers the user next.

export const READ_ERROR_CODES = [
  'FILE_EMPTY',
  'FILE_UNREADABLE',
  'NOT_SUPPORTED',
  'PDF_ENCRYPTED',
  'PDF_INVALID',
  'PDF_NO_PAGES',
  'TEXT_BINARY',
  'DOCX_INVALID',
  'OCR_FAILED',
  'TIMEOUT',
  'OUT_OF_MEMORY',
  'INTERNAL',
] as const;
export type ReadErrorCode = (typeof READ_ERROR_CODES)[number];

export class ReadError extends Error {
  constructor(
    readonly code: ReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}
