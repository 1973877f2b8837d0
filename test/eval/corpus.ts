// The labelled corpus in test/corpus/*.yaml: its schema, its loader, and the held-out split.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { Polarity } from '../../shared/model/finding';
import { Category } from '../../shared/model/taxonomy';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'corpus');

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'zh-Hans', 'zh-Hant'] as const;
export const STYLES = [
  'brochure',
  'datasheet',
  'spec_table',
  'manual',
  'press_release',
  'web_page',
  'tender',
  'policy',
  'release_notes',
] as const;

export const Label = z.strictObject({ category: Category, polarity: Polarity });
export type Label = z.infer<typeof Label>;

export const Passage = z.strictObject({
  id: z.string().regex(/^[a-z]{2}(?:-[a-z]+)?-[a-z0-9-]+$/),
  language: z.enum(LANGUAGES),
  style: z.enum(STYLES),
  text: z.string().min(1),
  labels: z.array(Label),
  note: z.string().optional(),
});
export type Passage = z.infer<typeof Passage> & { readonly file: string };

/** Every passage of every corpus file, in file order; throws on a malformed file or a reused id. */
export function loadCorpus(dir: string = CORPUS_DIR): Passage[] {
  const passages: Passage[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const parsed = z.array(Passage).safeParse(parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    for (const passage of parsed.data) {
      if (seen.has(passage.id)) throw new Error(`${file}: the id ${passage.id} is used twice`);
      seen.add(passage.id);
      passages.push({ ...passage, file });
    }
  }
  return passages;
}

export type Split = 'tuning' | 'held-out';

/** Files whose name starts with this hold a held-out batch: written, labelled and committed before
 * the engine saw it, and never read while rules change. */
export const HELD_OUT_PREFIX = 'held-out-';

/**
 * A passage is held out when its file is a held-out batch. Until the third tuning round a quarter
 * of every batch was held out by a hash of its id; those passages were measured and then opened for
 * tuning, and the held-out split became whole batches of new passages (see test/corpus/README.md).
 */
export function splitOf(passage: { readonly file: string }): Split {
  return passage.file.startsWith(HELD_OUT_PREFIX) ? 'held-out' : 'tuning';
}
