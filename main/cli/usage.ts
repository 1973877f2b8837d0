// The CLI's help text, kept next to the option parser so both change together.
import { SEVERITIES } from '../../shared/model/taxonomy';

export const USAGE = `Usage:
  claimlens analyse [PATH...] [options]   find risky capability claims in PDF and text files
  claimlens check-rules [PATH...]         validate rule packs and run their test sentences
  claimlens --version | --help

PATH is a file or a folder (walked recursively for .pdf, .txt and .text files). With no PATH,
ClaimLens analyses its bundled sample brochure.

Options for analyse:
  --format json|jsonl|csv|table   output format (default: table on a terminal, json otherwise)
  --rules PATH                    add a rule pack file or folder (repeatable)
  --fail-on SEVERITY              exit 1 when a finding that is not denied is at or above
                                  SEVERITY: ${SEVERITIES.join(', ')}
  --out FILE                      write the output to FILE instead of standard output
  --jobs N                        worker threads (default: the number of cores)
  --timeout SECONDS               time limit per file (default: 120)

Exit codes: 0 done, 1 --fail-on threshold reached, 2 usage error or unreadable input.
`;
