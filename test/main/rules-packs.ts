// Rule packs of a user's for the rules tests: one valid (a vendor alias with a model-number
// grammar and its own test sentences), one broken in several ways at known lines.
export const OEM_PACK = `pack:
  id: acme-audit.oem
  name: Acme audit OEM aliases
  version: 1.2.0
rules:
  - id: acme-audit.sentinel-oem
    title: Sentinel Vision (reported Hikvision OEM)
    category: covered_vendor_mention
    explanation: >-
      Our audit found that Sentinel Vision cameras are Hikvision cameras sold under a new label,
      so they fall under the same procurement bans.
    languages: [en]
    vendor: { name: HIKVISION, evidence: Sentinel Vision relabels Hikvision cameras (our audit). }
    patterns: ['=sentinel =vision', { regex: '\\bSV-9\\d{3}\\b', model_number: true }]
    tests:
      match: [The Sentinel Vision SV-9040 bullet camera.]
      no_match: [A sentinel stood at the gate.]
`;

export const BROKEN_PACK = `pack:
  id: Acme Broken
  name: Broken pack
  version: 1.0.0
rules:
  - id: acme.faces
    title: Faces
    category: face_recog
    explanation: Too short.
    languages: [en]
    patterns: []
`;
