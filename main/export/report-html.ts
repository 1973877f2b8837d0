// The evidence report as one self-contained HTML file: no script, no external resource, a strict
// Content-Security-Policy (its one style block allowed by hash), crops inlined as PNG data URLs,
// the summary chart as inline SVG, and print rules for paper. Every piece of document text goes
// through escapeHtml: a brochure's or a note's words are data, never markup.
import { createHash } from 'node:crypto';
import { CROP_SCALE } from '../../shared/export/report-crops';
import { SEVERITIES } from '../../shared/model/taxonomy';
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

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: nothing in it can open a tag or leave an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const e = escapeHtml;

/** The reports' look (the comparison report adds its own rules after it: diff-report-html.ts). */
export const REPORT_STYLE = `
:root { --ink: #1b1f24; --muted: #5b6472; --line: #d9dde4; --paper: #ffffff; --panel: #f5f7fa;
  ${SEVERITIES.map((s) => `--sev-${s}: ${SEVERITY_COLOURS[s]};`).join(' ')} --user: ${USER_COLOUR}; }
* { box-sizing: border-box; }
html { background: #eef1f5; }
body { margin: 0 auto; max-width: 56rem; padding: 2rem 2.5rem 4rem; background: var(--paper);
  color: var(--ink); font: 15px/1.5 system-ui, 'Segoe UI', 'Noto Sans', 'Noto Sans SC',
  'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'ClaimLens Noto Sans SC', sans-serif; }
main.document + main.document { margin-top: 3rem; padding-top: 2rem; border-top: 6px double var(--line); }
header.cover { border-bottom: 3px solid var(--ink); padding-bottom: 1rem; margin-bottom: 1.5rem; }
.eyebrow { text-transform: uppercase; letter-spacing: .12em; font-size: .75rem; color: var(--muted); margin: 0; }
h1 { font-size: 1.6rem; margin: .2rem 0 .4rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 2rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); break-after: avoid; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
dl.identity { display: grid; grid-template-columns: 11rem 1fr; gap: .25rem 1rem; margin: 0; font-size: .9rem; }
dl.identity dt { color: var(--muted); }
dl.identity dd { margin: 0; overflow-wrap: anywhere; }
.hash.pack-hash { display: block; color: var(--muted); font-size: .75em; margin-bottom: .15rem; }
code, .hash { word-break: break-all; font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: .85em; }
.verdict { display: inline-block; padding: .1rem .5rem; border-radius: 3px; color: #fff; font-weight: 600; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 3px; color: #fff; font-weight: 700; font-size: .72rem; text-transform: uppercase; letter-spacing: .05em; }
${SEVERITIES.map((s) => `.sev-${s} { background: var(--sev-${s}); }`).join('\n')}
.sev-none { background: #1f7a3e; }
.sev-medium { color: #2b2100; }
.totals { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; font-size: .9rem; margin: .5rem 0 1rem; }
.chart svg { width: 100%; height: auto; }
.chart text { font-family: inherit; }
.warnings { border-left: 4px solid var(--sev-medium); background: #fff8e6; padding: .5rem 1rem; }
article.finding { border: 1px solid var(--line); border-left: 6px solid var(--sev-info); border-radius: 4px; padding: .9rem 1.1rem; margin: 0 0 1.1rem; break-inside: avoid; page-break-inside: avoid; }
${SEVERITIES.map((s) => `article.finding.${s} { border-left-color: var(--sev-${s}); }`).join('\n')}
article.finding.user { border-left-color: var(--user); }
.meta-line { display: flex; flex-wrap: wrap; gap: .3rem .8rem; align-items: center; font-size: .82rem; color: var(--muted); margin-bottom: .4rem; }
.meta-line .num { font-weight: 700; color: var(--ink); }
blockquote { margin: .4rem 0 .7rem; padding: .5rem .9rem; background: var(--panel); border-left: 3px solid var(--line); font-size: .95rem; overflow-wrap: anywhere; }
mark { background: #ffe58a; color: inherit; font-weight: 700; padding: 0 .1em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
figure { margin: .3rem 0 .8rem; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { font-size: .75rem; color: var(--muted); margin-top: .2rem; }
.label { font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: .6rem 0 .15rem; }
p.why { margin: 0 0 .4rem; }
ul.refs { margin: 0; padding-left: 1.2rem; font-size: .88rem; }
ul.refs a { color: #1d5fd6; overflow-wrap: anywhere; }
.triage { font-size: .88rem; }
.status { font-weight: 700; }
.status.confirmed { color: #1f7a3e; } .status.dismissed { color: var(--muted); } .status.needs-review { color: #9a5b00; }
ol.notes { list-style: none; margin: .2rem 0 0; padding: 0; }
ol.notes li { border-top: 1px dashed var(--line); padding: .35rem 0; }
ol.notes .who { font-size: .78rem; color: var(--muted); }
ol.notes .text { white-space: pre-wrap; overflow-wrap: anywhere; }
.provenance { font-size: .75rem; color: var(--muted); margin-top: .6rem; overflow-wrap: anywhere; }
footer { margin-top: 2rem; padding-top: .6rem; border-top: 1px solid var(--line); font-size: .78rem; color: var(--muted); }
@page { size: A4; margin: 14mm 14mm 16mm; }
@media print {
  html { background: none; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-before: auto; }
  section.findings > h2 { break-before: page; }
  main.document + main.document { break-before: page; }
  /* A finding may continue on the next page, but its head, quote and image stay together. */
  article.finding { break-inside: auto; page-break-inside: auto; }
  .meta-line, h3 { break-after: avoid; page-break-after: avoid; }
  blockquote, figure, .chart, ol.notes li, .provenance { break-inside: avoid; page-break-inside: avoid; }
  .badge, .verdict, mark, .chart svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  ul.refs a { color: inherit; text-decoration: none; }
}
`;

