// The naive keyword baseline: the words a reviewer would type into Ctrl+F, in every corpus
// language. A hit anywhere in a passage predicts the category, always as a plain claim (Ctrl+F
// cannot tell "supports" from "does not support").
import type { Category } from '../../shared/model/taxonomy';
import type { Label } from './corpus';

/**
 * Keywords per category. Latin-script words match at the start of a word, case-insensitively
 * ("face" finds "faces" and "Face", not "surface"), as Ctrl+F with "whole words" would not but a
 * careful reader scanning hits would; Chinese words match anywhere.
 */
export const KEYWORDS: Record<Category, readonly string[]> = {
  ethnicity_race: [
    ...['ethnic', 'race', 'racial', 'skin', 'uyghur', 'uighur', 'minorit'],
    ...['ethnisch', 'ethnie', 'hautfarbe', 'rasse'],
    ...['ethnique', 'race', 'peau'],
    ...['étnic', 'etnia', 'raza', 'piel'],
    ...['民族', '种族', '種族', '肤色', '膚色', '维吾尔', '維吾爾', '族裔'],
  ],
  demographic_attributes: [
    ...['gender', 'age', 'demographic', 'sex'],
    ...['geschlecht', 'alter'],
    ...['sexe', 'âge', 'genre'],
    ...['género', 'edad'],
    ...['性别', '性別', '年龄', '年齡'],
  ],
  face_recognition: [
    ...['face', 'facial'],
    ...['gesicht'],
    ...['visage', 'faciale'],
    ...['rostro', 'facial', 'cara'],
    ...['人脸', '人臉', '刷脸', '刷臉', '面部'],
  ],
  emotion_recognition: [
    ...['emotion', 'mood', 'expression'],
    ...['emotion', 'gesichtsausdr'],
    ...['émotion', 'expression'],
    ...['emoci', 'ánimo'],
    ...['情绪', '情緒', '表情'],
  ],
  gait_recognition: [
    ...['gait', 'walk'],
    ...['gang'],
    ...['démarche'],
    ...['marcha', 'caminar'],
    ...['步态', '步態'],
  ],
  person_reid_tracking: [
    ...['track', 'follow', 're-id', 'reid', 're-identif'],
    ...['verfolg', 'wiedererkennung'],
    ...['suivi', 'suiv', 'ré-identif'],
    ...['seguimiento', 'reidentif'],
    ...['追踪', '追蹤', '跟踪', '跟蹤', '轨迹', '軌跡'],
  ],
  lpr_vehicle: [
    ...['plate', 'anpr', 'lpr', 'vehicle'],
    ...['kennzeichen', 'fahrzeug'],
    ...['plaque', 'immatriculation', 'véhicule'],
    ...['matrícula', 'vehículo'],
    ...['车牌', '車牌', '车辆', '車輛'],
  ],
  behaviour_crowd: [
    ...['crowd', 'loiter', 'behaviour', 'behavior', 'counting', 'fight', 'fall'],
    ...['menschenansammlung', 'verhalten', 'zählung', 'herumlungern'],
    ...['foule', 'comportement', 'comptage', 'attroupement'],
    ...['multitud', 'comportamiento', 'conteo', 'aglomeraci'],
    ...['聚集', '徘徊', '行为', '行為', '人流', '客流'],
  ],
  voice_audio: [
    ...['audio', 'voice', 'microphone', 'sound', 'scream', 'gunshot'],
    ...['mikrofon', 'stimme', 'schrei'],
    ...['voix', 'microphone', 'cri'],
    ...['micrófono', 'voz', 'grito'],
    ...['声音', '聲音', '麦克风', '麥克風', '拾音', '声纹', '聲紋', '录音', '錄音'],
  ],
  remote_activation_hidden: [
    ...['hidden', 'covert', 'backdoor', 'telnet', 'remote'],
    ...['versteckt', 'verdeckt', 'fern'],
    ...['caché', 'dissimul', 'distance'],
    ...['oculto', 'oculta', 'encubiert', 'remoto'],
    ...['隐蔽', '隱蔽', '针孔', '針孔', '后门', '後門', '远程', '遠程', '遠端'],
  ],
  data_transfer_cloud: [
    ...['cloud', 'upload', 'p2p', 'server'],
    ...['cloud', 'hochgeladen', 'server'],
    ...['cloud', 'nuage', 'serveur'],
    ...['nube', 'servidor'],
    ...['云', '雲', '上传', '上傳', '服务器', '伺服器'],
  ],
  covered_vendor_mention: [
    ...['hikvision', 'dahua', 'huawei', 'zte', 'hytera'],
    ...['海康', '大华', '大華', '华为', '華為', '中兴', '中興', '海能达', '海能達'],
  ],
};

const CJK = /[\p{sc=Han}]/u;

function compile(words: readonly string[]): RegExp {
  const escaped = [...new Set(words)].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const latin = escaped.filter((w) => !CJK.test(w));
  const cjk = escaped.filter((w) => CJK.test(w));
  const parts = [];
  if (latin.length > 0) parts.push(`(?<![\\p{L}\\p{N}])(?:${latin.join('|')})`);
  if (cjk.length > 0) parts.push(`(?:${cjk.join('|')})`);
  return new RegExp(parts.join('|'), 'iu');
}

const COMPILED = Object.entries(KEYWORDS).map(
  ([category, words]) => [category as Category, compile(words)] as const,
);

/** The baseline's labels for a passage: each category with a keyword hit, as `asserted`. */
export function keywordLabels(text: string): Label[] {
  return COMPILED.filter(([, regex]) => regex.test(text)).map(([category]) => ({
    category,
    polarity: 'asserted' as const,
  }));
}
