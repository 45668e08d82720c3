import fs from 'node:fs';
import { once } from 'node:events';
import type { RejectEntry } from './types.ts';

/** Writes one JSON line per rejected row; the file is created on the first reject and replaced on each run. */
export class RejectsFile {
  private stream: fs.WriteStream | null = null;
  count = 0;

  constructor(readonly path: string) {
    fs.rmSync(path, { force: true });
  }

  async write(entry: RejectEntry) {
    this.stream ??= fs.createWriteStream(this.path, { flags: 'w' });
    this.count += 1;

    const { row, line, file, reason, field, value, fix } = entry;
    if (!this.stream.write(`${JSON.stringify({ row, line, file, reason, field, value, fix })}\n`)) {
      await once(this.stream, 'drain');
    }
  }

  async close() {
    if (!this.stream) return;
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
