import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite runs PostgreSQL inside one process, and two processes that open the
 * same data directory overwrite each other's files. A lock file holding the
 * owner's pid keeps a second process out; a lock left by a process that has
 * exited is taken over.
 */
const lockFileName = 'casebook.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): { pid: number; command: string } | null {
  try {
    const owner = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

export class DataDirectoryInUseError extends Error {
  constructor(dataDir: string, pid: number, command: string) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (${command}). ` +
      'Stop that process first, or run this command against the server through the API; ' +
      'several processes can share one database only on PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataDirectoryInUseError';
  }
}

/** Takes the data directory's lock for this process and returns the function that releases it. */
export function lockDataDirectory(dataDir: string): () => void {
  const lockPath = path.join(dataDir, lockFileName);
  const content = JSON.stringify({ pid: process.pid, command: process.argv.slice(1).map((arg) => path.basename(arg)).join(' ') });

  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, content, { flag: 'wx' });
      return () => releaseLock(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const owner = readOwner(lockPath);
    if (owner && owner.pid !== process.pid && isRunning(owner.pid)) {
      throw new DataDirectoryInUseError(dataDir, owner.pid, owner.command);
    }
    fs.rmSync(lockPath, { force: true });
  }
  throw new Error(`Could not take the lock ${lockPath}; remove it if no Casebook process uses ${dataDir}`);
}

function releaseLock(lockPath: string) {
  if (readOwner(lockPath)?.pid === process.pid) {
    fs.rmSync(lockPath, { force: true });
  }
}
