// W3C Web Annotations checked against the Web Annotation Data Model's requirements (W3C
// Recommendation 2017-02-23, sections 3.1-4.2), written here as zod schemas, and against the
// page text: every quote selector matches the text at its position selector.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { gatherEvidence } from '../../../main/export/document-args';
import { w3cAnnotations } from '../../../main/export/w3c';
import { analyseFixture, DOCUMENT_NOTE, HIGHLIGHT_NOTE, makeLibrary, NOTE_TEXT } from './helpers';

const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** 3.1: an IRI; ClaimLens uses urn:uuid: for annotations and urn:sha256: for sources. */
const Iri = z.string().regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'an IRI');
/** 3.3.5: xsd:dateTime, SHOULD be expressed in UTC with the "Z" designation. */
const DateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
/** 3.3.4: Agents. */
const Agent = z.object({
  type: z.enum(['Person', 'Organization', 'Software']),
  name: z.string().min(1),
});
/** 3.3.5 (motivation) and 3.3.5 Motivation and Purpose: the thirteen motivations. */
const Motivation = z.enum([
  'assessing',
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
]);
/** 3.2.4: an embedded textual body needs type TextualBody and a value. */
const TextualBody = z.object({
  type: z.literal('TextualBody'),
  value: z.string(),
  purpose: Motivation.optional(),
  format: z.string().optional(),
  language: z.string().optional(),
  creator: Agent.optional(),
  created: DateTime.optional(),
});
/** 4.2.3 TextQuoteSelector: exact is required; prefix and suffix optional. */
const TextQuoteSelector = z.strictObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
/** 4.2.4 TextPositionSelector: start and end, non-negative integers, start <= end. */
const TextPositionSelector = z
  .strictObject({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  })
  .refine((s) => s.start <= s.end, 'start after end');
/** 4.2.1 FragmentSelector: value required, conformsTo SHOULD name the spec (RFC 3778 for PDF). */
const FragmentSelector = z.strictObject({
  type: z.literal('FragmentSelector'),
  conformsTo: z.literal('http://tools.ietf.org/rfc/rfc3778'),
  value: z.string().regex(/^page=\d+$/),
  refinedBy: z.union([TextQuoteSelector, TextPositionSelector]).optional(),
});
/** 4.1 SpecificResource: source required; selector one or more. */
const SpecificResource = z.object({
  type: z.literal('SpecificResource'),
  source: z.string().regex(/^urn:sha256:[0-9a-f]{64}$/),
  format: z.string().optional(),
  selector: z.union([FragmentSelector, z.array(FragmentSelector).min(1)]).optional(),
});
/** 3.1 Annotation: @context, id, type Annotation, target 1 or more; body 0 or more. */
const Annotation = z.object({
  '@context': z.literal(CONTEXT),
  id: Iri,
  type: z.literal('Annotation'),
  motivation: Motivation,
  creator: Agent,
  created: DateTime,
  modified: DateTime,
  generator: Agent,
  generated: DateTime,
  body: z.union([TextualBody, z.array(TextualBody).min(1)]).optional(),
  target: SpecificResource,
});
/** 5.1 / 5.2: a collection with its first page embedded. */
const Collection = z.object({
  '@context': z.literal(CONTEXT),
  id: Iri,
  type: z.literal('AnnotationCollection'),
  label: z.string(),
  total: z.number().int(),
  first: z.object({
    id: Iri,
    type: z.literal('AnnotationPage'),
    startIndex: z.literal(0),
    items: z.array(Annotation),
  }),
});
type Annotation = z.infer<typeof Annotation>;

function selectors(a: Annotation) {
  const list = a.target.selector;
  return list === undefined ? [] : Array.isArray(list) ? list : [list];
}

describe('W3C Web Annotations', () => {
  it('gives every finding of a PDF analysed on the spot a valid assessing annotation', async () => {
    const doc = await analyseFixture();
    const collection = Collection.parse(w3cAnnotations([doc]));
    const items = collection.first.items;
    expect(collection.total).toBe(items.length);
    expect(items).toHaveLength(doc.detail.findings.length);
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
    for (const a of items) {
      expect(a.motivation).toBe('assessing');
      expect(a.target.source).toBe(`urn:sha256:${doc.detail.meta.sha256}`);
      const [byQuote, byPosition] = selectors(a);
      const page = Number(byQuote!.value.slice('page='.length));
      const text = doc.pageTexts.get(page)!;
      const quote = TextQuoteSelector.parse(byQuote!.refinedBy);
      const position = TextPositionSelector.parse(byPosition!.refinedBy);
      expect(text.slice(position.start, position.end)).toBe(quote.exact);
      expect(text.slice(0, position.start).endsWith(quote.prefix!)).toBe(true);
      expect(text.slice(position.end).startsWith(quote.suffix!)).toBe(true);
    }
  });

  it('adds highlighting and commenting annotations for the reviewer’s work, with authors and times', async () => {
    const lib = await makeLibrary();
    const [doc] = await gatherEvidence({ library: lib.dir, documents: [lib.sha256] });
    const items = Collection.parse(w3cAnnotations([doc!])).first.items;
    const notes = items.filter((a) => a.motivation === 'commenting');
    expect(notes.map((a) => (a.body as { value: string }).value).sort()).toEqual(
      [DOCUMENT_NOTE, HIGHLIGHT_NOTE, NOTE_TEXT].sort(),
    );
    for (const note of notes) expect(note.creator).toEqual({ type: 'Person', name: 'Ada Lawyer' });
    // The note on the whole document targets the source itself; the others the noted text.
    expect(notes.filter((a) => selectors(a).length === 0)).toHaveLength(1);
    const highlight = items.find((a) => a.motivation === 'highlighting');
    expect(highlight?.creator.name).toBe('Ada Lawyer');
    expect(selectors(highlight!)).toHaveLength(2);
    const confirmed = items.find(
      (a) =>
        a.motivation === 'assessing' &&
        (a.body as { value: string }[]).some((b) => b.value === 'status:confirmed'),
    );
    expect(confirmed).toBeDefined();
    expect(
      (confirmed!.body as { purpose?: string; creator?: unknown }[]).find(
        (b) => b.purpose === 'assessing',
      )?.creator,
    ).toEqual({ type: 'Person', name: 'Ada Lawyer' });
    // Ids are stable: exporting again names every annotation the same.
    const again = w3cAnnotations([doc!]).first.items.map((a) => a.id);
    expect(again).toEqual(items.map((a) => a.id));
  });
});
