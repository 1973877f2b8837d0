// A broken rule pack is reported with file, line and a reason a pack author can act on.
import { describe, expect, it } from 'vitest';
import { formatProblems, loadRulePack } from '../../shared/rules/load';

const HEADER = 'pack: { id: mine, name: My pack, version: 1.0.0 }\nrules:\n';
const RULE = `  - id: my-rule
    title: My rule
    category: face_recognition
    explanation: Identifies people by their faces, which needs a legal basis in most places.
    languages: [en]
`;

function problems(text: string): string {
  const result = loadRulePack(text, 'mine.yaml', 'x');
  return result.ok ? 'ok' : formatProblems(result.problems);
}

describe('loadRulePack', () => {
  it('accepts a valid pack', () => {
    expect(problems(`${HEADER}${RULE}    patterns: ["face recogni*"]\n`)).toBe('ok');
  });

  it('reports YAML syntax errors at their line', () => {
    expect(problems(`${HEADER}${RULE}    patterns: ["face recogni*"\n`)).toMatch(
      /^mine\.yaml:9:1: YAML: Flow sequence .* must .* end with a \]/,
    );
  });

  it('names the rule and field of a schema error, at the field', () => {
    expect(
      problems(`${HEADER}${RULE.replace('face_recognition', 'faces')}    patterns: [face]\n`),
    ).toMatch(
      /^mine\.yaml:5:15: rules\[0\] \(my-rule\) > category: is not valid; use one of ethnicity_race, demographic_attributes, /,
    );
  });

  it('says when a required field is missing, at the rule', () => {
    expect(
      problems(`${HEADER}${RULE.replace('    title: My rule\n', '')}    patterns: [face]\n`),
    ).toBe('mine.yaml:3:5: rules[0] (my-rule) > title: is missing (expected string)');
  });

  it('explains the shapes a pattern can take', () => {
    expect(problems(`${HEADER}${RULE}    patterns:\n      - phrse: face\n`)).toContain(
      'mine.yaml:9:9: rules[0] (my-rule) > patterns[0]: a pattern is a phrase in quotes, or one of',
    );
  });

  it('reports phrase syntax and regular-expression errors at the pattern', () => {
    expect(problems(`${HEADER}${RULE}    patterns: ["~2 face"]\n`)).toBe(
      'mine.yaml:8:16: rules[0] (my-rule) > patterns[0]: a phrase cannot start or end with a gap (~N)',
    );
    expect(problems(`${HEADER}${RULE}    patterns: [{ regex: "DS-(" }]\n`)).toMatch(
      /^mine\.yaml:8:16: rules\[0\] \(my-rule\) > patterns\[0\]: the regular expression does not compile/,
    );
  });

  it('rejects unknown fields and duplicate rule ids', () => {
    expect(problems(`${HEADER}${RULE}    patterns: [face]\n    severty: low\n`)).toBe(
      'mine.yaml:3:5: rules[0] (my-rule): unknown field "severty"',
    );
    expect(problems(`${HEADER}${RULE}    patterns: [face]\n${RULE}    patterns: [face]\n`)).toMatch(
      /^mine\.yaml:9:9: rules\[1\] \(my-rule\) > id: the rule id "my-rule" is used twice/,
    );
  });

  it("reports a bad cue in a language's own list at the cue", () => {
    const pack =
      'pack: { id: mine, name: My pack, version: 1.0.0 }\ncontext:\n  by_language:\n    de:\n      negation_before: ["nicht", "~2 kein"]\n';
    expect(problems(pack)).toBe(
      'mine.yaml:5:34: context > by_language > de > negation_before[1]: a phrase cannot start or end with a gap (~N)',
    );
    expect(problems(pack.replace('de:', 'deutsch:'))).toBe(
      'mine.yaml:5:7: context > by_language > deutsch: "deutsch" is not a language code such as de, fr or zh-Hant',
    );
  });
});
