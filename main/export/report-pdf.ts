// The evidence report as a PDF (A4): the same model and order as the HTML report, drawn with
// pdf-lib. Text is set in Noto Sans SC (./report-font.ts), which covers Latin with accents and
// Chinese, embedded as a subset of the characters used; the chart is vector drawing; crops are
// the PNGs the HTML report shows. Hashes are set in Courier (hex digits only).
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, StandardFonts, type Color } from 'pdf-lib';
import { CROP_SCALE, rgb01 } from '../../shared/export/report-crops';
import {
  formatUtc,
  SEVERITY_COLOURS,
  USER_COLOUR,
  type ChartRow,
  type ReportCrop,
  type ReportFinding,
  type ReportHighlight,
  type ReportModel,
  type ReportNote,
} from '../../shared/export/report-model';
import { SEVERITIES } from '../../shared/model/taxonomy';
import { FONT_FILES, subsetFont } from './report-font';
import { originalState, type UnreadableDocument } from './report-html';
import { A4, INK, Layout, LINE, MARGIN, MUTED, type Fonts, type Run } from './report-pdf-layout';

/** Every character a report can draw: its model's text, ASCII and the typography used here. */
export function reportCharacters(model: unknown): string {
  let ascii = '';
  for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
  const data = JSON.stringify(model, (key, value: unknown) => (key === 'crop' ? undefined : value));
  return `${ascii}“”‘’…·•—–→${data}`;
}

export function colour(hex: string): Color {
  const [r, g, b] = rgb01(hex);
  return rgb(r, g, b);
}

export const SEVERITY_INK: Record<string, Color> = Object.fromEntries(
  Object.entries(SEVERITY_COLOURS).map(([s, hex]) => [s, colour(hex)]),
);

export function badge(
  layout: Layout,
  label: string,
  fill: Color,
  x: number,
  baseline: number,
): number {
  const size = 7.5;
  const text = label.toUpperCase();
  const width = layout.fonts.bold.widthOfTextAtSize(text, size) + 8;
  layout.page.drawRectangle({ x, y: baseline - 3, width, height: size + 5, color: fill });
  layout.page.drawText(text, {
    x: x + 4,
    y: baseline,
    size,
    font: layout.fonts.bold,
    color: label === 'medium' ? rgb(0.17, 0.13, 0) : rgb(1, 1, 1),
  });
  return width;
}

export function heading(layout: Layout, text: string, pageBreak = false): void {
  if (pageBreak) layout.newPage();
  else layout.ensure(60);
  layout.space(8);
  layout.text([{ text, bold: true }], { size: 13.5 });
  layout.space(2);
  layout.rule();
  layout.space(8);
}

export function label(layout: Layout, text: string): void {
  layout.ensure(30);
  layout.space(4);
  layout.text([{ text: text.toUpperCase() }], { size: 7, colour: MUTED });
  layout.space(1);
}

function identity(layout: Layout, model: ReportModel): void {
  const id = model.identity;
  const rows: [string, Run[]][] = [
    ['File', [{ text: id.fileName }]],
    ['SHA-256', [{ text: id.sha256, mono: true }]],
    ['Size', [{ text: `${id.bytes.toLocaleString('en')} bytes` }]],
    ['Pages', [{ text: id.pages === null ? '—' : String(id.pages) }]],
    ['Original', [{ text: originalState(id) }]],
    ...(id.source === 'library'
      ? [['Added to the library', [{ text: formatUtc(id.addedAt) }]] as [string, Run[]]]
      : []),
    ['Analysed', [{ text: formatUtc(id.analysedAt) }]],
    ['Tool', [{ text: id.tool }]],
    ['Engine', [{ text: id.engine }]],
    [
      'Rule packs',
      id.rulePacks.length === 0
        ? [{ text: '—' }]
        : id.rulePacks.flatMap((p, i) => [
            { text: `${i > 0 ? '\n' : ''}${p.id} ${p.version}  ` },
            { text: p.sha256, mono: true, colour: MUTED },
          ]),
    ],
    ['Vendors named', [{ text: id.vendors.length > 0 ? id.vendors.join(', ') : 'none' }]],
    ['Report by', [{ text: id.reviewer }]],
    ['Report made', [{ text: formatUtc(id.generatedAt) }]],
  ];
  const keyWidth = 110;
  for (const [key, value] of rows) {
    const style = { size: 9, indent: keyWidth, leading: 12.5 };
    const height = layout.measure(value, style);
    layout.ensure(height);
    const top = layout.y;
    layout.text([{ text: key }], { size: 9, width: keyWidth - 8, colour: MUTED, leading: 12.5 });
    layout.y = top;
    layout.text(value, style);
    layout.space(1.5);
  }
}

