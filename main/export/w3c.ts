// W3C Web Annotations (Web Annotation Data Model, W3C Recommendation 2017-02-23) as JSON-LD:
// one annotation per finding (assessing: the rule's explanation, category, severity and the
// reviewer's triage), per reviewer highlight (highlighting) and per note (commenting), all
// targeting the original by its SHA-256 (urn:sha256:...) with a page FragmentSelector
// (RFC 3778) refined by a TextQuoteSelector and, as an alternative, a TextPositionSelector.
// Text positions count UTF-16 code units of the page text ClaimLens extracted (pdf.js text items
// in content order), the text that findings' offsets point into.
import { createHash } from 'node:crypto';
import type { Note } from '../../shared/model/library';
import type { EvidenceDocument } from './evidence-source';
import { exportRecords, modifiedAt, type ExportRecord, type FindingRecord } from './records';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const RFC_3778 = 'http://tools.ietf.org/rfc/rfc3778';
/** Characters of context kept before and after a quote (enough to tell repeats apart). */
const CONTEXT_CHARS = 32;

type Json = Record<string, unknown>;

export interface W3cExport {
  readonly '@context': typeof ANNO_CONTEXT;
  readonly id: string;
  readonly type: 'AnnotationCollection';
  readonly label: string;
  readonly total: number;
  readonly generator: Json;
  readonly generated: string;
  readonly first: {
    readonly id: string;
    readonly type: 'AnnotationPage';
    readonly startIndex: 0;
    readonly items: Json[];
  };
}

