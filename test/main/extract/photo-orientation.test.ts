// Photos stored turned or mirrored (EXIF orientations 1-8), made in the test from one upright page
// image: both readers, the command line's (MuPDF draws the upright pixels for OCR) and the app's
// (a one-page PDF made with pdf-lib, which the renderer draws with pdf.js), show every one of them
// upright, at the upright size; and OCR reads a mirrored photo as it reads the upright one, with
// the same findings in the same places.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseFile } from '../../../main/extract/analyse-file';
import { closeOcr } from '../../../main/extract/ocr-engine';
import { extractImage, uprightPng } from '../../../main/extract/read-image';
import { bundledRulesDir, loadPacks } from '../../../main/rules/load-packs';
import { exifOrientation, uprightSize } from '../../../shared/input/image-size';
import type { Finding } from '../../../shared/model/finding';
import { compileRules } from '../../../shared/rules/compile';
import { imageAsPdf } from '../../../renderer/input/image-page';
import { orientedPhoto, UPRIGHT, uprightGrey } from '../../support/oriented-photo';

const ORIENTATIONS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
const work = mkdtempSync(join(tmpdir(), 'claimlens-orientation-'));

afterAll(async () => {
  await closeOcr();
});

/** Mean absolute difference of two greyscale images of the same size, 0-255. */
function meanDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

function greyOf(pixmap: mupdf.Pixmap): Uint8Array {
  const grey = pixmap.convertToColorSpace(mupdf.ColorSpace.DeviceGray, false);
  const pixels = grey.getPixels().slice();
  grey.destroy();
  return Uint8Array.from(pixels);
}

// A JPEG at quality 90 of the page differs from it by about 0.2 on average, whoever draws it; the
// page turned or mirrored the wrong way differs by more than 13.
const SAME = 1;

describe('photo orientation: every EXIF orientation is shown upright', () => {
  const upright = uprightGrey();

  it('makes photos that are not upright as stored (so the checks below can fail)', () => {
    for (const orientation of ORIENTATIONS) {
      const photo = orientedPhoto(orientation, orientation % 2 === 0 ? 'MM' : 'II');
      expect(exifOrientation(photo)).toBe(orientation);
      const image = new mupdf.Image(photo);
      const stored = image.toPixmap();
      if (orientation < 5) {
        const difference = meanDifference(greyOf(stored), upright);
        if (orientation === 1) expect(difference).toBeLessThan(SAME);
        else expect(difference, `orientation ${orientation}`).toBeGreaterThan(10 * SAME);
      } else {
        expect([stored.getWidth(), stored.getHeight()]).toEqual([UPRIGHT.height, UPRIGHT.width]);
      }
      stored.destroy();
      image.destroy();
    }
  });

  it.each(ORIENTATIONS)('the command line draws orientation %i upright', async (orientation) => {
    const photo = orientedPhoto(orientation, 'II');
    expect(uprightSize(photo)).toEqual(UPRIGHT);
    const image = new mupdf.Image(await uprightPng(photo));
    const pixmap = image.toPixmap();
    expect([pixmap.getWidth(), pixmap.getHeight()]).toEqual([UPRIGHT.width, UPRIGHT.height]);
    expect(meanDifference(greyOf(pixmap), upright)).toBeLessThan(SAME);
    pixmap.destroy();
    image.destroy();
  });

  it.each(ORIENTATIONS)("the app's page shows orientation %i upright", async (orientation) => {
    const pdf = mupdf.Document.openDocument(
      await imageAsPdf(orientedPhoto(orientation, 'MM')),
      'application/pdf',
    );
    const page = pdf.loadPage(0);
    // One unit a pixel: the page is the photo's upright size, drawn at scale 1.
    expect(page.getBounds()).toEqual([0, 0, UPRIGHT.width, UPRIGHT.height]);
    const pixmap = page.toPixmap(mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, false);
    expect(meanDifference(greyOf(pixmap), upright)).toBeLessThan(SAME);
    pixmap.destroy();
    page.destroy();
    pdf.destroy();
  });
});

describe('photo orientation: OCR reads a mirrored photo as the upright one', () => {
  const rules = compileRules(loadPacks([bundledRulesDir()]));
  const findingsOf = async (orientation: number): Promise<Finding[]> => {
    const path = join(work, `photo-${orientation}.jpg`);
    writeFileSync(path, orientedPhoto(orientation));
    const outcome = await analyseFile(path, rules);
    if (outcome.kind !== 'done') throw new Error(`photo-${orientation}.jpg was not read`);
    return [...outcome.result.findings];
  };

  it('finds the same claims in the same places on photos stored mirrored (2) and transversed (7)', async () => {
    const upright = await findingsOf(1);
    expect(upright.length).toBeGreaterThan(2);
    const uprightText = (await extractImage(orientedPhoto(1))).page.text.text;
    for (const orientation of [2, 7]) {
      const text = (await extractImage(orientedPhoto(orientation))).page.text.text;
      expect(text, `orientation ${orientation}`).toBe(uprightText);
      const found = await findingsOf(orientation);
      const key = (f: Finding) => `${f.ruleId} ${f.quote}`;
      expect(found.map(key).sort(), `orientation ${orientation}`).toEqual(upright.map(key).sort());
      for (const f of found) {
        const same = upright.find((u) => key(u) === key(f))!;
        f.quads.forEach((quad, i) =>
          quad.forEach((v, k) => expect(Math.abs(v - same.quads[i]![k]!)).toBeLessThan(3)),
        );
      }
    }
  });
});