function chart(layout: Layout, rows: readonly ChartRow[]): void {
  if (rows.length === 0) {
    layout.text([{ text: 'No findings: nothing to chart.' }], { size: 9.5 });
    return;
  }
  const labelWidth = 190;
  const barMax = layout.contentWidth - labelWidth - 30;
  const rowHeight = 13;
  const { regular, bold } = layout.fonts;
  layout.ensure(22 + rows.length * rowHeight);
  // Legend.
  let x = MARGIN.left + labelWidth;
  for (const s of SEVERITIES) {
    layout.page.drawRectangle({ x, y: layout.y - 8, width: 7, height: 7, color: SEVERITY_INK[s]! });
    layout.page.drawText(s, { x: x + 10, y: layout.y - 8, size: 7.5, font: regular, color: INK });
    x += 10 + regular.widthOfTextAtSize(s, 7.5) + 12;
  }
  layout.space(18);
  const max = Math.max(...rows.map((r) => r.total));
  for (const row of rows) {
    const baseline = layout.y - 10;
    let text = row.denied > 0 ? `${row.label} (${row.denied} denied)` : row.label;
    while (text.length > 1 && regular.widthOfTextAtSize(text, 8.5) > labelWidth - 10) {
      text = `${text.slice(0, -2)}…`;
    }
    layout.page.drawText(text, {
      x: MARGIN.left + labelWidth - 8 - regular.widthOfTextAtSize(text, 8.5),
      y: baseline,
      size: 8.5,
      font: regular,
      color: INK,
    });
    let bx = MARGIN.left + labelWidth;
    for (const s of SEVERITIES) {
      const n = row.bySeverity[s];
      if (n === 0) continue;
      const w = Math.max(1.5, (n / max) * barMax);
      layout.page.drawRectangle({
        x: bx,
        y: baseline - 2.5,
        width: w,
        height: 11,
        color: SEVERITY_INK[s]!,
      });
      bx += w;
    }
    layout.page.drawText(String(row.total), {
      x: bx + 4,
      y: baseline,
      size: 8.5,
      font: bold,
      color: INK,
    });
    layout.space(rowHeight);
  }
}

async function crop(layout: Layout, image: ReportCrop | null, page: number): Promise<void> {
  if (image === null) return;
  const png = await layout.doc.embedPng(image.png);
  // At the page's own size (CROP_SCALE pixels a point), smaller only where it would not fit.
  const scale = Math.min(1 / CROP_SCALE, layout.contentWidth / image.width);
  const width = image.width * scale;
  const height = image.height * scale;
  layout.ensure(height + 20);
  layout.space(2);
  layout.page.drawImage(png, { x: MARGIN.left, y: layout.y - height, width, height });
  layout.page.drawRectangle({
    x: MARGIN.left,
    y: layout.y - height,
    width,
    height,
    borderColor: LINE,
    borderWidth: 0.75,
  });
  layout.space(height + 2);
  layout.text(
    [{ text: `Page ${page}, the region around the highlight, as rendered from the original.` }],
    { size: 7, colour: MUTED },
  );
}

function notes(layout: Layout, list: readonly ReportNote[]): void {
  if (list.length === 0) return;
  label(layout, 'Notes');
  for (const n of list) {
    const edited = n.updatedAt !== null ? `, edited ${formatUtc(n.updatedAt)}` : '';
    layout.text([{ text: `${n.author}, ${formatUtc(n.createdAt)}${edited}` }], {
      size: 7.5,
      colour: MUTED,
      indent: 8,
    });
    layout.text([{ text: n.text }], { size: 9.5, indent: 8 });
    layout.space(3);
  }
}

/** The finding's head line: number, severity badge, category, polarity, page. */
function metaLine(layout: Layout, f: ReportFinding): void {
  layout.ensure(90);
  const baseline = layout.y - 9;
  const { regular, bold } = layout.fonts;
  let x = MARGIN.left;
  const num = `Finding ${f.number}`;
  layout.page.drawText(num, { x, y: baseline, size: 9, font: bold, color: INK });
  x += bold.widthOfTextAtSize(num, 9) + 8;
  x += badge(layout, f.severity, SEVERITY_INK[f.severity]!, x, baseline) + 8;
  const polarity = f.cue !== null ? `${f.polarityLabel} (“${f.cue}”)` : f.polarityLabel;
  let rest = `${f.categoryLabel}  ·  ${polarity}  ·  page ${f.page}`;
  const room = A4[0] - MARGIN.right - x;
  while (rest.length > 1 && regular.widthOfTextAtSize(rest, 8.5) > room) {
    rest = `${rest.slice(0, -2)}…`;
  }
  layout.page.drawText(rest, { x, y: baseline, size: 8.5, font: regular, color: MUTED });
  layout.space(16);
}

