// The CLI's help text, kept next to the option parser so both change together.
import { SEVERITIES } from '../../shared/model/taxonomy';
import { OCR_LANGUAGES } from '../../shared/ocr/languages';
import { DOCUMENT_OPTIONS_USAGE } from '../export/document-args';

export const USAGE = `Usage:
  claimlens analyse [PATH...] [options]   find risky capability claims in PDF and text files
  claimlens check-rules [PATH...]         validate rule packs and run their test sentences
  claimlens diff OLD NEW [options]        findings added, removed and changed between two editions
  claimlens import --library DIR PATH...  import folders and files into a library (duplicates skipped)
  claimlens bundle DOC... --out FILE.zip   evidence bundle: originals, annotated copies, reports,
                                          audit log, manifest of SHA-256 hashes
  claimlens export DOC... --format FORMAT  annotated PDF copy, W3C annotations, CSV or JSON
  claimlens report DOC... [--out FILE]     evidence report, HTML (one self-contained file) or PDF
  claimlens verify BUNDLE.zip             check a bundle: every hash, the originals, the audit chain
  claimlens --version | --help

PATH is a file or a folder (walked recursively for PDF, Word .docx, saved web pages .html/.htm,
PNG and JPEG images, and .txt/.text files). With no PATH, ClaimLens analyses its bundled sample
brochure.

Options for analyse:
  --format json|jsonl|csv|table|html
                                  output format (default: table on a terminal, json otherwise;
                                  html is the evidence report of every file, with page images)
  --rules PATH                    add a rule pack file or folder (repeatable)
  --fail-on SEVERITY              exit 1 when a finding that is not denied is at or above
                                  SEVERITY: ${SEVERITIES.join(', ')}
  --policy NAME|FILE              judge each document PASS or FAIL against a procurement policy:
                                  eu-ai-act, us-ndaa-889, uk-public-sector or a policy file
                                  (repeatable); exit 1 when a document FAILs
  --out FILE                      write the output to FILE instead of standard output
  --jobs N                        worker threads (default: the number of cores)
  --timeout SECONDS               time limit per file (default: 120)
  --ocr-languages LIST            languages pages without a text layer are read in, a comma-
                                  separated list of ${OCR_LANGUAGES.join(', ')} (default: all;
                                  fewer read faster)

Options for diff (OLD and NEW are files, or with --library documents of a library named by
SHA-256, its first 8 or more characters, or file name; findings are matched by rule and quote,
not by page):
  --library DIR                   the library holding OLD and NEW
  --format json|csv|table|html|pdf
                                  output format (default: what --out ends in, else table on a
                                  terminal, json otherwise); html and pdf are the comparison
                                  report, with both pages' images (a PDF needs --out on a terminal)
  --rules PATH, --out FILE, --timeout SECONDS   as for analyse
  --fail-on SEVERITY              exit 1 when an added or changed finding that is not denied is
                                  at or above SEVERITY

Options for import (PATH is a folder, walked as for analyse, or a file; a file whose SHA-256 is
already in the library or met earlier in the run is skipped; Ctrl-C stops after the files being
read and keeps what was saved):
  --library DIR                   the library folder (created if needed; the app must be closed)
  --format table|json             the summary: failures with their reasons, duplicates (default: table)
  --rules PATH, --out FILE, --jobs N, --timeout SECONDS, --ocr-languages LIST   as for analyse

Options for bundle:
${DOCUMENT_OPTIONS_USAGE}  --out FILE.zip                  the bundle to write (replaced atomically if it exists)

Options for export (DOC as for bundle; nothing is written unless every DOC can be exported):
  --format FORMAT                 annotated-pdf (a copy of one PDF with a highlight annotation
                                  per finding and reviewer highlight appended as an incremental
                                  update: the original bytes are the start of the file), w3c
                                  (W3C Web Annotations, JSON-LD), csv or json (a row per finding
                                  and reviewer highlight, with triage and notes)
  --out FILE                      write to FILE (standard output when left out, except for
                                  annotated-pdf); the same document options as bundle

Options for report (DOC as for bundle; several DOCs make one report):
  --format html|pdf               default: pdf when --out ends in .pdf, html otherwise
  --out FILE                      write to FILE (standard output when left out; a PDF needs
                                  --out on a terminal); the same document options as bundle

Options for verify:
  --format table|json             the result (default: table)
  verify exits 0 when the bundle is intact, 1 when something does not match, 2 when the
  file is not a readable bundle.

Exit codes: 0 done, 1 --fail-on threshold reached or a document FAILs a --policy, 2 usage error
or unreadable input (2 wins when both apply: the run is incomplete).
`;
