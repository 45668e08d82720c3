/**
 * Drives the agent console in headless Chromium against the real server on
 * loopback over an in-memory database: login, queue filters and search, the
 * ticket page (conversation, reply, internal note, field changes, context).
 * Each write made through the browser is checked in the database.
 *
 * Needs CASEBOOK_CHROMIUM (the Chromium binary, e.g. /usr/bin/chromium);
 * without it the file is skipped. The console is built into web/dist first,
 * so the test always exercises the current sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { build } from 'vite';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/core/context.ts';
import { testContext } from '../helpers/db.ts';
import { acme, admin, seedFixture, seedMidnightTickets, tickets } from './fixture.ts';
import { recomputeAllImpact } from '../../src/impact/index.ts';

const chromiumPath = process.env.CASEBOOK_CHROMIUM;
const screenshotDir = path.resolve('.tmp');
const stepTimeoutMs = 10_000;

if (!chromiumPath) {
  console.warn('console e2e test skipped: set CASEBOOK_CHROMIUM to a Chromium binary, e.g. CASEBOOK_CHROMIUM=/usr/bin/chromium');
}

/** Returns the id of the fixture ticket with this subject, because tickets are inserted in order into an empty table. */
const ticketId = (subject: string) => tickets.findIndex((ticket) => ticket.subject === subject) + 1;

