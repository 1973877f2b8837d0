// `claimlens verify BUNDLE.zip`: says whether an evidence bundle is intact and, if not, exactly
// what does not match. Exit 0 intact, 1 something does not match, 2 not a readable bundle.
import { readFileSync } from 'node:fs';
import { verifyBundle, type VerifyResult } from './verify';

export const VERIFY_EXIT = { intact: 0, altered: 1, unreadable: 2 } as const;

export function verifyCommand(path: string, format: 'table' | 'json'): number {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a .zip file'
          : (error as Error).message;
    return report(path, { status: 'unreadable', reason: `${why}.` }, format);
  }
  return report(path, verifyBundle(bytes), format);
}

function report(path: string, result: VerifyResult, format: 'table' | 'json'): number {
  if (format === 'json') {
    const body =
      result.status === 'unreadable'
        ? { path, status: result.status, problems: [result.reason] }
        : {
            path,
            status: result.status,
            problems: result.problems,
            files: result.checked,
            documents: result.manifest.documents,
            audit: result.manifest.audit,
            createdAt: result.manifest.createdAt,
            reviewer: result.manifest.reviewer,
          };
    process.stdout.write(JSON.stringify(body, null, 2) + '\n');
  } else process.stdout.write(text(path, result));
  return VERIFY_EXIT[result.status];
}

function text(path: string, result: VerifyResult): string {
  if (result.status === 'unreadable') {
    return `${path}: NOT A READABLE BUNDLE: ${result.reason}\n`;
  }
  const m = result.manifest;
  const head = [
    `  made ${m.createdAt} by ${m.reviewer} with claimlens ${m.tool.version}, engine ${m.engine}`,
    ...m.documents.map((d) => `  ${d.fileName}  sha256 ${d.sha256}`),
  ];
  if (result.status === 'intact') {
    return (
      [
        `${path}: INTACT`,
        ...head,
        `  ${result.checked} files match manifest.json and SHA256SUMS; originals match their names; ` +
          `audit chain of ${m.audit.records} records intact, head ${m.audit.headHash.slice(0, 16)}...`,
      ].join('\n') + '\n'
    );
  }
  const n = result.problems.length;
  return (
    [
      `${path}: ALTERED: ${n} thing${n === 1 ? '' : 's'} do${n === 1 ? 'es' : ''} not match`,
      ...head,
      ...result.problems.map((p) => `  - ${p}`),
    ].join('\n') + '\n'
  );
}
