/** Small support history for the assist tests, written through the real API. */
import { createAgent, createApiToken } from '../../src/auth/index.ts';
import type { ApiHarness } from '../helpers/api.ts';

export interface AssistFixture {
  /** Solved: the CSV export timeout that the query ticket duplicates. */
  exportSolved: number;
  /** Open: also about the CSV export timeout, so it must not be suggested. */
  exportOpen: number;
  /** New: the ticket the tests ask about. */
  query: number;
  solvedOthers: number[];
  /** Token of Priya Natarajan, who answered the solved tickets. */
  priyaToken: string;
}

const exportAnswer = 'Hi Anna,\n\nThanks for the details, Anna. The export hit the 60-second render limit. Filter the report to a shorter date range and export again; large exports now run in the background queue.\n\nBest regards,\nPriya Natarajan\nLumen Support';

const others = [
  {
    subject: 'Invoice shows the wrong VAT number',
    description: 'Our latest invoice lists an old VAT number for our company. Please send a corrected invoice.',
    answer: 'Hi Carla,\n\nI corrected the VAT number on your billing profile and sent a new invoice to your billing contact.\n\nKind regards,\nPriya Natarajan',
    requester: { email: 'carla@globex.test', name: 'Carla Mendes' },
  },
  {
    subject: 'Password reset link expired',
    description: 'The password reset e-mail says the link has expired every time I click it, even right away.',
    answer: 'Hi Dev,\n\nReset links expire after 30 minutes and only the newest one works. I sent you a fresh link; please use it within the half hour.\n\nBest regards,\nPriya Natarajan',
    requester: { email: 'dev@initech.test', name: 'Dev Patel' },
  },
  {
    subject: 'Dashboard loads slowly in the morning',
    description: 'Every morning the main dashboard takes more than a minute to load its charts for our team.',
    answer: 'Hi Eva,\n\nThe morning slowness came from the nightly cache rebuild. We moved it to 03:00 UTC, so dashboards should load quickly again.\n\nBest regards,\nPriya Natarajan',
    requester: { email: 'eva@umbrella.test', name: 'Eva Novak' },
  },
];

async function createTicket(api: ApiHarness, body: Record<string, unknown>): Promise<number> {
  const response = await api.request('POST', '/api/v1/tickets', { body });
  if (response.status !== 201) throw new Error(`ticket fixture rejected: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** Adds Priya's public reply and marks the ticket solved. */
export async function answerAndSolve(api: ApiHarness, token: string, ticketId: number, answer: string): Promise<void> {
  await api.request('POST', `/api/v1/tickets/${ticketId}/messages`, { token, body: { kind: 'public', body: answer } });
  const ticket = await api.request('GET', `/api/v1/tickets/${ticketId}`);
  const solved = await api.request('PATCH', `/api/v1/tickets/${ticketId}`, { token, body: { version: ticket.body.version, status: 'solved' } });
  if (solved.status !== 200) throw new Error(`solve rejected: ${JSON.stringify(solved.body)}`);
}

export async function createAssistFixture(api: ApiHarness): Promise<AssistFixture> {
  const priya = await createAgent(api.context.db, { email: 'priya@example.test', name: 'Priya Natarajan', role: 'agent', password: 'correct horse battery' });
  const priyaToken = (await createApiToken(api.context.db, { agentId: priya.id, name: 'priya token' })).token;

  const exportSolved = await createTicket(api, {
    subject: 'CSV export fails with a timeout',
    description: 'When I export the monthly revenue report as CSV the download never starts and we get a timeout error after a minute.',
    requester: { email: 'anna@acme.test', name: 'Anna Schmidt' },
  });
  await answerAndSolve(api, priyaToken, exportSolved, exportAnswer);

  const solvedOthers: number[] = [];
  for (const other of others) {
    const id = await createTicket(api, { subject: other.subject, description: other.description, requester: other.requester });
    await answerAndSolve(api, priyaToken, id, other.answer);
    solvedOthers.push(id);
  }

  const exportOpen = await createTicket(api, {
    subject: 'CSV export of revenue report times out',
    description: 'The CSV export of the revenue report fails with a timeout error again.',
    requester: { email: 'frank@acme.test', name: 'Frank Weber' },
  });
  const query = await createTicket(api, {
    subject: 'Revenue report CSV export timeout',
    description: 'Exporting the monthly revenue report to CSV ends with a timeout error and no download.',
    requester: { email: 'ben@hooli.test', name: 'Ben Okafor' },
  });

  return { exportSolved, exportOpen, query, solvedOthers, priyaToken };
}
