// The comparison of two editions as a PDF (A4), drawn with the document report's parts
// (./report-pdf.ts, ./report-pdf-layout.ts): the same fonts (Noto Sans SC cut to the characters
// used, Courier for hashes), headings, badges and footers, in the order of the HTML comparison;
// each change shows the old and the new page's crop side by side where both fit on one page.
import { rgb, type Color } from 'pdf-lib';
import { CROP_SCALE } from '../../shared/export/report-crops';
import {
  editionRows,
  KIND_LABELS,
  MATCHING_NOTE,
  summaryText,
  type DiffEditionSource,
  type DiffReportChange,
  type DiffReportModel,
  type DiffReportSide,
} from '../../shared/export/diff-report-model';
import { formatUtc } from '../../shared/export/report-model';
import {
  badge,
  heading,
  label,
  openReportPdf,
  reportCharacters,
  SEVERITY_INK,
  sideBars,
} from './report-pdf';
import { A4, INK, Layout, LINE, MARGIN, MUTED, type Run } from './report-pdf-layout';

const KIND_INK: Record<DiffReportChange['kind'], Color> = {
  added: rgb(0.612, 0.11, 0.157),
  removed: rgb(0.122, 0.42, 0.227),
  changed: rgb(0.541, 0.353, 0),
};

/** Key-value rows with the keys in a narrow column, as the document report's identity. */
function rows(layout: Layout, list: readonly [string, Run[]][]): void {
  const keyWidth = 110;
  for (const [key, value] of list) {
    const style = { size: 9, indent: keyWidth, leading: 12.5 };
    layout.ensure(layout.measure(value, style));
    const top = layout.y;
    layout.text([{ text: key }], { size: 9, width: keyWidth - 8, colour: MUTED, leading: 12.5 });
    layout.y = top;
    layout.text(value, style);
    layout.space(1.5);
  }
}

function edition(layout: Layout, title: string, source: DiffEditionSource): void {
  layout.ensure(60);
  layout.text([{ text: title, bold: true }], { size: 10.5 });
  layout.space(3);
  rows(
    layout,
    editionRows(source).map(([key, value]): [string, Run[]] => {
      if (key === 'SHA-256') return [key, [{ text: value, mono: true }]];
      if (key === 'Rule packs' && source.rulePacks.length > 0) {
        return [
          key,
          source.rulePacks.flatMap((p, i) => [
            { text: `${i > 0 ? '\n' : ''}${p.id}  ` },
            { text: p.sha256, mono: true, colour: MUTED },
          ]),
        ];
      }
      return [key, [{ text: value }]];
    }),
  );
  layout.space(8);
}

function counts(layout: Layout, model: DiffReportModel): void {
  if (model.bySeverity.length === 0) return;
  const columns = [120, 200, 280, 360];
  const line = (cells: string[], bold: boolean, severity?: string) => {
    layout.ensure(16);
    const baseline = layout.y - 10;
    cells.forEach((cell, i) => {
      if (i === 0 && severity !== undefined) {
        badge(layout, severity, SEVERITY_INK[severity]!, MARGIN.left, baseline);
        return;
      }
      const font = bold ? layout.fonts.bold : layout.fonts.regular;
      const x = i === 0 ? MARGIN.left : MARGIN.left + columns[i]! - font.widthOfTextAtSize(cell, 9);
      layout.page.drawText(cell, { x, y: baseline, size: 9, font, color: INK });
    });
    layout.space(15);
    layout.page.drawLine({
      start: { x: MARGIN.left, y: layout.y + 1 },
      end: { x: MARGIN.left + columns[3]!, y: layout.y + 1 },
      thickness: 0.5,
      color: LINE,
    });
  };
  // The table stays on one page.
  layout.ensure(15 * (model.bySeverity.length + 2) + 4);
  line(['Severity', 'Added', 'Removed', 'Changed'], true);
  for (const r of model.bySeverity) {
    const c = r.counts;
    line([r.severity, String(c.added), String(c.removed), String(c.changed)], false, r.severity);
  }
  const s = model.summary;
  line(['All', String(s.added), String(s.removed), String(s.changed)], true);
  layout.space(6);
}

interface Column {
  readonly which: 'old' | 'new';
  readonly side: DiffReportSide | null;
  readonly indent: number;
  readonly width: number;
}

function sideHead(column: Column): Run[] {
  const name = column.which === 'old' ? 'OLD EDITION' : 'NEW EDITION';
  const s = column.side;
  return s === null
    ? [{ text: name }]
    : [{ text: `${name}, page ${s.page} · ${s.severity} · ${s.polarityLabel}`.toUpperCase() }];
}

/** Only an added claim lacks an old side, and only a removed one a new side. */
function missingText(column: Column): string {
  return column.which === 'old'
    ? 'Not in the old edition: the claim was added.'
    : 'Not in the new edition: the claim was removed.';
}