/** A coloured bar down the left of an entry, drawn on each page the entry spans. */
export function sideBars(layout: Layout, start: { page: number; y: number }, fill: Color): void {
  const x = MARGIN.left - 12;
  for (let i = start.page; i < layout.pages.length; i++) {
    const top = i === start.page ? start.y : A4[1] - MARGIN.top;
    const bottom = i === layout.pages.length - 1 ? layout.y : MARGIN.bottom;
    if (top - bottom <= 0) continue;
    layout.pages[i]!.drawRectangle({ x, y: bottom, width: 3.5, height: top - bottom, color: fill });
  }
}

async function finding(layout: Layout, f: ReportFinding): Promise<void> {
  metaLine(layout, f);
  const start = { page: layout.pages.length - 1, y: layout.y + 16 };
  layout.text([{ text: f.title, bold: true }], { size: 11 });
  layout.space(3);
  layout.text(
    [{ text: f.text.before }, { text: f.text.quote, mark: true }, { text: f.text.after }],
    { size: 10, indent: 8, width: layout.contentWidth - 16, leading: 14.5 },
  );
  layout.space(2);
  await crop(layout, f.crop, f.page);
  label(layout, 'Why it matters');
  layout.text([{ text: f.explanation }], { size: 9.5 });
  if (f.vendor !== null) {
    label(layout, 'Vendor');
    layout.text([{ text: `${f.vendor.name}: ${f.vendor.evidence}` }], { size: 9.5 });
  }
  if (f.references.length > 0) {
    label(layout, 'References');
    for (const ref of f.references) {
      layout.text(
        [{ text: '•  ' }, { text: ref.title }, ...(ref.url ? [{ text: `: ${ref.url}` }] : [])],
        { size: 8.5, indent: 4, leading: 11.5 },
      );
    }
  }
  label(layout, 'Triage');
  const decided =
    f.statusBy !== null
      ? ` by ${f.statusBy}${f.statusAt !== null ? `, ${formatUtc(f.statusAt)}` : ''}`
      : '';
  layout.text([{ text: f.statusLabel, bold: true }, { text: decided }], { size: 9.5 });
  notes(layout, f.notes);
  layout.space(3);
  layout.text(
    [
      {
        text:
          `Rule ${f.ruleId} in pack ${f.rulePack}, engine ${f.engine}, confidence ` +
          `${f.confidence.toFixed(2)}${f.modelNumber !== null ? `, model number ${f.modelNumber}` : ''}; ` +
          `id ${f.id}; pack SHA-256 `,
      },
      { text: f.rulePackSha256, mono: true },
    ],
    { size: 7, colour: MUTED, leading: 9.5 },
  );
  sideBars(layout, start, SEVERITY_INK[f.severity]!);
  layout.space(14);
}

async function highlight(layout: Layout, h: ReportHighlight): Promise<void> {
  layout.ensure(70);
  const start = { page: layout.pages.length - 1, y: layout.y };
  layout.text(
    [
      { text: `Highlight ${h.number}`, bold: true },
      { text: `   page ${h.page}, by ${h.createdBy}, ${formatUtc(h.createdAt)}`, colour: MUTED },
    ],
    { size: 9 },
  );
  layout.space(3);
  layout.text([{ text: h.quote, mark: true }], { size: 10, indent: 8, leading: 14.5 });
  await crop(layout, h.crop, h.page);
  notes(layout, h.notes);
  sideBars(layout, start, colour(USER_COLOUR));
  layout.space(14);
}

/** One document's part: cover, identity, summary and chart, findings, highlights. */
async function documentPdf(layout: Layout, model: ReportModel): Promise<void> {
  const { fonts } = layout;
  const id = model.identity;
  layout.text([{ text: 'CLAIMLENS EVIDENCE REPORT' }], { size: 8, colour: MUTED });
  layout.text([{ text: id.fileName, bold: true }], { size: 19, leading: 25 });
  layout.space(3);
  const riskBaseline = layout.y - 9;
  layout.page.drawText('Risk:', {
    x: MARGIN.left,
    y: riskBaseline,
    size: 9.5,
    font: fonts.regular,
    color: INK,
  });
  badge(
    layout,
    id.risk,
    SEVERITY_INK[id.risk] ?? rgb(0.12, 0.48, 0.24),
    MARGIN.left + 30,
    riskBaseline,
  );
  layout.space(20);
  layout.rule(INK, 2);
  layout.space(6);

  heading(layout, 'Document');
  identity(layout, model);
  notes(layout, model.documentNotes);
  if (model.warnings.length > 0) {
    label(layout, 'Not checked');
    for (const w of model.warnings) layout.text([{ text: `•  ${w}` }], { size: 9 });
  }

  heading(layout, 'Summary');
  const t = model.totals;
  layout.text(
    [
      { text: `${t.findings} findings`, bold: true },
      { text: ` (${t.denied} denied by the text): ` },
      {
        text: SEVERITIES.filter((s) => t.bySeverity[s] > 0)
          .map((s) => `${t.bySeverity[s]} ${s}`)
          .join(', '),
      },
      {
        text:
          `. Triage: ${t.byStatus.confirmed} confirmed, ${t.byStatus['needs-review']} need ` +
          `review, ${t.byStatus.dismissed} dismissed.`,
      },
    ],
    { size: 9.5 },
  );
  layout.space(8);
  chart(layout, model.chart);

  heading(layout, `Findings (${t.findings})`, true);
  if (model.findings.length === 0) {
    layout.text([{ text: 'ClaimLens found no risky capability claim in this document.' }], {
      size: 10,
    });
  }
  for (const f of model.findings) await finding(layout, f);
  if (model.highlights.length > 0) {
    heading(layout, `Reviewer's highlights (${model.highlights.length})`);
    for (const h of model.highlights) await highlight(layout, h);
  }
  if (model.otherNotes.length > 0) {
    heading(layout, 'Notes on findings no longer reported');
    for (const n of model.otherNotes) {
      layout.text([{ text: `On ${n.targetId}: ${n.author}, ${formatUtc(n.createdAt)}` }], {
        size: 7.5,
        colour: MUTED,
      });
      layout.text([{ text: n.text }], { size: 9.5 });
      layout.space(3);
    }
  }
}

