// The category and severity vocabulary: part of the output contract (DESIGN.md, "Rule packs").
import { z } from 'zod';

/** Highest first; the order is what `--fail-on` and sorting compare. */
export const SEVERITIES = ['prohibited', 'high', 'medium', 'low', 'info'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const CATEGORY_DEFAULTS = {
  ethnicity_race: 'prohibited',
  demographic_attributes: 'high',
  face_recognition: 'high',
  emotion_recognition: 'high',
  gait_recognition: 'high',
  person_reid_tracking: 'high',
  voice_audio: 'medium',
  lpr_vehicle: 'medium',
  behaviour_crowd: 'medium',
  remote_activation_hidden: 'high',
  data_transfer_cloud: 'medium',
  covered_vendor_mention: 'high',
} as const satisfies Record<string, Severity>;

export type Category = keyof typeof CATEGORY_DEFAULTS;
export const CATEGORIES = Object.keys(CATEGORY_DEFAULTS) as Category[];
export const Category = z.enum(CATEGORIES as [Category, ...Category[]]);

export const CATEGORY_LABELS: Record<Category, string> = {
  ethnicity_race: 'Ethnicity or race inference',
  demographic_attributes: 'Demographic attributes',
  face_recognition: 'Face recognition',
  emotion_recognition: 'Emotion recognition',
  gait_recognition: 'Gait recognition',
  person_reid_tracking: 'Person re-identification and tracking',
  voice_audio: 'Voice and audio analysis',
  lpr_vehicle: 'Licence plates and vehicles',
  behaviour_crowd: 'Behaviour and crowd analytics',
  remote_activation_hidden: 'Remote activation and hidden functions',
  data_transfer_cloud: 'Data transfer and cloud',
  covered_vendor_mention: 'Covered vendor',
};

/** Rank of a severity: 0 for the highest. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at or above `threshold`. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}
