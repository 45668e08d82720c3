import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { createApiHarness, type ApiHarness } from '../helpers/api.ts';
import { testContext } from '../helpers/db.ts';

interface Operation {
  method: string;
  path: string;
  summary?: string;
  description?: string;
  tags?: string[];
}

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Tag of each resource whose path segment differs from it. Event sources
 * issue the write keys of the Segment-compatible /v1 routes, so both sit
 * under one tag.
 */
const tagOfSegment: Record<string, string> = { 'event-sources': 'events' };

let api: ApiHarness;
let operations: Operation[];
let documentTags: { name: string; description?: string }[];

/** Probe app: the console pages registered, plus one route without a summary. */
let probeApp: FastifyInstance;
let probeOperations: Operation[];
const probePath = '/api/v1/openapi-probe';

async function readOperations(app: FastifyInstance): Promise<Operation[]> {
  const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(response.statusCode).toBe(200);

  documentTags = response.json().tags ?? [];
  const paths = response.json().paths as Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  return Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods)
    .filter(([method]) => httpMethods.has(method))
    .map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })));
}

const apiOperations = (list: Operation[]) => list.filter((operation) => operation.path.startsWith('/api/v1/'));
const label = (operation: Operation) => `${operation.method} ${operation.path}`;
const withoutSummary = (list: Operation[]) => apiOperations(list).filter((operation) => !operation.summary?.trim()).map(label);

/** Returns the tag an /api/v1 path belongs to: its first segment, mapped through tagOfSegment. */
function expectedTag(path: string): string {
  const segment = path.slice('/api/v1/'.length).split('/')[0];
  return tagOfSegment[segment] ?? segment;
}

beforeAll(async () => {
  const context = await testContext();
  api = await createApiHarness(context);
  operations = await readOperations(api.app);
  const mainTags = documentTags;

  probeApp = await buildApp(context, { serveConsole: true });
  probeApp.get(probePath, { schema: { tags: ['openapi-probe'] } }, async () => ({}));
  probeOperations = await readOperations(probeApp);
  documentTags = mainTags;
});

afterAll(async () => {
  await probeApp.close();
  await api.app.close();
  await api.context.db.close();
});

describe('OpenAPI document', () => {
  it('lists the ticket routes', () => {
    const labels = operations.map(label);

    expect(apiOperations(operations).length).toBeGreaterThan(50);
    expect(labels).toContain('GET /api/v1/tickets');
    expect(labels).toContain('PATCH /api/v1/tickets/{id}');
  });

  it('gives every operation a summary', () => {
    expect(withoutSummary(operations)).toEqual([]);
  });

  it('keeps summaries short', () => {
    const badlyWorded = apiOperations(operations)
      .filter((operation) => operation.summary && !/^[A-Z][^.]{2,59}$/.test(operation.summary))
      .map((operation) => `${label(operation)}: ${operation.summary}`);

    expect(badlyWorded).toEqual([]);
  });

  it('gives each summary to one operation', () => {
    const bySummary = new Map<string, string[]>();
    for (const operation of operations) {
      if (operation.summary) {
        bySummary.set(operation.summary, [...(bySummary.get(operation.summary) ?? []), label(operation)]);
      }
    }
    const shared = [...bySummary.entries()].filter(([, labels]) => labels.length > 1);

    expect(shared).toEqual([]);
  });

  it('gives every operation a tag', () => {
    const untagged = apiOperations(operations).filter((operation) => !operation.tags?.length).map(label);

    expect(untagged).toEqual([]);
  });

  it('tags each operation with its resource', () => {
    const mistagged = apiOperations(operations)
      .filter((operation) => operation.tags?.[0] !== expectedTag(operation.path))
      .map((operation) => `${label(operation)}: tagged ${operation.tags?.join(', ')}, expected ${expectedTag(operation.path)}`);

    expect(mistagged).toEqual([]);
  });

  it('describes every tag it uses', () => {
    const described = new Set(documentTags.filter((tag) => tag.description?.trim()).map((tag) => tag.name));
    const used = new Set(apiOperations(operations).flatMap((operation) => operation.tags ?? []));

    expect([...used].filter((tag) => !described.has(tag))).toEqual([]);
    expect(documentTags.map((tag) => tag.name).filter((tag) => !used.has(tag))).toEqual([]);
  });
});

describe('OpenAPI document of a probe app', () => {
  it('reports a route without a summary', () => {
    expect(withoutSummary(probeOperations)).toEqual([`GET ${probePath}`]);
  });

  it('leaves out the console pages', () => {
    const paths = new Set(probeOperations.map((operation) => operation.path));

    expect(paths.has('/')).toBe(false);
    expect(paths.has('/{*}')).toBe(false);
  });
});