describe.skipIf(!chromiumPath)('agent console in Chromium', () => {
  let context: AppContext;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    await build({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn' });

    context = await testContext();
    await seedFixture(context.db);
    await recomputeAllImpact(context.db);
    app = await buildApp(context, { serveConsole: true });
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    browser = await chromium.launch({
      executablePath: chromiumPath,
      timeout: 30_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    page.setDefaultTimeout(stepTimeoutMs);
    fs.mkdirSync(screenshotDir, { recursive: true });
  });

  // Each step continues from the page the previous one left, so after a
  // failure the remaining steps are skipped instead of timing out one by one.
  let failed = false;
  beforeEach((test) => {
    if (failed) {
      test.skip();
    }
  });
  afterEach((test) => {
    if (test.task.result?.state === 'fail') {
      failed = true;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await context?.db.close();
  });

  async function shownTicketIds(): Promise<number[]> {
    return page.locator('[data-ticket-id]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-ticket-id'))));
  }

  async function expectShownTickets(expected: number[]) {
    await expect.poll(shownTicketIds, { timeout: stepTimeoutMs }).toEqual(expected);
  }

  async function pickOption(inputTestId: string, option: string) {
    await page.getByTestId(inputTestId).click();
    await page.getByRole('option', { name: option, exact: true }).click();
    await page.keyboard.press('Escape');
  }

  it('login shows API error, then succeeds', async () => {
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 404 && !response.url().includes('/api/')) missing.push(response.url());
    });
    await page.goto(`${baseUrl}/`);
    await page.waitForURL('**/login');
    const icon = await page.request.get(`${baseUrl}${await page.locator('link[rel=icon]').getAttribute('href')}`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    expect(missing).toEqual([]);

    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel(/^Password/).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: stepTimeoutMs }).toMatch(/email|password/i);
    const loginError = await alert.textContent();
    expect(loginError?.match(/Invalid email or password/g)).toHaveLength(1);
    expect(loginError).not.toContain('email, password:');

    await page.getByLabel(/^Password/).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${admin.name}`).waitFor();
    await expectShownTickets([7, 6, 5, 4, 3, 2, 1, 8]);
    expect(await page.getByTestId('ticket-total').textContent()).toBe('8 tickets');
  });

  it('queue filters by status and priority', async () => {
    await pickOption('filter-status', 'Open');
    await expectShownTickets([7, 6, 2, 1]);

    await pickOption('filter-priority', 'P1 - Urgent');
    await expectShownTickets([7, 1]);
    expect(await page.getByTestId('ticket-total').textContent()).toBe('2 tickets');

    const url = new URL(page.url());
    expect(url.searchParams.get('status')).toBe('open');
    expect(url.searchParams.get('priority')).toBe('p1');

    await page.reload();
    await expectShownTickets([7, 1]);
    await page.screenshot({ path: path.join(screenshotDir, 'console-queue.png'), fullPage: true });
  });

  it('queue table fits 1280 and 1440 px', async () => {
    await page.goto(`${baseUrl}/`);
    await expectShownTickets([7, 6, 5, 4, 3, 2, 1, 8]);
    const table = page.getByTestId('ticket-table');
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await table.evaluate((element) => element.parentElement!.scrollWidth - element.parentElement!.clientWidth);
      expect(overflow, `horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
      const updated = await page.getByRole('button', { name: 'Sort by Updated' }).boundingBox();
      expect(updated!.x + updated!.width, `Updated header inside the viewport at ${width} px`).toBeLessThanOrEqual(width);
    }
    await page.screenshot({ path: path.join(screenshotDir, 'console-queue-1440.png') });

    // The next step starts from the filtered queue.
    await page.goto(`${baseUrl}/?status=open&priority=p1`);
    await expectShownTickets([7, 1]);
  });

  it('column header sorts by priority', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectShownTickets([7, 6, 5, 4, 3, 2, 1, 8]);

    await page.getByRole('button', { name: 'Sort by Priority' }).click();
    await expect.poll(shownPriorities, { timeout: stepTimeoutMs }).toEqual(['p1', 'p1', 'p1', 'p1', 'p2', 'p3', 'p3', 'p4']);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('priority');

    await page.getByRole('button', { name: 'Sort by Priority' }).click();
    await expect.poll(shownPriorities, { timeout: stepTimeoutMs }).toEqual(['p4', 'p3', 'p3', 'p2', 'p1', 'p1', 'p1', 'p1']);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-priority');
  });

  async function shownPriorities(): Promise<string[]> {
    return (await shownTicketIds()).map((id) => tickets[id - 1].priority);
  }

  it('column header sorts by impact', async () => {
    const expected = await context.db.query<{ id: number }>('select id from tickets order by coalesce(impact_score, -1) desc, id desc');

    await page.getByRole('button', { name: 'Sort by Impact' }).click();
    await expectShownTickets(expected.map((row) => row.id));
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-impact');
  });

  it('sort clause in q marks its column', async () => {
    const expected = await context.db.query<{ id: number }>('select id from tickets order by coalesce(impact_score, -1) desc, id desc');

    await page.goto(`${baseUrl}/?q=${encodeURIComponent('sort:-impact')}`);
    await expectShownTickets(expected.map((row) => row.id));
    const header = (name: string) => page.locator('th').filter({ has: page.getByRole('button', { name: `Sort by ${name}` }) });
    expect(await header('Impact').getAttribute('aria-sort')).toBe('descending');
    expect(await header('Impact').textContent()).toBe('Impact ↓');
    expect(await header('Created').getAttribute('aria-sort')).toBe('none');
    expect(await header('Created').textContent()).toBe('Created');

    await page.getByRole('button', { name: 'Sort by Priority' }).click();
    await expect.poll(shownPriorities, { timeout: stepTimeoutMs }).toEqual(['p1', 'p1', 'p1', 'p1', 'p2', 'p3', 'p3', 'p4']);
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    expect(await header('Priority').getAttribute('aria-sort')).toBe('ascending');
  });

  it('saved view shows its count', async () => {
    await page.goto(`${baseUrl}/?status=open&priority=p1`);
    await expectShownTickets([7, 1]);

    await page.getByTestId('save-view').click();
    await page.getByTestId('view-name').fill('Urgent open');
    await page.getByTestId('view-submit').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), { timeout: stepTimeoutMs }).toBe('status:open priority:p1');
    await expectShownTickets([7, 1]);

    const [view] = await context.db.query<{ id: number; query: string }>(`select id, query from saved_views where name = 'Urgent open'`);
    expect(view.query).toBe('status:open priority:p1');
    const count = page.getByTestId(`view-${view.id}`).getByTestId('view-count');
    await expect.poll(() => count.textContent(), { timeout: stepTimeoutMs }).toBe('2');

    await page.getByTestId('filter-q').fill('status:open prio');
    await page.getByRole('option', { name: /^priority/ }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'console-views.png'), fullPage: true });
    await page.keyboard.press('Escape');
  });

  it('pager walks pages both ways', async () => {
    await page.goto(`${baseUrl}/?limit=3`);
    const next = page.getByRole('button', { name: 'Next' });
    const previous = page.getByRole('button', { name: 'Previous' });
    await expectShownTickets([7, 6, 5]);
    expect(await previous.isDisabled()).toBe(true);

    await next.click();
    await expectShownTickets([4, 3, 2]);
    expect(new URL(page.url()).searchParams.get('cursor')).not.toBeNull();
    await next.click();
    await expectShownTickets([1, 8]);
    expect(await next.isDisabled()).toBe(true);
    expect(await page.getByTestId('ticket-total').textContent()).toBe('8 tickets');

    await previous.click();
    await expectShownTickets([4, 3, 2]);
    await previous.click();
    await expectShownTickets([7, 6, 5]);
    expect(await previous.isDisabled()).toBe(true);
  });

  it('search matches subjects and messages', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('filter-q').fill('VAT');
    await page.getByTestId('filter-q').press('Enter');
    await expectShownTickets([ticketId('Invoice shows wrong VAT rate')]);

    await page.getByTestId('filter-q').fill('kubernetes');
    await page.getByTestId('filter-q').press('Enter');
    await expectShownTickets([ticketId('Export to CSV times out')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('kubernetes');

    await page.getByTestId('filter-q').fill('kubernetes invoice');
    await page.getByTestId('filter-q').press('Enter');
    await page.getByTestId('search-hint').waitFor();
    expect(await page.getByTestId('search-hint').textContent()).toContain('common words such as "the"');
    await page.getByTestId('filter-q').fill('status:solved priority:p1');
    await page.getByTestId('filter-q').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), { timeout: stepTimeoutMs }).toBe('status:solved priority:p1');
    await page.getByText('No tickets match these filters.').waitFor();
    await expect.poll(() => page.getByTestId('search-hint').count(), { timeout: stepTimeoutMs }).toBe(0);

    await page.getByTestId('filter-q').fill('stauts:open');
    await page.getByTestId('filter-q').press('Enter');
    const queryError = page.getByRole('alert').filter({ hasText: 'stauts' });
    await queryError.waitFor();
    const queryErrorText = await queryError.textContent();
    expect(queryErrorText?.match(/Unknown field "stauts"/g)).toHaveLength(1);
    expect(queryErrorText).toContain('did you mean "status"');
  });

  it('account filter searches accounts', async () => {
    await page.goto(`${baseUrl}/?status=open`);
    await page.getByTestId('filter-account').fill('Glob');
    await page.getByRole('option', { name: 'Globex', exact: true }).click();
    await expectShownTickets([6]);
  });

  it('ticket shows conversation and context', async () => {
    const id = ticketId('Login page returns 500 after upgrade');
    await page.goto(`${baseUrl}/?status=open&priority=p1`);
    await page.getByRole('link', { name: 'Login page returns 500 after upgrade' }).click();
    await page.waitForURL(`**/tickets/${id}`);

    await expect.poll(() => page.getByTestId('message').count(), { timeout: stepTimeoutMs }).toBe(2);
    const first = page.getByTestId('message').nth(0);
    expect(await first.getAttribute('data-kind')).toBe('public');
    expect(await first.textContent()).toContain('every login attempt fails');
    expect(await first.textContent()).toContain('Wile Coyote');
    const note = page.getByTestId('message').nth(1);
    expect(await note.getAttribute('data-kind')).toBe('internal');
    expect(await note.textContent()).toContain('Internal note');
    expect(await note.textContent()).toContain(admin.name);

    await page.getByTestId('context-panel').waitFor();
    expect(await page.getByTestId('context-account').textContent()).toBe(acme.name);
    expect(await page.getByTestId('context-tier').textContent()).toBe('Enterprise');
    expect(await page.getByTestId('context-arr').textContent()).toBe('$120,000');
    expect(await page.getByTestId('context-renewal').textContent()).toContain(`in ${acme.renewalInDays} days`);
    expect(await page.getByTestId('context-health').textContent()).toContain(String(acme.health));
    const others = await page.getByTestId('context-other-tickets').textContent();
    for (const subject of ['SSO redirect loop for new users', 'Webhook retries flood our endpoint', 'Invoice shows wrong VAT rate']) {
      expect(others).toContain(subject);
    }
    expect(others).not.toContain('Dark mode request');

    const [stored] = await context.db.query<{ impact_score: number }>('select impact_score from tickets where id = $1', [id]);
    await page.getByTestId('impact-panel').waitFor();
    expect(await page.getByTestId('impact-score').textContent()).toBe(String(Math.round(stored.impact_score)));
    expect(await page.getByTestId('impact-priority').textContent()).toContain('35.0 / 35');
    expect(await page.getByTestId('impact-priority').textContent()).toContain('P1 - Urgent');
    expect(await page.getByTestId('impact-tier').textContent()).toContain('15.0 / 15');
    expect(await page.getByTestId('impact-tier').textContent()).toContain('Enterprise');
    await expect.poll(() => page.getByTestId('impact-arr').textContent(), { timeout: stepTimeoutMs }).toContain('$120,000');
    expect(await page.getByTestId('impact-health').textContent()).toContain(`${acme.health} / 100`);
    expect(await page.getByTestId('impact-sla').textContent()).toContain('not configured');
  });

  it('ticket lists similar resolved tickets', async () => {
    const id = ticketId('Login page returns 500 after upgrade');
    const twin = ticketId('Login returns 500 after upgrading to 4.1');

    const response = await page.request.get(`${baseUrl}/api/v1/tickets/${id}/similar?limit=5`);
    expect(response.status()).toBe(200);
    const hits = (await response.json()) as Array<{ ticket: { id: number; solvedAt: string | null } }>;
    expect(hits[0]?.ticket.id).toBe(twin);
    expect(hits[0]?.ticket.solvedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const panel = page.getByTestId('similar-tickets');
    await panel.getByRole('link', { name: /Login returns 500 after upgrading/ }).waitFor();
    const text = await panel.textContent();
    expect(text).toContain(`#${twin} Login returns 500 after upgrading to 4.1`);
    expect(text).toMatch(/solved [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(text).toContain('Running the session store migration again');
    expect(await page.getByTestId('error-boundary').count()).toBe(0);
  });

  it('reply and internal note persist', async () => {
    const id = ticketId('Login page returns 500 after upgrade');
    const reply = 'We found the cause and are rolling out a fix today.';
    const noteBody = 'Rollout tracked in the ops channel.';

    await page.getByTestId('reply-body').fill(reply);
    await page.getByTestId('reply-send').click();
    await expect.poll(() => page.getByTestId('message').count(), { timeout: stepTimeoutMs }).toBe(3);
    expect(await page.getByTestId('message').nth(2).getAttribute('data-kind')).toBe('public');
    expect(await page.getByTestId('message').nth(2).textContent()).toContain(reply);

    await page.getByTestId('reply-kind').getByText('Internal note').click();
    await page.getByTestId('reply-body').fill(noteBody);
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => page.getByTestId('message').count(), { timeout: stepTimeoutMs }).toBe(4);
    expect(await page.getByTestId('message').nth(3).getAttribute('data-kind')).toBe('internal');

    const rows = await context.db.query<{ kind: string; author_kind: string; body: string }>(
      'select kind, author_kind, body from messages where ticket_id = $1 order by id', [id],
    );
    expect(rows.slice(2)).toEqual([
      { kind: 'public', author_kind: 'agent', body: reply },
      { kind: 'internal', author_kind: 'agent', body: noteBody },
    ]);
  });

  it('status and priority changes are audited', async () => {
    const id = ticketId('Login page returns 500 after upgrade');

    await pickOption('field-status', 'Pending');
    await expect.poll(() => page.getByTestId('ticket-status').textContent(), { timeout: stepTimeoutMs }).toBe('Pending');
    await pickOption('field-priority', 'P2 - High');
    await expect.poll(() => page.getByTestId('ticket-priority').textContent(), { timeout: stepTimeoutMs }).toBe('P2 - High');

    const [ticket] = await context.db.query<{ status: string; priority: string }>('select status, priority from tickets where id = $1', [id]);
    expect(ticket).toEqual({ status: 'pending', priority: 'p2' });

    const audit = await context.db.query<{ changes: Record<string, [unknown, unknown]> }>(
      `select changes from audit_entries where entity = 'ticket' and entity_id = $1 order by id`, [id],
    );
    expect(audit.some((entry) => JSON.stringify(entry.changes.status) === JSON.stringify(['open', 'pending']))).toBe(true);
    expect(audit.some((entry) => JSON.stringify(entry.changes.priority) === JSON.stringify(['p1', 'p2']))).toBe(true);

    await page.getByTestId('audit-toggle').click();
    await page.getByTestId('audit-list').waitFor();
    await pickOption('field-assignee', 'Bo Agent');
    await expect.poll(async () => (await page.getByTestId('audit-list').textContent()) ?? '', { timeout: stepTimeoutMs }).toContain(`Assignee: ${admin.name} → Bo Agent`);
    const history = await page.getByTestId('audit-list').textContent();
    expect(history).toContain('Status: Open → Pending');
    expect(history).toContain('Priority: P1 - Urgent → P2 - High');
    expect(history).toContain(`Updated by ${admin.name}`);
    expect(history).toContain(`Public reply added by ${admin.name}`);
    expect(history).toContain(`Internal note added by ${admin.name}`);
    expect(history).not.toMatch(/[{}]|_id|→ \d/);
    await page.screenshot({ path: path.join(screenshotDir, 'console-ticket.png'), fullPage: true });
  });

  it('version conflict reloads the ticket', async () => {
    const id = ticketId('Login page returns 500 after upgrade');
    await context.db.query(`update tickets set category = 'incident', version = version + 1 where id = $1`, [id]);

    await pickOption('field-priority', 'P1 - Urgent');
    await page.getByTestId('conflict').waitFor();
    expect(await page.getByTestId('conflict').textContent()).toContain('This ticket changed, reload');
    await expect.poll(() => page.getByTestId('field-category').inputValue(), { timeout: stepTimeoutMs }).toBe('Incident');

    const [ticket] = await context.db.query<{ priority: string }>('select priority from tickets where id = $1', [id]);
    expect(ticket.priority).toBe('p2');
  });

  it('ticket page survives a reload', async () => {
    const id = ticketId('Login page returns 500 after upgrade');

    await page.reload();
    await page.getByTestId('ticket-subject').waitFor();
    expect(await page.getByTestId('ticket-subject').textContent()).toBe(`#${id} Login page returns 500 after upgrade`);
    expect(await page.getByTestId('ticket-priority').textContent()).toBe('P2 - High');
  });

  /** Formats the local calendar day of `date` in `timeZone` as 'YYYY-MM-DD'. */
  function localDay(date: Date, timeZone: string): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  }

  it('created:today uses the browser zone', async () => {
    const timeZone = 'Asia/Tokyo';
    await seedMidnightTickets(context.db);
    const now = new Date();
    const rows = await context.db.query<{ id: number; created_at: string | Date }>('select id, created_at from tickets order by id');
    const createdToday = (zone: string) => rows
      .filter((row) => localDay(new Date(row.created_at), zone) === localDay(now, zone))
      .map((row) => row.id);
    // The two midnight tickets make the two zones' results differ at any time of day.
    expect(createdToday(timeZone)).not.toEqual(createdToday('UTC'));

    const zoned = await browser.newContext({ timezoneId: timeZone, storageState: await page.context().storageState(), viewport: { width: 1440, height: 900 } });
    try {
      const tokyo = await zoned.newPage();
      tokyo.setDefaultTimeout(stepTimeoutMs);
      const request = tokyo.waitForRequest((sent) => sent.url().includes('/api/v1/tickets?'));
      await tokyo.goto(`${baseUrl}/?q=${encodeURIComponent('created:today')}`);
      expect(new URL((await request).url()).searchParams.get('tz')).toBe(timeZone);

      await tokyo.getByTestId('ticket-total').waitFor();
      const shown = async () => (await tokyo.locator('[data-ticket-id]').evaluateAll((found) => found.map((row) => Number(row.getAttribute('data-ticket-id')))))
        .sort((a, b) => a - b);
      await expect.poll(shown, { timeout: stepTimeoutMs }).toEqual(createdToday(timeZone));
    } finally {
      await zoned.close();
    }
  });

  it('logout ends the session', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');

    const [sessions] = await context.db.query<{ count: number }>('select count(*)::int as count from sessions');
    expect(sessions.count).toBe(0);
    await page.goto(`${baseUrl}/tickets/1`);
    await page.waitForURL('**/login');
  });
});
