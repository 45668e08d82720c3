/**
 * Optional rewrite of a suggested reply by an OpenAI-compatible
 * chat-completions endpoint (for example a local model server). It is
 * configured by CASEBOOK_DRAFT_API_URL, CASEBOOK_DRAFT_API_KEY and
 * CASEBOOK_DRAFT_MODEL. Any failure returns null, so the caller keeps the
 * retrieval draft. Logs carry the failure kind and status only, never the
 * ticket text, the draft or the key.
 */
import { z } from 'zod';

/** The logging calls drafts make; a pino logger or a Fastify request logger fits. */
export interface DraftLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface DraftEndpoint {
  /** Base URL of the API, such as http://127.0.0.1:8080/v1. Requests go to <url>/chat/completions. */
  url: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
}

export interface RewriteInput {
  subject: string;
  customerMessage: string;
  /** The retrieval draft the endpoint rewrites. */
  draft: string;
  customerFirstName: string | null;
  agentName: string | null;
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

const systemPrompt = [
  'You are a customer support agent writing a reply to a customer.',
  'Rewrite the draft reply so that it answers the customer message directly, in a friendly and concise tone.',
  'Keep every fact and step of the draft; do not invent product behaviour, prices, dates or promises.',
  'Greet the customer by first name when one is given and sign with the agent name when one is given.',
  'Return only the body of the reply, without a subject line or any commentary.',
].join(' ');

/** Caps the customer text sent to the endpoint, to bound request size and cost. */
const maxCustomerChars = 4_000;

export function buildRewriteMessages(input: RewriteInput): { role: 'system' | 'user'; content: string }[] {
  const lines = [
    `Subject: ${input.subject}`,
    `Customer first name: ${input.customerFirstName ?? '(unknown)'}`,
    `Agent name: ${input.agentName ?? '(unknown)'}`,
    '',
    'Customer message:',
    input.customerMessage.slice(0, maxCustomerChars),
    '',
    `Draft reply:\n${input.draft}`,
  ];

  return [{ role: 'system', content: systemPrompt }, { role: 'user', content: lines.join('\n') }];
}

/** Returns the endpoint's rewrite of the draft, or null on any error, timeout or empty answer. */
export async function rewriteDraft(endpoint: DraftEndpoint, input: RewriteInput, logger: DraftLogger): Promise<string | null> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (endpoint.apiKey) {
    headers.authorization = `Bearer ${endpoint.apiKey}`;
  }

  try {
    const response = await fetch(`${endpoint.url.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: endpoint.model, messages: buildRewriteMessages(input), temperature: 0.2 }),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
    if (!response.ok) {
      logger.warn({ status: response.status }, 'draft endpoint returned an error status, so the retrieval draft is used');
      return null;
    }

    const parsed = completionSchema.safeParse(await response.json());
    const content = parsed.success ? parsed.data.choices[0].message.content.trim() : '';
    if (!content) {
      logger.warn({ reason: parsed.success ? 'empty' : 'malformed' }, 'draft endpoint returned no usable reply, so the retrieval draft is used');
      return null;
    }

    return content;
  } catch (error) {
    const name = error instanceof Error ? error.name : 'unknown';
    logger.warn({ reason: name === 'TimeoutError' ? 'timeout' : 'request_failed', errorName: name }, 'draft endpoint request failed, so the retrieval draft is used');
    return null;
  }
}
