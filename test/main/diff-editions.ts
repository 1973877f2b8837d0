// Two editions of one brochure, made with pdf-lib for the edition-diff tests (CLI and app).
// From the old edition to the new one:
//  - the demographic sentence on page 2 is removed (gender and ethnicity findings go);
//  - gait recognition is added on page 3;
//  - the emotion recognition sentence moves from page 3 to page 5 (unchanged);
//  - the cloud sentence on page 1 is reworded (changed: sentence);
//  - licence plate recognition goes from planned to included (changed: polarity, sentence);
//  - "faces against a blacklist" is reworded to "faces against a watch list" (changed: quote);
//  - face recognition stays where it was (unchanged).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const FACE = 'The SV-9000 camera performs face recognition against watchlists in real time.';
export const CLOUD_OLD = 'Recordings are uploaded automatically to the vendor cloud.';
export const CLOUD_NEW =
  'Recordings are uploaded automatically to the vendor cloud and kept there for ninety days.';
export const DEMOGRAPHICS = 'Its analytics estimate gender, age and ethnicity of every visitor.';
export const EMOTION = 'Emotion recognition is available as an optional licence.';
export const GAIT = 'Gait recognition is planned for the next release.';
export const PLATES_OLD = 'Licence plate recognition is planned for 2025.';
export const PLATES_NEW = 'Licence plate recognition is included on every model.';
export const BLACKLIST = 'The system recognises faces against a blacklist.';
export const WATCHLIST = 'The system recognizes faces against a watch list.';
const FILLER = 'The housing is rated IP67 and works from -30 to 60 degrees.';

export const OLD_PAGES: readonly (readonly string[])[] = [
  ['Sentinel Vision SV-9000 brochure, 2023 edition', FACE, CLOUD_OLD],
  ['Analytics', DEMOGRAPHICS, PLATES_OLD, BLACKLIST],
  ['Options', EMOTION],
];

export const NEW_PAGES: readonly (readonly string[])[] = [
  ['Sentinel Vision SV-9000 brochure, 2024 edition', FACE, CLOUD_NEW],
  ['Analytics', FILLER, PLATES_NEW, WATCHLIST],
  ['Roadmap', GAIT],
  ['Installation', FILLER],
  ['Options', EMOTION],
];

export async function brochurePdf(pages: readonly (readonly string[])[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => {
      page.drawText(line, { x: 50, y: 780 - i * 24, size: i === 0 ? 16 : 11, font });
    });
  }
  // Fixed dates, so each edition's bytes (and SHA-256) are the same on every run.
  pdf.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2024-01-01T00:00:00Z'));
  return pdf.save();
}

/** Writes old.pdf and new.pdf into `dir`; returns their paths. */
export async function writeEditions(dir: string): Promise<{ oldPdf: string; newPdf: string }> {
  const oldPdf = join(dir, 'sv-9000-2023.pdf');
  const newPdf = join(dir, 'sv-9000-2024.pdf');
  writeFileSync(oldPdf, await brochurePdf(OLD_PAGES));
  writeFileSync(newPdf, await brochurePdf(NEW_PAGES));
  return { oldPdf, newPdf };
}