function quoteRuns(side: DiffReportSide): Run[] {
  return [
    { text: side.text.before },
    { text: side.text.quote, mark: true },
    { text: side.text.after },
  ];
}

/** Scale of a side's crop: its own size, smaller where the column is narrower. */
function cropScale(side: DiffReportSide, width: number): number {
  return side.crop === null ? 0 : Math.min(1 / CROP_SCALE, width / side.crop.width);
}

function columnHeight(layout: Layout, column: Column): number {
  const head = layout.measure(sideHead(column), { size: 7, width: column.width });
  if (column.side === null) {
    return (
      head + layout.measure([{ text: missingText(column) }], { size: 9.5, width: column.width })
    );
  }
  const quote = layout.measure(quoteRuns(column.side), {
    size: 9.5,
    width: column.width - 8,
    leading: 13.5,
  });
  const crop =
    column.side.crop === null
      ? 0
      : column.side.crop.height * cropScale(column.side, column.width) + 16;
  return head + 4 + quote + 6 + crop;
}

async function drawColumn(layout: Layout, column: Column): Promise<void> {
  layout.text(sideHead(column), {
    size: 7,
    indent: column.indent,
    width: column.width,
    colour: MUTED,
  });
  if (column.side === null) {
    layout.text([{ text: missingText(column) }], {
      size: 9.5,
      indent: column.indent,
      width: column.width,
      colour: MUTED,
    });
    return;
  }
  layout.space(4);
  const top = layout.y;
  layout.text(quoteRuns(column.side), {
    size: 9.5,
    indent: column.indent + 8,
    width: column.width - 8,
    leading: 13.5,
  });
  if (layout.y < top) {
    layout.page.drawRectangle({
      x: MARGIN.left + column.indent,
      y: layout.y,
      width: 2,
      height: top - layout.y,
      color: LINE,
    });
  }
  layout.space(6);
  const crop = column.side.crop;
  if (crop === null) return;
  const scale = cropScale(column.side, column.width);
  const width = crop.width * scale;
  const height = crop.height * scale;
  layout.ensure(height + 16);
  const png = await layout.doc.embedPng(crop.png);
  const x = MARGIN.left + column.indent;
  layout.page.drawImage(png, { x, y: layout.y - height, width, height });
  layout.page.drawRectangle({
    x,
    y: layout.y - height,
    width,
    height,
    borderColor: LINE,
    borderWidth: 0.75,
  });
  layout.space(height + 2);
  layout.text([{ text: `Page ${column.side.page}, as rendered from the original.` }], {
    size: 7,
    indent: column.indent,
    width: column.width,
    colour: MUTED,
  });
}

const ROOM = A4[1] - MARGIN.top - MARGIN.bottom;

function columnsOf(layout: Layout, change: DiffReportChange): Column[] {
  const gap = 14;
  const half = (layout.contentWidth - gap) / 2;
  return [
    { which: 'old', side: change.old, indent: 0, width: half },
    { which: 'new', side: change.new, indent: half + gap, width: half },
  ];
}

/** Old and new next to each other where both fit on one page; one after the other otherwise. */
async function sides(layout: Layout, change: DiffReportChange): Promise<void> {
  const columns = columnsOf(layout, change);
  const tallest = Math.max(...columns.map((c) => columnHeight(layout, c)));
  if (tallest > ROOM) {
    for (const c of columns) {
      await drawColumn(layout, { ...c, indent: 0, width: layout.contentWidth });
      layout.space(6);
    }
    return;
  }
  layout.ensure(tallest);
  const top = layout.y;
  let bottom = top;
  for (const c of columns) {
    layout.y = top;
    await drawColumn(layout, c);
    bottom = Math.min(bottom, layout.y);
  }
  layout.y = bottom;
}

function metaLine(layout: Layout, c: DiffReportChange): void {
  layout.ensure(120);
  const baseline = layout.y - 9;
  const { regular, bold } = layout.fonts;
  let x = MARGIN.left;
  const num = `Change ${c.number}`;
  layout.page.drawText(num, { x, y: baseline, size: 9, font: bold, color: INK });
  x += bold.widthOfTextAtSize(num, 9) + 8;
  x += badge(layout, KIND_LABELS[c.kind], KIND_INK[c.kind], x, baseline) + 5;
  x += badge(layout, c.severity, SEVERITY_INK[c.severity]!, x, baseline) + 8;
  let rest = `${c.categoryLabel}  ·  page ${c.old?.page ?? '–'} → ${c.new?.page ?? '–'}`;
  const room = A4[0] - MARGIN.right - x;
  while (rest.length > 1 && regular.widthOfTextAtSize(rest, 8.5) > room) {
    rest = `${rest.slice(0, -2)}…`;
  }
  layout.page.drawText(rest, { x, y: baseline, size: 8.5, font: regular, color: MUTED });
  layout.space(16);
}

