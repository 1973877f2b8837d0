// The comparison of two editions as one self-contained HTML file, built from the document
// report's parts (./report-html.ts): its look, its Content-Security-Policy (no script, the one
// style block allowed by hash), its escaping of every piece of document text, its inlined font
// for characters beyond ASCII and its A4 print rules; each change shows the old and the new page
// side by side.
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
  escapeHtml as e,
  fontFaces,
  pngDataUrl,
  referenceHtml,
  REPORT_STYLE,
  reportHead,
  type HtmlFont,
} from './report-html';

const DIFF_STYLE = `
.kind-badge { display: inline-block; padding: .05rem .45rem; border-radius: 3px; font-weight: 700; font-size: .72rem; text-transform: uppercase; letter-spacing: .05em; border: 1.5px solid currentColor; }
.kind-added { color: #9c1c28; } .kind-removed { color: #1f6b3a; } .kind-changed { color: #8a5a00; }
.editions { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem 1.5rem; }
.editions h3 { font-size: .95rem; }
.comparison dl.identity { grid-template-columns: 8.5rem 1fr; }
table.counts { border-collapse: collapse; font-size: .9rem; margin: .3rem 0 .8rem; }
table.counts th, table.counts td { border-bottom: 1px solid var(--line); padding: .3rem .9rem .3rem 0; text-align: left; }
table.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.counts tfoot td { font-weight: 700; border-bottom: none; }
ul.what { margin: .2rem 0 .6rem; padding-left: 1.2rem; font-size: .9rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: .9rem; margin: .3rem 0 .5rem; }
.side { min-width: 0; }
.side .label { margin-top: 0; }
.side blockquote { margin-top: .2rem; }
.side.missing p { color: var(--muted); font-style: italic; font-size: .9rem; margin: .2rem 0; }
.side figure img { width: 100%; height: auto; }
@media print {
  .sides, .editions { break-inside: avoid; page-break-inside: avoid; }
}
`;

function changeSideHtml(which: 'old' | 'new', side: DiffReportSide | null): string {
  const edition = which === 'old' ? 'Old edition' : 'New edition';
  if (side === null) {
    // Only an added claim lacks an old side, and only a removed one a new side.
    const missing =
      which === 'old'
        ? 'Not in the old edition: the claim was added.'
        : 'Not in the new edition: the claim was removed.';
    return `<section class="side ${which} missing"><div class="label">${edition}</div><p>${missing}</p></section>`;
  }
  // A crop keeps its proportions in its half of the page; width and height give the ratio.
  const size = 4 / 3 / CROP_SCALE;
  const figure =
    side.crop === null
      ? ''
      : `<figure><img src="${pngDataUrl(side.crop)}" width="${Math.round(side.crop.width * size)}" ` +
        `height="${Math.round(side.crop.height * size)}" alt="The highlighted region of page ${side.page} of the ${which} edition">` +
        `<figcaption>${edition}, page ${side.page}, as rendered from the original.</figcaption></figure>`;
  return `<section class="side ${which}" data-page="${side.page}">
<div class="label">${edition}, page ${side.page} · ${e(side.severity)} · ${e(side.polarityLabel)}</div>
<blockquote>${e(side.text.before)}<mark>${e(side.text.quote)}</mark>${e(side.text.after)}</blockquote>
${figure}</section>`;
}

function changeHtml(c: DiffReportChange): string {
  const pages = `page ${c.old?.page ?? '–'} → ${c.new?.page ?? '–'}`;
  const what =
    c.what.length > 0
      ? `<ul class="what">${c.what.map((w) => `<li>${e(w)}</li>`).join('')}</ul>`
      : '';
  const refs =
    c.references.length > 0
      ? `<div class="label">References</div><ul class="refs">${c.references.map(referenceHtml).join('')}</ul>`
      : '';
  const ids = [
    c.old !== null ? `old finding <code>${e(c.old.findingId)}</code>` : '',
    c.new !== null ? `new finding <code>${e(c.new.findingId)}</code>` : '',
  ].filter((s) => s !== '');
  return `<article class="finding change ${e(c.severity)} ${c.kind}" id="change-${c.number}" data-change-kind="${c.kind}" data-rule-id="${e(c.ruleId)}">
<div class="meta-line"><span class="num">Change ${c.number}</span><span class="kind-badge kind-${c.kind}">${KIND_LABELS[c.kind]}</span>${badge(c.severity)}<span>${e(c.categoryLabel)}</span><span>${pages}</span></div>
<h3>${e(c.title)}</h3>
${what}<div class="sides">${changeSideHtml('old', c.old)}${changeSideHtml('new', c.new)}</div>
<div class="label">Why it matters</div><p class="why">${e(c.explanation)}</p>
${refs}
<div class="provenance">Rule <code>${e(c.ruleId)}</code>; ${ids.join(', ')}</div>
</article>`;
}