/**
 * The report's own font for what the reader's system may lack (Chinese on a machine without CJK
 * fonts): Noto Sans SC cut down to the characters of the report, inlined, tried after the
 * system's fonts (./report-font.ts).
 */
export interface HtmlFont {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

export function fontFaces(font: HtmlFont | null): string {
  if (font === null) return '';
  const face = (bytes: Uint8Array, weight: number) =>
    `@font-face { font-family: 'ClaimLens Noto Sans SC'; font-weight: ${weight}; ` +
    `src: url(data:font/ttf;base64,${Buffer.from(bytes).toString('base64')}) format('truetype'); }`;
  return `${face(font.regular, 400)}\n${face(font.bold, 700)}\n`;
}

/**
 * No script at all (default-src), images and fonts only from the file itself, the one style
 * block allowed by its hash.
 */
export function reportCsp(style: string): string {
  const hash = createHash('sha256').update(style).digest('base64');
  return (
    "default-src 'none'; img-src data:; font-src data:; " +
    `style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`
  );
}

/** A report's file up to its body: the CSP for its one style block, no referrer, its title. */
export function reportHead(style: string, generator: string, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportCsp(style))}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(generator)}">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>`;
}

export function pngDataUrl(crop: ReportCrop): string {
  return `data:image/png;base64,${Buffer.from(crop.png).toString('base64')}`;
}

export function badge(severity: string): string {
  return `<span class="badge sev-${e(severity)}">${e(severity)}</span>`;
}

/** Stacked horizontal bars, one a category, by severity; plain SVG, coloured by attributes. */
export function chartSvg(rows: readonly ChartRow[]): string {
  if (rows.length === 0) return '<p>No findings: nothing to chart.</p>';
  const labelWidth = 270;
  const barWidth = 400;
  const rowHeight = 26;
  const top = 30;
  const width = labelWidth + barWidth + 60;
  const height = top + rows.length * rowHeight + 10;
  const max = Math.max(...rows.map((r) => r.total));
  const parts: string[] = [];
  let x = labelWidth;
  for (const s of SEVERITIES) {
    parts.push(
      `<rect x="${x}" y="6" width="12" height="12" fill="${SEVERITY_COLOURS[s]}"/>` +
        `<text x="${x + 16}" y="16" font-size="12" fill="#1b1f24">${s}</text>`,
    );
    x += 16 + s.length * 7 + 16;
  }
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const label = row.denied > 0 ? `${row.label} (${row.denied} denied)` : row.label;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 15}" font-size="12.5" text-anchor="end" fill="#1b1f24">${e(label)}</text>`,
    );
    let bx = labelWidth;
    for (const s of SEVERITIES) {
      const n = row.bySeverity[s];
      if (n === 0) continue;
      const w = Math.max(2, (n / max) * barWidth);
      parts.push(
        `<rect x="${bx.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="17" fill="${SEVERITY_COLOURS[s]}"><title>${e(`${row.label}: ${n} ${s}`)}</title></rect>`,
      );
      bx += w;
    }
    parts.push(
      `<text x="${(bx + 6).toFixed(1)}" y="${y + 15}" font-size="12.5" font-weight="bold" fill="#1b1f24">${row.total}</text>`,
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" ` +
    `aria-label="Findings by category and severity">${parts.join('')}</svg>`
  );
}

function notesHtml(notes: readonly ReportNote[]): string {
  if (notes.length === 0) return '';
  const items = notes.map((n) => {
    const edited = n.updatedAt !== null ? `, edited ${e(formatUtc(n.updatedAt))}` : '';
    return (
      `<li><div class="who">${e(n.author)}, ${e(formatUtc(n.createdAt))}${edited}</div>` +
      `<div class="text">${e(n.text)}</div></li>`
    );
  });
  return `<div class="label">Notes</div><ol class="notes">${items.join('')}</ol>`;
}

