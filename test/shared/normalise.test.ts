// Normalisation: what matching sees, and that every match maps back to the exact source span.
import { describe, expect, it } from 'vitest';
import { displayText, normalise, toSourceSpan } from '../../shared/text/normalise';

function backToSource(source: string, needle: string): string {
  const n = normalise(source);
  const at = n.text.indexOf(needle);
  expect(at, `"${needle}" in "${n.text}"`).toBeGreaterThanOrEqual(0);
  const [s, e] = toSourceSpan(n, at, at + needle.length);
  return source.slice(s, e);
}

describe('normalise', () => {
  it('expands ligatures and full-width forms, and maps them back to the original characters', () => {
    const source = 'Identiﬁcation of ｆａｃｅｓ';
    expect(normalise(source).text).toBe('Identification of faces');
    expect(backToSource(source, 'identification'.replace('i', 'I'))).toBe('Identiﬁcation');
    expect(backToSource(source, 'faces')).toBe('ｆａｃｅｓ');
  });

  it('joins words hyphenated across a line end, keeping the hyphen before a capital or digit', () => {
    expect(normalise('facial recog-\nnition').text).toBe('facial recognition');
    expect(backToSource('facial recog-\nnition works', 'recognition')).toBe('recog-\nnition');
    expect(normalise('model DS-\n2CD2347').text).toBe('model DS-2CD2347');
    expect(normalise('Real-\nTime analytics').text).toBe('Real-Time analytics');
  });

  it('makes quotes and dashes plain and collapses spaces, keeping line ends and table cells', () => {
    expect(normalise('“Smart”  camera\u00a0\u2013 it’s\n\n\n\nnew\tYes').text).toBe(
      '"Smart" camera - it\'s\n\nnew\tYes',
    );
  });

  it('drops soft hyphens and zero-width characters', () => {
    expect(normalise('eth\u00adnic\u200bity').text).toBe('ethnicity');
  });

  it('keeps Chinese text, folding full-width punctuation but the clause-ending comma', () => {
    expect(normalise('支持人脸识别，少数民族识别！（选配）').text).toBe(
      '支持人脸识别，少数民族识别!(选配)',
    );
    expect(backToSource('支持人脸识别，少数民族识别。', '少数民族')).toBe('少数民族');
  });

  it('maps characters outside the Basic Multilingual Plane as one unit', () => {
    const source = 'a 𝐅𝐚𝐜𝐞 b';
    expect(normalise(source).text).toBe('a Face b');
    expect(backToSource(source, 'Face')).toBe('𝐅𝐚𝐜𝐞');
  });
});

describe('displayText', () => {
  it('shows a quote as printed: hyphenation joined, whitespace collapsed, no NFKC', () => {
    expect(displayText('facial recog-\n nition\n  and ﬁne')).toBe('facial recognition and ﬁne');
    expect(displayText('人脸识别，比对')).toBe('人脸识别，比对');
    expect(displayText('情绪识\n别 界 面')).toBe('情绪识别界面');
  });
});
