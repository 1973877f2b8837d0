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
