// Segmentation: sentences, list items, spec-table rows and headings; tokens for every script.
import { describe, expect, it } from 'vitest';
import { normalise } from '../../shared/text/normalise';
import { segment, tokenize } from '../../shared/text/segment';

function segmentsOf(source: string): { kind: string; text: string }[] {
  const { text } = normalise(source);
  return segment(text, tokenize(text)).map((s) => ({
    kind: s.kind,
    text: text.slice(s.start, s.end),
  }));
}

describe('tokenize', () => {
  it('splits words at punctuation and gives each Chinese or Japanese character its own token', () => {
    expect(tokenize('Re-identification of 人脸 at 4K, e.g. DS-2CD').lower).toEqual([
      're',
      'identification',
      'of',
      '人',
      '脸',
      'at',
      '4k',
      'e',
      'g',
      'ds',
      '2cd',
    ]);
    expect([...tokenize('人脸 face').cjk]).toEqual([1, 1, 0]);
  });

  it('keeps Korean words whole', () => {
    expect(tokenize('얼굴 인식').lower).toEqual(['얼굴', '인식']);
  });
});

describe('segment', () => {
  it('splits sentences but not at abbreviations, initials or decimals', () => {
    expect(
      segmentsOf('It detects faces, e.g. at gates. Resolution is 2.8 mm. Made in the U.S. today.'),
    ).toEqual([
      { kind: 'sentence', text: 'It detects faces, e.g. at gates.' },
      { kind: 'sentence', text: 'Resolution is 2.8 mm.' },
      { kind: 'sentence', text: 'Made in the U.S. today.' },
    ]);
  });

  it('joins a sentence wrapped over several lines', () => {
    expect(segmentsOf('The camera does not support\nface recognition in any\nmode.')).toEqual([
      { kind: 'sentence', text: 'The camera does not support\nface recognition in any\nmode.' },
    ]);
  });

  it('makes each spec-table row and each bullet its own segment', () => {
    expect(
      segmentsOf(
        'Features:\n• Face capture\n• Plate recognition across\nall lanes\nResolution\t4 MP\nFace recognition\tNo',
      ),
    ).toEqual([
      { kind: 'sentence', text: 'Features:' },
      { kind: 'item', text: '• Face capture' },
      { kind: 'item', text: '• Plate recognition across\nall lanes' },
      { kind: 'row', text: 'Resolution\t4 MP' },
      { kind: 'row', text: 'Face recognition\tNo' },
    ]);
  });

  it('keeps a heading apart from the paragraph under it', () => {
    expect(segmentsOf('Smart Analytics\nThe camera counts people.')).toEqual([
      { kind: 'heading', text: 'Smart Analytics' },
      { kind: 'sentence', text: 'The camera counts people.' },
    ]);
  });

  it('splits Chinese sentences at 。！？ without spaces', () => {
    expect(segmentsOf('支持人脸识别。不支持情绪识别！').map((s) => s.text)).toEqual([
      '支持人脸识别。',
      '不支持情绪识别!',
    ]);
  });
});