/**
 * A new PDF with the reports' fonts: Noto Sans SC in two weights, cut to the characters of
 * `text` (which must hold every character the report will draw), and Courier for hashes.
 */
export async function openReportPdf(text: string): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await Promise.all([
    subsetFont(FONT_FILES.regular, text),
    subsetFont(FONT_FILES.bold, text),
  ]);
  const fonts: Fonts = {
    regular: await doc.embedFont(regularBytes),
    bold: await doc.embedFont(boldBytes),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  return { doc, fonts };
}

/**
 * The report as PDF bytes: one document, or several one after another, each from a new page.
 * Unreadable documents (claimlens analyse) get a page saying why.
 */
export async function renderReportPdf(
  models: ReportModel | readonly ReportModel[],
  unreadable: readonly UnreadableDocument[] = [],
): Promise<Uint8Array> {
  const list = Array.isArray(models) ? (models as readonly ReportModel[]) : [models as ReportModel];
  const { doc, fonts } = await openReportPdf(reportCharacters([list, unreadable]));
  const first = list[0];
  const tool = first?.identity.tool ?? 'ClaimLens';
  const generatedAt = new Date(first?.identity.generatedAt ?? Date.now());
  doc.setTitle(
    list.length === 1 && unreadable.length === 0
      ? first!.title
      : `Evidence report: ${list.length + unreadable.length} documents`,
    { showInWindowTitleBar: true },
  );
  if (first !== undefined) doc.setAuthor(first.identity.reviewer);
  doc.setSubject(
    list.map((m) => `${m.identity.fileName} (SHA-256 ${m.identity.sha256})`).join('; '),
  );
  doc.setCreator(tool);
  doc.setProducer(`${tool} (pdf-lib)`);
  doc.setCreationDate(generatedAt);
  doc.setModificationDate(generatedAt);

  const layout = new Layout(doc, fonts);
  /** Which document each page belongs to, for its footer. */
  const starts: { page: number; label: string }[] = [];
  for (const [i, model] of list.entries()) {
    if (i > 0) layout.newPage();
    starts.push({
      page: layout.pages.length - 1,
      label: `ClaimLens evidence report · ${model.identity.fileName} · SHA-256 ${model.identity.sha256}`,
    });
    await documentPdf(layout, model);
  }
  for (const u of unreadable) {
    if (list.length > 0 || u !== unreadable[0]) layout.newPage();
    starts.push({ page: layout.pages.length - 1, label: `ClaimLens evidence report · ${u.path}` });
    layout.text([{ text: 'CLAIMLENS EVIDENCE REPORT' }], { size: 8, colour: MUTED });
    layout.text([{ text: u.path, bold: true }], { size: 16, leading: 22 });
    layout.space(6);
    layout.text([{ text: 'Not analysed: ', bold: true }, { text: u.error }], { size: 10 });
    if (u.sha256 !== null) {
      layout.text([{ text: 'SHA-256 ' }, { text: u.sha256, mono: true }], { size: 9 });
    }
  }
  layout.space(6);
  layout.text(
    [
      {
        text:
          `Made by ${tool} on ${formatUtc(generatedAt.toISOString())}. Quotes are the document's words ` +
          'as printed; images are rendered from the original whose SHA-256 is given above. ' +
          'Findings are leads for a reviewer, not conclusions.',
      },
    ],
    { size: 7.5, colour: MUTED },
  );
  layout.footers((page) => [...starts].reverse().find((s) => s.page <= page)?.label ?? tool);
  return doc.save();
}