async function change(layout: Layout, c: DiffReportChange): Promise<void> {
  // The change's head, what changed and both sides start on one page where they fit on one.
  const head =
    16 +
    layout.measure([{ text: c.title, bold: true }], { size: 11 }) +
    c.what.reduce(
      (h, w) => h + layout.measure([{ text: `•  ${w}` }], { size: 9.5, indent: 4 }),
      0,
    ) +
    7 +
    Math.max(...columnsOf(layout, c).map((column) => columnHeight(layout, column)));
  if (head <= ROOM) layout.ensure(head);
  metaLine(layout, c);
  const start = { page: layout.pages.length - 1, y: layout.y + 16 };
  layout.text([{ text: c.title, bold: true }], { size: 11 });
  layout.space(3);
  for (const w of c.what) layout.text([{ text: `•  ${w}` }], { size: 9.5, indent: 4 });
  layout.space(4);
  await sides(layout, c);
  label(layout, 'Why it matters');
  layout.text([{ text: c.explanation }], { size: 9.5 });
  if (c.references.length > 0) {
    label(layout, 'References');
    for (const ref of c.references) {
      layout.text(
        [{ text: '•  ' }, { text: ref.title }, ...(ref.url ? [{ text: `: ${ref.url}` }] : [])],
        { size: 8.5, indent: 4, leading: 11.5 },
      );
    }
  }
  layout.space(3);
  const ids = [
    c.old !== null ? `old finding ${c.old.findingId}` : '',
    c.new !== null ? `new finding ${c.new.findingId}` : '',
  ].filter((s) => s !== '');
  layout.text([{ text: `Rule ${c.ruleId}; ${ids.join(', ')}` }], {
    size: 7,
    colour: MUTED,
    leading: 9.5,
  });
  sideBars(layout, start, KIND_INK[c.kind]);
  layout.space(14);
}

export async function renderDiffReportPdf(model: DiffReportModel): Promise<Uint8Array> {
  const { doc, fonts } = await openReportPdf(reportCharacters(model));
  const generatedAt = new Date(model.generatedAt);
  doc.setTitle(model.title, { showInWindowTitleBar: true });
  doc.setAuthor(model.reviewer);
  doc.setSubject(
    [model.old, model.new].map((m) => `${m.name} (SHA-256 ${m.sha256 ?? 'unknown'})`).join(' → '),
  );
  doc.setCreator(model.tool);
  doc.setProducer(`${model.tool} (pdf-lib)`);
  doc.setCreationDate(generatedAt);
  doc.setModificationDate(generatedAt);

  const layout = new Layout(doc, fonts);
  layout.text([{ text: 'CLAIMLENS COMPARISON OF EDITIONS' }], { size: 8, colour: MUTED });
  layout.text([{ text: `${model.old.name} → ${model.new.name}`, bold: true }], {
    size: 17,
    leading: 23,
  });
  layout.space(3);
  layout.text([{ text: summaryText(model) }], { size: 10 });
  layout.space(6);
  layout.rule(INK, 2);
  layout.space(6);

  heading(layout, 'Editions');
  edition(layout, 'Old edition', model.old);
  edition(layout, 'New edition', model.new);
  rows(layout, [
    ['Tool', [{ text: model.tool }]],
    ['Report by', [{ text: model.reviewer }]],
    ['Report made', [{ text: formatUtc(model.generatedAt) }]],
  ]);
  if (model.warnings.length > 0) {
    label(layout, 'Not checked');
    for (const w of model.warnings) layout.text([{ text: `•  ${w}` }], { size: 9 });
  }

  heading(layout, 'Summary');
  layout.text(
    [
      {
        text: `${model.changes.length} change${model.changes.length === 1 ? '' : 's'}: `,
        bold: true,
      },
      { text: summaryText(model) },
    ],
    { size: 9.5 },
  );
  layout.space(6);
  counts(layout, model);
  layout.text([{ text: MATCHING_NOTE }], { size: 8.5, colour: MUTED });

  heading(layout, `Changes (${model.changes.length})`, true);
  if (model.changes.length === 0) {
    layout.text([{ text: 'No finding was added, removed or changed between these editions.' }], {
      size: 10,
    });
  }
  for (const c of model.changes) await change(layout, c);
  layout.space(6);
  layout.text(
    [
      {
        text:
          `Made by ${model.tool} on ${formatUtc(model.generatedAt)}. Quotes are the editions' ` +
          'words as printed; images are rendered from the originals whose SHA-256 is given ' +
          'above. Findings are leads for a reviewer, not conclusions.',
      },
    ],
    { size: 7.5, colour: MUTED },
  );
  const footer =
    `ClaimLens comparison · ${model.old.name} (${model.old.sha256?.slice(0, 12) ?? '?'}…) → ` +
    `${model.new.name} (${model.new.sha256?.slice(0, 12) ?? '?'}…)`;
  layout.footers(() => footer);
  return doc.save();
}
