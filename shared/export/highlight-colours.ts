// Highlight colours by severity, and for the reviewer's own highlights: the app's (renderer/app/
// styles.css, `.hl.<severity>`: a colour at some opacity, multiplied over the page), so an
// annotated copy looks like the document screen. A test keeps the two in step.
import type { Severity } from '../model/taxonomy';

export interface HighlightColour {
  /** 0-255 each. */
  readonly rgb: readonly [number, number, number];
  /** Opacity, 0-1. */
  readonly alpha: number;
}

export const SEVERITY_COLOURS: Readonly<Record<Severity, HighlightColour>> = {
  prohibited: { rgb: [179, 0, 27], alpha: 0.34 },
  high: { rgb: [224, 69, 42], alpha: 0.32 },
  medium: { rgb: [227, 162, 26], alpha: 0.38 },
  low: { rgb: [47, 143, 206], alpha: 0.3 },
  info: { rgb: [122, 130, 145], alpha: 0.3 },
};

export const USER_COLOUR: HighlightColour = { rgb: [123, 63, 196], alpha: 0.28 };
