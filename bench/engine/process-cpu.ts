/** CPU time (user + system) a process has used so far, from /proc (Linux); NaN elsewhere or when it is gone. */
import fs from 'node:fs';

/** USER_HZ: the unit of /proc/<pid>/stat times; 100 on every Linux x86_64 and arm64 build. */
const TICKS_PER_SECOND = 100;

export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime] = [Number(fields[11]), Number(fields[12])];
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