function cropHtml(crop: ReportCrop | null, page: number): string {
  if (crop === null) return '';
  // Shown at the page's own size (a PDF point is 4/3 CSS pixels; crops have CROP_SCALE pixels a point).
  const size = 4 / 3 / CROP_SCALE;
  return (
    `<figure><img src="${pngDataUrl(crop)}" width="${Math.round(crop.width * size)}" ` +
    `height="${Math.round(crop.height * size)}" alt="The highlighted region of page ${page}">` +
    `<figcaption>Page ${page}, the region around the highlight, as rendered from the original.</figcaption></figure>`
  );
}

export function referenceHtml(ref: { title: string; url?: string | undefined }): string {
  const url = ref.url !== undefined && /^https?:\/\//i.test(ref.url) ? ref.url : null;
  return url === null
    ? `<li>${e(ref.title)}</li>`
    : `<li>${e(ref.title)}: <a href="${e(url)}" rel="noreferrer">${e(url)}</a></li>`;
}

function findingHtml(f: ReportFinding): string {
  const cue = f.cue !== null ? ` (“${e(f.cue)}”)` : '';
  const vendor =
    f.vendor !== null
      ? `<div class="label">Vendor</div><p class="why">${e(f.vendor.name)}: ${e(f.vendor.evidence)}</p>`
      : '';
  const refs =
    f.references.length > 0
      ? `<div class="label">References</div><ul class="refs">${f.references.map(referenceHtml).join('')}</ul>`
      : '';
  const decided =
    f.statusBy !== null
      ? ` by ${e(f.statusBy)}${f.statusAt !== null ? `, ${e(formatUtc(f.statusAt))}` : ''}`
      : '';
  return `<article class="finding ${e(f.severity)}" id="finding-${f.number}" data-finding-id="${e(f.id)}">
<div class="meta-line"><span class="num">Finding ${f.number}</span>${badge(f.severity)}<span>${e(f.categoryLabel)}</span><span>${e(f.polarityLabel)}${cue}</span><span>page ${f.page}</span></div>
<h3>${e(f.title)}</h3>
<blockquote>${e(f.text.before)}<mark>${e(f.text.quote)}</mark>${e(f.text.after)}</blockquote>
${cropHtml(f.crop, f.page)}
<div class="label">Why it matters</div><p class="why">${e(f.explanation)}</p>
${vendor}${refs}
<div class="label">Triage</div><div class="triage"><span class="status ${e(f.status)}">${e(f.statusLabel)}</span>${decided}</div>
${notesHtml(f.notes)}
<div class="provenance">Rule <code>${e(f.ruleId)}</code> in pack <code>${e(f.rulePack)}</code> (SHA-256 <span class="hash">${e(f.rulePackSha256)}</span>), engine ${e(f.engine)}, confidence ${f.confidence.toFixed(2)}${f.modelNumber !== null ? `, model number ${e(f.modelNumber)}` : ''}; id <code>${e(f.id)}</code></div>
</article>`;
}

function highlightHtml(h: ReportHighlight): string {
  return `<article class="finding user" id="highlight-${h.number}" data-highlight-id="${e(h.id)}">
<div class="meta-line"><span class="num">Highlight ${h.number}</span><span>page ${h.page}</span><span>by ${e(h.createdBy)}, ${e(formatUtc(h.createdAt))}</span></div>
<blockquote><mark>${e(h.quote)}</mark></blockquote>
${cropHtml(h.crop, h.page)}
${notesHtml(h.notes)}
</article>`;
}

/** How the original's identity was established, in words. */
export function originalState(id: ReportModel['identity']): string {
  if (id.source === 'file') return 'hashed when read for this report (not from a library)';
  return id.verification === 'verified'
    ? 'verified against its SHA-256 when the report was made'
    : `${id.verification} verification`;
}