function editionHtml(title: string, edition: DiffEditionSource): string {
  const rows = editionRows(edition).map(([k, v]) => {
    const value =
      k === 'SHA-256'
        ? `<span class="hash">${e(v)}</span>`
        : k === 'Rule packs' && edition.rulePacks.length > 0
          ? edition.rulePacks
              .map((p) => `${e(p.id)}<span class="hash pack-hash">${e(p.sha256)}</span>`)
              .join('')
          : e(v);
    return `<dt>${e(k)}</dt><dd>${value}</dd>`;
  });
  return `<section class="edition"><h3>${title}</h3><dl class="identity">${rows.join('')}</dl></section>`;
}

/** The counts table: for each severity with changes, how many were added, removed, changed. */
function countsHtml(model: DiffReportModel): string {
  if (model.bySeverity.length === 0) return '';
  const rows = model.bySeverity.map(
    (r) =>
      `<tr><td>${badge(r.severity)}</td><td class="n">${r.counts.added}</td><td class="n">${r.counts.removed}</td><td class="n">${r.counts.changed}</td></tr>`,
  );
  const s = model.summary;
  return `<table class="counts"><thead><tr><th>Severity</th><th>Added</th><th>Removed</th><th>Changed</th></tr></thead>
<tbody>${rows.join('')}</tbody>
<tfoot><tr><td>All</td><td class="n">${s.added}</td><td class="n">${s.removed}</td><td class="n">${s.changed}</td></tr></tfoot></table>`;
}

export function renderDiffReportHtml(model: DiffReportModel, font: HtmlFont | null): string {
  const style = fontFaces(font) + REPORT_STYLE + DIFF_STYLE;
  const warnings =
    model.warnings.length > 0
      ? `<div class="warnings"><strong>Not checked:</strong><ul>${model.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul></div>`
      : '';
  return `${reportHead(style, model.tool, model.title)}
<body>
<main class="document comparison">
<header class="cover">
<p class="eyebrow">ClaimLens comparison of editions</p>
<h1>${e(model.old.name)} → ${e(model.new.name)}</h1>
<div>${e(summaryText(model))}</div>
</header>
<section class="identity"><h2>Editions</h2><div class="editions">${editionHtml('Old edition', model.old)}${editionHtml('New edition', model.new)}</div>
<dl class="identity"><dt>Tool</dt><dd>${e(model.tool)}</dd><dt>Report by</dt><dd>${e(model.reviewer)}</dd><dt>Report made</dt><dd>${e(formatUtc(model.generatedAt))}</dd></dl></section>
${warnings}
<section class="summary"><h2>Summary</h2>
<div class="totals"><span><strong>${model.changes.length}</strong> change${model.changes.length === 1 ? '' : 's'}: ${e(summaryText(model))}</span></div>
${countsHtml(model)}
<p class="why">${e(MATCHING_NOTE)}</p>
</section>
<section class="findings changes"><h2>Changes (${model.changes.length})</h2>
${model.changes.length > 0 ? model.changes.map(changeHtml).join('\n') : '<p>No finding was added, removed or changed between these editions.</p>'}
</section>
</main>
<footer>Made by ${e(model.tool)} on ${e(formatUtc(model.generatedAt))}. Quotes are the editions' words as printed; images are rendered from the originals whose SHA-256 is given above. Findings are leads for a reviewer, not conclusions.</footer>
</body>
</html>
`;
}
