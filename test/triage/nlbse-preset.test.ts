import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClassificationTasks } from '../../src/triage/eval/presets.ts';

const fixture = join(import.meta.dirname, '../fixtures/triage/nlbse-issues');

describe('nlbse-issues preset', () => {
  it('pools training issues of every repository', async () => {
    const tasks = await loadClassificationTasks('nlbse-issues', fixture, undefined);

    expect(tasks.map((task) => task.name)).toEqual(['nlbse-issues/acme/app', 'nlbse-issues/beta/lib']);
    for (const task of tasks) {
      expect(task.train).toHaveLength(6);
    }
  });

  it('scores each repository on its own test issues', async () => {
    const [acme, beta] = await loadClassificationTasks('nlbse-issues', fixture, undefined);

    expect(acme.test.map((example) => example.label)).toEqual(['bug']);
    expect(beta.test.map((example) => example.label)).toEqual(['question', 'feature']);
  });

  it('keeps the title twice and the whole body', async () => {
    const [acme] = await loadClassificationTasks('nlbse-issues', fixture, undefined);

    expect(acme.train[0].text).toBe('Crash on start\nCrash on start\n### Describe the bug\nThe app crashes with a segfault.');
  });
});
