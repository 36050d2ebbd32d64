// Every process the e2e runner starts carries a marker in its environment, and the ones it
// spawns itself lead their own process groups. At the end the runner ends each group by its
// id, then any process that still carries the marker (code-server's extension hosts and the
// language servers they fork inherit it, even if they left the group).
import { readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

export const RUN_MARKER_NAME = 'INCIDENT_MARKUP_E2E_RUN';
export const runMarker = randomUUID();

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie has exited; it only waits for its parent to read its status.
    return !/^\d+ \(.*\) Z /s.test(stat);
  } catch {
    return false;
  }
}

/** Pids of the processes in a process group. */
function groupMembers(pgid) {
  const members = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name: state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && isAlive(Number(name))) members.push(Number(name));
    } catch {
      // The process ended while it was read.
    }
  }
  return members;
}

/** Pids of the live processes whose environment carries this run's marker (ours excluded). */
export function markedProcesses() {
  const needle = `${RUN_MARKER_NAME}=${runMarker}`;
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${name}/environ`, 'utf8');
      if (environ.split('\0').includes(needle) && isAlive(Number(name))) pids.push(Number(name));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return pids;
}

function signal(target, sig) {
  try {
    process.kill(target, sig);
  } catch {
    // Already gone.
  }
}

async function waitUntil(check, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

/**
 * Ends the process groups led by `groupLeaders` and every process carrying the marker:
 * SIGTERM first, SIGKILL to whatever is left after `graceMs`. Returns the pids that had to be
 * killed after the groups were ended (for the log).
 */
export async function killEverything(groupLeaders, { graceMs = 3000 } = {}) {
  const groups = groupLeaders.filter((pid) => typeof pid === 'number' && pid > 0);
  for (const pgid of groups) signal(-pgid, 'SIGTERM');
  for (const pid of markedProcesses()) signal(pid, 'SIGTERM');
  const gone = () => groups.every((pgid) => groupMembers(pgid).length === 0) && markedProcesses().length === 0;
  if (await waitUntil(gone, graceMs)) return [];
  const stragglers = [...groups.flatMap(groupMembers), ...markedProcesses()];
  for (const pgid of groups) signal(-pgid, 'SIGKILL');
  for (const pid of stragglers) signal(pid, 'SIGKILL');
  await waitUntil(gone, graceMs);
  return stragglers;
}
