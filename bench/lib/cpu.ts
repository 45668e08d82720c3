/**
 * CPU time spent by processes, read from /proc (Linux). A benchmark divides
 * it by the work done to get CPU milliseconds per operation, a figure that
 * other load on the machine changes far less than latency.
 */
import fs from 'node:fs';
import os from 'node:os';

const ticksPerSecond = 100;

function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** CPU milliseconds of every running process whose command name is `name`. */
export function cpuMsOfCommand(name: string): number {
  if (os.platform() !== 'linux') return 0;
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && commandOf(pid) === name) total += processCpuMs(pid);
  }
  return total;
}

export function cpuMsOfProcess(pid: number): number {
  return os.platform() === 'linux' ? processCpuMs(pid) : 0;
}
