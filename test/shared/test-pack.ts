// A small rule pack written for the engine's own tests, independent of the bundled packs' wording.
import { compileRules, type CompiledRules } from '../../shared/rules/compile';
import { loadRulePack } from '../../shared/rules/load';

export const TEST_PACK = `
pack: { id: engine-test, name: Engine test pack, version: 1.0.0 }
context:
  negation_before: ["not", "does not support", "cannot", "不支持"]
  negation_before_near: ["no", "without"]
  negation_after: ["is not supported", "not supported", "not available"]
  negation_final: ["no", "n/a", "否"]
  not_negation: ["not only", "no matter"]
  optional: ["optional", "licence", "license", "with ~2 licence"]
  roadmap: ["planned", "future release", "coming soon"]
  third_party: ["third-party", "partner"]
  clause_breaks: ["but", "however"]
  conjunctions: ["or", "and"]
  third_party_near: ["unlike"]
  negation_suffix: ["free"]
  negation_closing: ["will be rejected"]
  not_hedge: ["licence plate"]
  not_claim: ["act|law ~4 prohibits", "not ~2 sell ~4 to"]
rules:
  - id: ethnicity
    title: Infers ethnicity
    category: ethnicity_race
    explanation: Infers a person's ethnicity or race from their face, which the EU AI Act prohibits.
    references: ["EU AI Act, Article 5(1)(g)"]
    languages: [en, zh]
    patterns:
      - near: ["ethnic*|race|racial", "detect*|identif*|recogni*|analy*|classif*"]
        within: 5
      - "少数民族 识别|维族"
    exclude:
      - "race condition"
      - "human race"
      - { phrase: "racial bias", scope: sentence }
  - id: face
    title: Face recognition
    category: face_recognition
    explanation: Identifies people by comparing their faces with a database of enrolled faces.
    languages: [en, zh]
    patterns: ["face|facial recogni*", "face ~2 =matching", "人脸识别|人臉識別"]
  - id: gait
    title: Gait recognition
    category: gait_recognition
    explanation: Identifies people by the way they walk, at a distance and without their cooperation.
    languages: [en]
    patterns: ["gait recogni*"]
  - id: face-detection
    title: Face detection
    category: face_recognition
    severity: low
    explanation: Finds faces in the image; often a first step to recognising who they are.
    languages: [en]
    patterns: ["face detect*"]
    exclude: [{ phrase: "exposure|focus", scope: sentence }]
  - id: hikvision-model
    title: Hikvision model number
    category: covered_vendor_mention
    explanation: The model number follows Hikvision's naming, so the product is likely Hikvision's.
    languages: [en]
    vendor: { name: Hikvision, evidence: "model number pattern of Hikvision (DS-2CD...)" }
    patterns: [{ regex: '\\bDS-2CD[0-9A-Z]+(?:-[0-9A-Z]+)*', model_number: true }]
`;

export function testRules(): CompiledRules {
  const result = loadRulePack(TEST_PACK, 'engine-test.yaml', 'test');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return compileRules([result.pack]);
}
