// The one line reports carry for pages whose images could not be drawn: the command line's (MuPDF)
// and the app's (pdf.js in the renderer) say it in the same words.
import { describe, expect, it } from 'vitest';
import { undrawnPagesWarning } from '../../shared/export/report-crops';

describe('the warning for pages without images', () => {
  it('names one page, or several in order and once each', () => {
    expect(undrawnPagesWarning('pdf.js', [2])).toBe(
      'pdf.js could not draw page 2; its findings are in the report without an image.',
    );
    expect(undrawnPagesWarning('pdf.js', [7, 3, 7, 12])).toBe(
      'pdf.js could not draw pages 3, 7, 12; their findings are in the report without an image.',
    );
  });

  it("adds the drawing library's own words when it gave any", () => {
    expect(undrawnPagesWarning('MuPDF', [1, 2], ['cannot find page tree', 'repairing'])).toBe(
      'MuPDF could not draw pages 1, 2; their findings are in the report without an image ' +
        '(MuPDF said: cannot find page tree; repairing).',
    );
  });
});
