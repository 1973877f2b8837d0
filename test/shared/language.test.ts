// Language detection per segment and per page: what decides which stemmer and cue words apply.
import { describe, expect, it } from 'vitest';
import { detectLanguage, detectLanguages } from '../../shared/text/language';
import { normalise } from '../../shared/text/normalise';
import { segment, tokenize } from '../../shared/text/segment';

function languagesOf(source: string): { page: string; segments: readonly string[] } {
  const { text } = normalise(source);
  const tokens = tokenize(text);
  return detectLanguages(tokens, segment(text, tokens));
}

const one = (text: string): string => detectLanguage(tokenize(normalise(text).text));

describe('detectLanguage', () => {
  it('tells English, German, French and Spanish sentences apart', () => {
    expect(one('The camera does not support face recognition in the lobby.')).toBe('en');
    expect(one('Die Kamera unterstützt keine Gesichtserkennung und speichert keine Daten.')).toBe(
      'de',
    );
    expect(one('Cette caméra ne prend pas en charge la reconnaissance faciale.')).toBe('fr');
    expect(one('La cámara no admite el reconocimiento facial en la entrada.')).toBe('es');
  });

  it('reads German spec-table rows by their word endings and letters', () => {
    expect(one('Gesichtserkennung\tJa\nPersonenzählung\tJa')).toBe('de');
  });

  it('finds Chinese and Japanese by their script, also next to English model numbers', () => {
    expect(one('型号\tDS-2CD3T47G2-LSU')).toBe('zh');
    expect(one('人臉辨識門禁系統')).toBe('zh');
    expect(one('顔認証カメラ')).toBe('ja');
  });

  it('says "und" when there is nothing to go on', () => {
    expect(one('DS-2CD2143G2-I 4 MP')).toBe('und');
    expect(one('')).toBe('und');
  });
});

describe('detectLanguages', () => {
  it('gives each sentence of a mixed page its own language', () => {
    expect(
      languagesOf(
        'The camera records in 4K and stores the video on the card.\n\nDie Kamera zeichnet in 4K auf und speichert das Video auf der Karte.',
      ).segments,
    ).toEqual(['en', 'de']);
  });

  it("lets rows with too little to go on take the page's language", () => {
    const result = languagesOf(
      'Technische Daten der Kamera sind in der folgenden Tabelle zusammengestellt.\nModell\tAX-40\nSensor\t1/2,8" CMOS',
    );
    expect(result.page).toBe('de');
    expect(result.segments).toEqual(['de', 'de', 'de']);
  });

  it('keeps a Chinese spec sheet Chinese, model-number rows included', () => {
    const result = languagesOf('型号\tDS-2CD3T47G2-LSU\n人脸抓拍\t支持\nDS-2CD3T47G2-LSU/SL');
    expect(result.page).toBe('zh');
    expect(result.segments.every((l) => l === 'zh')).toBe(true);
  });
});
