// The engine on text a user would paste from a brochure: what is found, how it is stated, and
// what is left alone.
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../shared/analysis/analyse';
import { compileRules } from '../../shared/rules/compile';
import { loadRulePack } from '../../shared/rules/load';
import { pagesFromPlainText } from '../../shared/text/page-text';
import { testRules } from './test-pack';

const rules = testRules();

function find(text: string) {
  return analyseDocument(pagesFromPlainText(text), rules).findings.map((f) => ({
    rule: f.ruleId,
    quote: f.quote,
    polarity: f.polarity,
  }));
}

describe('matching', () => {
  it('finds words by stem, prefix and proximity, in either order', () => {
    expect(find('The NVR recognises faces and detects ethnicity.')).toEqual([
      { rule: 'ethnicity', quote: 'detects ethnicity', polarity: 'asserted' },
    ]);
    expect(find('Ethnic group classification in real time.')).toEqual([
      { rule: 'ethnicity', quote: 'Ethnic group classification', polarity: 'asserted' },
    ]);
    expect(
      find('Facial recognition, face matching and face detection.').map((f) => f.quote),
    ).toEqual(['Facial recognition', 'face matching', 'face detection']);
  });

  it('does not reach across sentences or beyond the proximity window', () => {
    expect(find('Our people come from every ethnic background. We detect intrusions.')).toEqual([]);
    expect(
      find(
        'Ethnic diversity is one of our values and the company builds many products to detect smoke.',
      ),
    ).toEqual([]);
  });

  it('matches Chinese character by character, without a word tokenizer', () => {
    expect(find('本系统支持少数民族识别和人脸识别。').map((f) => [f.rule, f.quote])).toEqual([
      ['ethnicity', '少数民族识别'],
      ['face', '人脸识别'],
    ]);
    expect(find('支持人臉識別').map((f) => f.quote)).toEqual(['人臉識別']);
  });

  it('leaves false friends alone through exclusions', () => {
    expect(find('We fixed a race condition in the detector.')).toEqual([]);
    expect(find('Face detection for exposure keeps faces bright.')).toEqual([]);
    expect(find('Our algorithms identify people without racial bias.')).toEqual([]);
    expect(find('A new interface and surface mount.')).toEqual([]);
  });

  it('reports model numbers found by regular expression, with the vendor and why', () => {
    const [f] = analyseDocument(
      pagesFromPlainText('Works with DS-2CD2347G2-LU cameras.'),
      rules,
    ).findings;
    expect(f).toMatchObject({
      ruleId: 'hikvision-model',
      modelNumber: 'DS-2CD2347G2-LU',
      vendor: { name: 'Hikvision', evidence: 'model number pattern of Hikvision (DS-2CD...)' },
    });
  });

  it('keeps one finding per claim and category, the most severe', () => {
    expect(find('Face detection and face recognition.')).toEqual([
      { rule: 'face-detection', quote: 'Face detection', polarity: 'asserted' },
      { rule: 'face', quote: 'face recognition', polarity: 'asserted' },
    ]);
  });
});