function identityHtml(model: ReportModel): string {
  const id = model.identity;
  const packs = id.rulePacks
    .map((p) => `${e(p.id)} ${e(p.version)}<span class="hash pack-hash">${e(p.sha256)}</span>`)
    .join('');
  const rows: [string, string][] = [
    ['File', e(id.fileName)],
    ['SHA-256', `<span class="hash">${e(id.sha256)}</span>`],
    ['Size', `${id.bytes.toLocaleString('en')} bytes`],
    ['Pages', id.pages === null ? '—' : String(id.pages)],
    ['Original', e(originalState(id))],
    ...(id.source === 'library'
      ? [['Added to the library', e(formatUtc(id.addedAt))] as [string, string]]
      : []),
    ['Analysed', e(formatUtc(id.analysedAt))],
    ['Tool', e(id.tool)],
    ['Engine', e(id.engine)],
    ['Rule packs', packs || '—'],
    ['Vendors named', id.vendors.length > 0 ? e(id.vendors.join(', ')) : 'none'],
    ['Report by', e(id.reviewer)],
    ['Report made', e(formatUtc(id.generatedAt))],
  ];
  return `<dl class="identity">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/** One document's part of a report: cover, identity, summary, findings, highlights. */
function documentHtml(model: ReportModel, index: number): string {
  const t = model.totals;
  const risk = model.identity.risk;
  const severityCounts = SEVERITIES.filter((s) => t.bySeverity[s] > 0)
    .map((s) => `${badge(s)} ${t.bySeverity[s]}`)
    .join(' ');
  const warnings =
    model.warnings.length > 0
      ? `<div class="warnings"><strong>Not checked:</strong><ul>${model.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul></div>`
      : '';
  const highlights =
    model.highlights.length > 0
      ? `<section class="highlights"><h2>Reviewer's highlights (${model.highlights.length})</h2>${model.highlights.map(highlightHtml).join('\n')}</section>`
      : '';
  return `<main class="document" id="document-${index + 1}" data-sha256="${e(model.identity.sha256)}">
<header class="cover">
<p class="eyebrow">ClaimLens evidence report</p>
<h1>${e(model.identity.fileName)}</h1>
<div>Risk: <span class="verdict sev-${e(risk)}">${e(risk)}</span></div>
</header>
<section class="identity"><h2>Document</h2>${identityHtml(model)}${notesHtml(model.documentNotes)}</section>
${warnings}
<section class="summary"><h2>Summary</h2>
<div class="totals"><span><strong>${t.findings}</strong> findings (${t.denied} denied by the text)</span><span>${severityCounts}</span>
<span>Triage: ${t.byStatus.confirmed} confirmed, ${t.byStatus['needs-review']} need review, ${t.byStatus.dismissed} dismissed</span></div>
<div class="chart">${chartSvg(model.chart)}</div>
</section>
<section class="findings"><h2>Findings (${t.findings})</h2>
${model.findings.length > 0 ? model.findings.map(findingHtml).join('\n') : '<p>ClaimLens found no risky capability claim in this document.</p>'}
</section>
${highlights}
${otherNotesHtml(model)}
</main>`;
}

function otherNotesHtml(model: ReportModel): string {
  if (model.otherNotes.length === 0) return '';
  const items = model.otherNotes.map(
    (n) =>
      `<li><div class="who">On <code>${e(n.targetId)}</code>: ${e(n.author)}, ${e(formatUtc(n.createdAt))}</div>` +
      `<div class="text">${e(n.text)}</div></li>`,
  );
  return `<section class="other-notes"><h2>Notes on findings no longer reported</h2><ol class="notes">${items.join('')}</ol></section>`;
}

/** A document that could not be read, in a report of several (claimlens analyse --format html). */
export interface UnreadableDocument {
  readonly path: string;
  readonly sha256: string | null;
  readonly error: string;
}

function unreadableHtml(doc: UnreadableDocument): string {
  return `<main class="document unreadable">
<header class="cover"><p class="eyebrow">ClaimLens evidence report</p><h1>${e(doc.path)}</h1></header>
<div class="warnings"><strong>Not analysed:</strong> ${e(doc.error)}${doc.sha256 !== null ? `<br>SHA-256 <span class="hash">${e(doc.sha256)}</span>` : ''}</div>
</main>`;
}

/**
 * The report as one HTML document: one document's report, or several one after another (each
 * starting on a new page in print), with the documents that could not be read at the end.
 */
export function renderReportHtml(
  models: ReportModel | readonly ReportModel[],
  unreadable: readonly UnreadableDocument[] = [],
  font: HtmlFont | null = null,
): string {
  const style = fontFaces(font) + REPORT_STYLE;
  const list = Array.isArray(models) ? (models as readonly ReportModel[]) : [models as ReportModel];
  const first = list[0];
  const tool = first?.identity.tool ?? 'ClaimLens';
  const generatedAt = first?.identity.generatedAt ?? new Date().toISOString();
  const title =
    list.length === 1 && unreadable.length === 0
      ? first!.title
      : `Evidence report: ${list.length + unreadable.length} documents`;
  return `${reportHead(style, tool, title)}
<body>
${list.map(documentHtml).join('\n')}
${unreadable.map(unreadableHtml).join('\n')}
<footer>Made by ${e(tool)} on ${e(formatUtc(generatedAt))}. Quotes are the document's words as printed; images are rendered from the original whose SHA-256 is given above. Findings are leads for a reviewer, not conclusions.</footer>
</body>
</html>
`;
}