/** One collection holding every annotation of the documents, in document and page order. */
export function w3cAnnotations(documents: readonly EvidenceDocument[]): W3cExport {
  const [first] = documents;
  if (first === undefined) throw new Error('w3cAnnotations needs at least one document.');
  const items = documents.flatMap(documentAnnotations);
  const key = documents.map((d) => d.detail.meta.sha256).join(',') + first.gatheredAt;
  const id = `urn:uuid:${uuid(`collection:${key}`)}`;
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `ClaimLens findings and notes: ${documents.map((d) => d.detail.meta.fileName).join(', ')}`,
    total: items.length,
    generator: software(first),
    generated: first.gatheredAt,
    first: { id: `urn:uuid:${uuid(`page:${key}`)}`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

function documentAnnotations(doc: EvidenceDocument): Json[] {
  const { records, documentNotes } = exportRecords(doc);
  const source = `urn:sha256:${doc.detail.meta.sha256}`;
  const out: Json[] = [];
  for (const record of records) {
    const target = textTarget(doc, source, record);
    out.push(
      record.kind === 'finding'
        ? findingAnnotation(doc, record, target)
        : highlightAnnotation(doc, record, target),
    );
    for (const note of record.notes) out.push(noteAnnotation(doc, note, target));
  }
  const whole = { type: 'SpecificResource', source, ...format(doc) };
  for (const note of documentNotes) out.push(noteAnnotation(doc, note, whole));
  return out;
}

function findingAnnotation(doc: EvidenceDocument, f: FindingRecord, target: Json): Json {
  const body: Json[] = [
    {
      type: 'TextualBody',
      purpose: 'describing',
      format: 'text/plain',
      language: 'en',
      value: `${f.title}. ${f.explanation}`,
    },
    { type: 'TextualBody', purpose: 'classifying', value: f.category },
    { type: 'TextualBody', purpose: 'tagging', value: `severity:${f.severity}` },
    { type: 'TextualBody', purpose: 'tagging', value: `polarity:${f.polarity}` },
    {
      type: 'TextualBody',
      purpose: 'assessing',
      value: `status:${f.status}`,
      ...(f.statusBy !== null ? { creator: person(f.statusBy) } : {}),
      ...(f.statusAt !== null ? { created: f.statusAt } : {}),
    },
  ];
  for (const reference of f.references) {
    const value = reference.url ? `${reference.title} <${reference.url}>` : reference.title;
    body.push({ type: 'TextualBody', purpose: 'linking', value });
  }
  return {
    '@context': ANNO_CONTEXT,
    id: annotationId(doc, `finding:${f.id}`),
    type: 'Annotation',
    motivation: 'assessing',
    creator: {
      type: 'Software',
      name: `ClaimLens engine ${doc.engine}, rule ${f.ruleId} (${f.rulePack})`,
    },
    created: f.createdAt,
    modified: modifiedAt(f),
    generator: software(doc),
    generated: doc.gatheredAt,
    body,
    target,
  };
}

function highlightAnnotation(doc: EvidenceDocument, h: ExportRecord, target: Json): Json {
  return {
    '@context': ANNO_CONTEXT,
    id: annotationId(doc, `highlight:${h.id}`),
    type: 'Annotation',
    motivation: 'highlighting',
    creator: person(h.kind === 'highlight' ? h.createdBy : doc.reviewer),
    created: h.createdAt,
    modified: modifiedAt(h),
    generator: software(doc),
    generated: doc.gatheredAt,
    target,
  };
}

function noteAnnotation(doc: EvidenceDocument, note: Note, target: Json): Json {
  return {
    '@context': ANNO_CONTEXT,
    id: annotationId(doc, `note:${note.id}`),
    type: 'Annotation',
    motivation: 'commenting',
    creator: person(note.author),
    created: note.createdAt,
    modified: note.updatedAt,
    generator: software(doc),
    generated: doc.gatheredAt,
    body: { type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: note.text },
    target,
  };
}

/** The page, refined by the quote; the page refined by the position as an alternative. */
function textTarget(doc: EvidenceDocument, source: string, record: ExportRecord): Json {
  const page = (refinedBy?: Json): Json => ({
    type: 'FragmentSelector',
    conformsTo: RFC_3778,
    value: `page=${record.page}`,
    ...(refinedBy ? { refinedBy } : {}),
  });
  const text = doc.pageTexts.get(record.page);
  const span = text === undefined ? null : locate(text, record);
  if (text === undefined || span === null) {
    // Not found in the stored page text: the quote as shown is all there is to match.
    return {
      type: 'SpecificResource',
      source,
      ...format(doc),
      selector: page({ type: 'TextQuoteSelector', exact: record.quote }),
    };
  }
  const [start, end] = span;
  const quote = {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
  };
  const position = { type: 'TextPositionSelector', start, end };
  return {
    type: 'SpecificResource',
    source,
    ...format(doc),
    selector: [page(quote), page(position)],
  };
}

/** A finding's own offsets; a reviewer's highlight is looked up by its quote. */
function locate(text: string, record: ExportRecord): [number, number] | null {
  if (record.kind === 'finding') {
    return record.end <= text.length && record.start < record.end
      ? [record.start, record.end]
      : null;
  }
  const at = text.indexOf(record.quote);
  if (at >= 0) return [at, at + record.quote.length];
  // The selection's text may differ from the page text in spacing and line-end hyphens.
  const words = record.quote
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return null;
  const match = new RegExp(words.join('(?:-?\\s+|-)?')).exec(text);
  return match ? [match.index, match.index + match[0].length] : null;
}

function format(doc: EvidenceDocument): Json {
  return /\.pdf$/i.test(doc.detail.meta.fileName) || doc.bytes[0] === 0x25
    ? { format: 'application/pdf' }
    : { format: 'text/plain' };
}

function person(name: string): Json {
  return { type: 'Person', name };
}

function software(doc: EvidenceDocument): Json {
  return { type: 'Software', name: `ClaimLens ${doc.tool.version}` };
}

/** A stable id: the same finding or note of the same document always gets the same IRI. */
function annotationId(doc: EvidenceDocument, what: string): string {
  return `urn:uuid:${uuid(`${doc.detail.meta.sha256}:${what}`)}`;
}

/** RFC 4122 name-based UUID (version 5, SHA-1) in ClaimLens's own namespace. */
const NAMESPACE = Buffer.from('6f1c2a4e8d3b5f7091a2b3c4d5e6f708', 'hex');
function uuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