describe('polarity', () => {
  it('marks denials before and after the claim, and in table rows', () => {
    expect(find('The camera does not support face recognition.')[0]).toMatchObject({
      polarity: 'negated',
    });
    expect(
      find('It works without facial recognition, ethnic group detection or tracking.').map(
        (f) => f.polarity,
      ),
    ).toEqual(['negated', 'negated']);
    expect(find('Face recognition: not supported')[0]).toMatchObject({ polarity: 'negated' });
    expect(find('Face recognition\tNo')[0]).toMatchObject({ polarity: 'negated' });
    expect(find('本产品不支持人脸识别。')[0]).toMatchObject({ polarity: 'negated' });
  });

  it('does not let a denial reach past "but" or into the next sentence', () => {
    expect(find('No cloud needed, but face recognition is built in.')[0]).toMatchObject({
      polarity: 'asserted',
    });
    expect(find('No cloud. Face recognition on the edge.')[0]).toMatchObject({
      polarity: 'asserted',
    });
    expect(find('Not only face recognition but more.')[0]).toMatchObject({ polarity: 'asserted' });
    expect(find('No server required and face recognition included.')[0]).toMatchObject({
      polarity: 'asserted',
    });
    expect(find('No face recognition included.')[0]).toMatchObject({ polarity: 'negated' });
  });

  it('tells optional, planned and third-party claims apart', () => {
    expect(find('Face recognition is available with an optional licence.')[0]?.polarity).toBe(
      'optional',
    );
    expect(find('Face recognition is planned for a future release.')[0]?.polarity).toBe('roadmap');
    expect(find('Face recognition through a third-party plugin.')[0]?.polarity).toBe('third_party');
  });

  it('shares a denial or hedge along a list joined by conjunctions', () => {
    // "No" reaches two words: the gait claim is further away, but joined to the face claim.
    expect(find('No face photo matching or gait recognition.').map((f) => f.polarity)).toEqual([
      'negated',
      'negated',
    ]);
    expect(
      find('Facial recognition and ethnicity detection are planned.').map((f) => f.polarity),
    ).toEqual(['roadmap', 'roadmap']);
    // A comma alone is no conjunction: the second claim keeps its own polarity.
    expect(
      find('No face photo matching, gait recognition built in.').map((f) => f.polarity),
    ).toEqual(['negated', 'asserted']);
    // Inside a list that a conjunction closes, a comma joins too: a denial after the list reaches
    // its first items, and "no" before it reaches the later ones.
    expect(
      find('Face recognition, gait recognition, and ethnicity detection are not supported.').map(
        (f) => f.polarity,
      ),
    ).toEqual(['negated', 'negated', 'negated']);
    expect(
      find('Without face matching, gait recognition or ethnic classification.').map(
        (f) => f.polarity,
      ),
    ).toEqual(['negated', 'negated', 'negated']);
    // "no" does not reach past a comma: "No cloud, face recognition on the camera."
    expect(find('No cloud, face recognition on the camera.').map((f) => f.polarity)).toEqual([
      'asserted',
    ]);
  });

  it('reads "X-free" as a denial, and a comparison as a third party', () => {
    expect(find('A facial recognition-free design.')[0]?.polarity).toBe('negated');
    expect(find('Facial recognition free of charge.')[0]?.polarity).toBe('asserted');
    expect(find('Unlike facial recognition rivals, we blur.')[0]?.polarity).toBe('third_party');
    // The comparison's clause runs on to its comma; the claim after the comma is the vendor's own.
    expect(find('Unlike rivals that sell facial recognition, we blur.')[0]?.polarity).toBe(
      'third_party',
    );
    expect(find('Unlike our rivals, we sell facial recognition.')[0]?.polarity).toBe('asserted');
  });

  it('lets a hedge in an opening phrase cover the clause after its comma', () => {
    expect(
      find('With a partner firm that trains the models every month, we ship face recognition.')[0]
        ?.polarity,
    ).toBe('third_party');
    // A clause break after the comma ends its reach; a sentence without a comma has none.
    expect(
      find('With a partner firm for the cabling and the mounts, but our own face recognition.')[0]
        ?.polarity,
    ).toBe('asserted');
    expect(
      find(
        'Our partner network in twelve countries is trained to install, tune and service the camera that runs our face recognition.',
      )[0]?.polarity,
    ).toBe('asserted');
  });

  it('keeps a bracketed cue with the list item it follows', () => {
    expect(
      find('Analytics: gait recognition, face detection (optional)').map((f) => f.polarity),
    ).toEqual(['asserted', 'optional']);
  });

  it('lets a denial run along a list that a conjunction closes after its last claim', () => {
    expect(
      find('Bids must not include face recognition, gait recognition or similar tools.').map(
        (f) => f.polarity,
      ),
    ).toEqual(['negated', 'negated']);
  });

  it('gives a later claim of the same kind in the clause the hedge of the first', () => {
    expect(
      find(
        'A partner firm adds face recognition at the gate and, for the archive, face recognition on old footage.',
      ).map((f) => f.polarity),
    ).toEqual(['third_party', 'third_party']);
    // A clause break ends it.
    expect(
      find(
        'A partner firm adds face recognition at the gate, but we built the face recognition on old footage ourselves.',
      ).map((f) => f.polarity),
    ).toEqual(['third_party', 'asserted']);
  });

  it("reads a comparison table's first value cell as the product's own", () => {
    expect(find('Feature\tUs\tThem\nFace recognition\tNo\tYes')[0]?.polarity).toBe('negated');
    expect(find('Feature\tUs\tThem\nFace recognition\tYes\tNo')[0]?.polarity).toBe('asserted');
  });

  it('takes "X/not X" as an alternative, and ", and" as the end of a denial', () => {
    expect(find('Attributes: with/without ethnic classification')[0]?.polarity).toBe('asserted');
    expect(
      find('No support for face recognition is given, and gait recognition is planned.').map(
        (f) => f.polarity,
      ),
    ).toEqual(['negated', 'roadmap']);
  });

  it("leaves a later claim's hedge to it and finds the earlier claim's own", () => {
    expect(
      find('Face recognition needs a licence and gait recognition is planned.').map(
        (f) => f.polarity,
      ),
    ).toEqual(['optional', 'roadmap']);
  });

  it('prefers a third party to an option when a claim has both', () => {
    expect(find('Face recognition through a partner module with a licence.')[0]?.polarity).toBe(
      'third_party',
    );
  });

  it('reports nothing in a question: its answer says what the product does', () => {
    expect(find('Does the camera support face recognition? It does not support it.')).toEqual([]);
    expect(find('摄像机支持人脸识别吗？不支持。')).toEqual([]);
  });

  it('gives a hedge that leads into the next claim to that claim', () => {
    expect(
      find('The camera offers face recognition and planned gait recognition.').map(
        (f) => f.polarity,
      ),
    ).toEqual(['asserted', 'roadmap']);
    // A conjunction between the hedge and the next claim keeps it with the first.
    expect(
      find('Face recognition is planned and gait recognition too.').map((f) => f.polarity),
    ).toEqual(['roadmap', 'roadmap']);
  });

  it("reads a Chinese denial that shares the claim's first word", () => {
    const pack = loadRulePack(
      `
pack: { id: overlap-test, name: Overlap test pack, version: 1.0.0 }
context:
  negation_before: ["不上传"]
rules:
  - id: cloud-zh
    title: Upload to the cloud
    category: data_transfer_cloud
    explanation: Recordings are sent to a cloud service outside the owner's control.
    languages: [zh]
    patterns: ["上传 ~3 云"]
`,
      'overlap-test.yaml',
      'test',
    );
    if (!pack.ok) throw new Error(JSON.stringify(pack.problems));
    const findings = analyseDocument(
      pagesFromPlainText('所有数据仅存储在本地，不上传任何云平台。'),
      compileRules([pack.pack]),
    ).findings;
    expect(findings.map((f) => [f.polarity, f.cue])).toEqual([['negated', '不上传']]);
  });

  it('lets a denial that closes the sentence deny the whole list before it', () => {
    expect(
      find(
        'Bids offering facial recognition or gait recognition of any kind will be rejected.',
      ).map((f) => f.polarity),
    ).toEqual(['negated', 'negated']);
    expect(
      find('Facial recognition is included; offers without it will be rejected.')[0]?.polarity,
    ).toBe('asserted');
  });

  it('reports nothing in a sentence about a law or a sales policy', () => {
    expect(find('The AI Act prohibits face recognition in public.')).toEqual([]);
    expect(find('We do not sell cameras to agencies that want face recognition.')).toEqual([]);
    // The next sentence is about the product again.
    expect(
      find('The law prohibits ethnic classification. Our NVR offers face recognition.'),
    ).toEqual([{ rule: 'face', quote: 'face recognition', polarity: 'asserted' }]);
  });

  it('does not take a licence plate for a licence', () => {
    expect(find('Facial recognition with licence plate reading.')[0]?.polarity).toBe('asserted');
    expect(find('Facial recognition with the Pro licence.')[0]?.polarity).toBe('optional');
  });

  it('keeps denied findings and says which words denied them', () => {
    const [f] = analyseDocument(
      pagesFromPlainText('We cannot identify ethnicity.'),
      rules,
    ).findings;
    expect(f).toMatchObject({ negated: true, hedged: false, cue: 'cannot' });
  });
});

