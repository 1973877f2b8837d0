// Peak resident memory of a child process (all its threads), read from Linux's /proc VmHWM.
import { readFileSync } from 'node:fs';

export interface PeakMemory {
  /** Stops watching; returns the highest value seen, in MB (0 where /proc is not available). */
  stop(): number;
}

export function watchPeakMemory(pid: number | undefined): PeakMemory {
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // The process ended between two polls, or this is not Linux.
    }
  }, 20);
  return {
    stop: () => {
      clearInterval(poll);
      return peakKb / 1024;
    },
  };
}
