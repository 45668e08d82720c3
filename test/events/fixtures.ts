import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'events');

/** Reads a Segment-format fixture from test/fixtures/events. */
export function readFixture(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(fixturesDir, name), 'utf8'));
}

export function readFixtureText(name: string): string {
  return fs.readFileSync(path.join(fixturesDir, name), 'utf8');
}

export function basicAuth(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}
