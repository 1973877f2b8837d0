// The OCR languages ClaimLens ships (tesseract "best_int" models from the @tesseract.js-data
// packages on the npm registry) and where each package keeps its model, for both loaders.

/** Tesseract codes, in the order they are tried: English first, since brochures mix it in. */
export const OCR_LANGUAGES = ['eng', 'deu', 'fra', 'spa', 'chi_sim'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

/** The languages a page is read with unless the user chooses: every shipped one. */
export const DEFAULT_OCR_LANGUAGES: readonly OcrLanguage[] = OCR_LANGUAGES;

/** A language's model inside its package: `@tesseract.js-data/<code>/<MODEL_DIR>/<code>.traineddata.gz`. */
export const MODEL_DIR = '4.0.0_best_int';

export function modelFile(code: OcrLanguage): string {
  return `${code}.traineddata.gz`;
}

export function isOcrLanguage(code: string): code is OcrLanguage {
  return (OCR_LANGUAGES as readonly string[]).includes(code);
}

/**
 * A comma-separated list of language codes ("eng,deu") -> the languages, in OCR_LANGUAGES
 * order; or a plain-words reason it is not one.
 */
export function parseOcrLanguages(list: string): OcrLanguage[] | string {
  const codes = list
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const unknown = codes.filter((c) => !isOcrLanguage(c));
  if (codes.length === 0 || unknown.length > 0) {
    const what = codes.length === 0 ? 'no language' : `"${unknown.join('", "')}"`;
    return `OCR languages are a comma-separated list of ${OCR_LANGUAGES.join(', ')}; got ${what}.`;
  }
  return OCR_LANGUAGES.filter((code) => codes.includes(code));
}
