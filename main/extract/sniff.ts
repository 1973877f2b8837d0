// What a file really is, from its first bytes: the one sniffer in shared/input/sniff.ts, which
// the app's sandbox uses too.
export {
  describeBinary,
  hasPdfHeader,
  isUtf16,
  looksLikeText,
  sniff,
  type FileKind,
} from '../../shared/input/sniff';