describe('findings', () => {
  it('give page, quote, sentence and offsets into the page text', () => {
    const text = 'Cover page\fSpecs\nThe system performs facial recog-\nnition at 30 fps.';
    const [f] = analyseDocument(pagesFromPlainText(text), rules).findings;
    const page2 = text.split('\f')[1]!;
    expect(f).toMatchObject({
      page: 2,
      quote: 'facial recognition',
      sentence: 'The system performs facial recognition at 30 fps.',
    });
    expect(page2.slice(f!.start, f!.end)).toBe('facial recog-\nnition');
  });

  it('summarise the risk from findings that are not denied', () => {
    const { summary } = analyseDocument(
      pagesFromPlainText(
        'We do not support ethnicity detection. Face recognition. DS-2CD2043G2 inside.',
      ),
      rules,
    );
    expect(summary).toEqual({
      risk: 'high',
      bySeverity: { high: 2 },
      byCategory: { face_recognition: 1, covered_vendor_mention: 1 },
      negated: 1,
      vendors: ['Hikvision'],
      modelNumbers: ['DS-2CD2043G2'],
    });
  });
});

describe('languages', () => {
  const pack = `
pack: { id: languages-test, name: Languages test pack, version: 1.0.0 }
context:
  negation_before: ["not"]
  by_language:
    de: { negation_before: ["keine", "nicht"], negation_final: ["nein"] }
    fr: { third_party: ["tiers", "tierce"] }
rules:
  - id: age-de
    title: Age estimation (German)
    category: demographic_attributes
    explanation: Estimates people's age from their face, which is biometric categorisation.
    languages: [de]
    patterns: ["alter ~3 personen|besucher", { phrase: "alter", row_only: true }]
  - id: emotion-fr
    title: Emotion detection (French)
    category: emotion_recognition
    explanation: Reads people's emotions from their faces, which is unreliable and intrusive.
    languages: [fr]
    patterns: [{ near: ["émotion*|emotion*", "détect*|detect*"], within: 3 }]
  - id: face-fr
    title: Face recognition (French)
    category: face_recognition
    explanation: Identifies people by comparing their faces with a database of enrolled faces.
    languages: [fr, en]
    patterns: ["reconnaissance faciale", "=face =recognition"]
`;
  const loaded = loadRulePack(pack, 'languages-test.yaml', 'test');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const languageRules = compileRules([loaded.pack]);
  const findIn = (text: string) =>
    analyseDocument(pagesFromPlainText(text), languageRules).findings.map((f) => ({
      rule: f.ruleId,
      polarity: f.polarity,
    }));

  it('stems a German rule only where the text is German', () => {
    expect(findIn('Die Kamera schätzt das Alter der Besucher.')).toEqual([
      { rule: 'age-de', polarity: 'asserted' },
    ]);
    // Stemmed in German, "alter any person" would match "Alter der Personen": English text is
    // not stemmed in German.
    expect(findIn('Operators may alter any person record in the database.')).toEqual([]);
  });

  it('tries a rule only where the text is in one of its languages, or in none that is known', () => {
    expect(findIn('La détection des émotions est activée.')).toEqual([
      { rule: 'emotion-fr', polarity: 'asserted' },
    ]);
    expect(findIn('The emotion detector of the competitor is shown on the left.')).toEqual([]);
    expect(findIn('Emotion\tdetect')).toEqual([{ rule: 'emotion-fr', polarity: 'asserted' }]);
  });

  it("applies a language's own cue words only to text in that language", () => {
    expect(findIn('Die Kamera bestimmt nicht das Alter der Besucher.')).toEqual([
      { rule: 'age-de', polarity: 'negated' },
    ]);
    expect(findIn('La reconnaissance faciale est fournie par un logiciel tiers.')).toEqual([
      { rule: 'face-fr', polarity: 'third_party' },
    ]);
    // "Tiers" is a French third-party cue, not an English one.
    expect(findIn('Face recognition is included in all licence tiers.')).toEqual([
      { rule: 'face-fr', polarity: 'asserted' },
    ]);
  });

  it('reads a German spec table with German cues, the page telling its language', () => {
    expect(
      findIn(
        'Die folgende Tabelle zeigt die Funktionen der Kamera.\nGesichtserkennung\tJa\nAlter\tNein',
      ),
    ).toEqual([{ rule: 'age-de', polarity: 'negated' }]);
  });
});
