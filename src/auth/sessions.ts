import crypto from 'node:crypto';
import type { Queryable } from '../store/index.ts';
import type { Role } from '../http/actor.ts';
import type { AgentRecord } from './agents.ts';
import { hashToken, newCsrfToken, newSessionToken } from './credentials.ts';
import { hashPassword, verifyPassword } from './password.ts';

export interface SessionLookup {
  tokenHash: string;
  agentId: number;
  role: Role;
  csrfToken: string;
}

let dummyHash: Promise<string> | undefined;

/**
 * Returns the agent when the email and password match an active agent, else
 * null. An unknown email still costs one scrypt run, so response time does not
 * reveal which emails exist.
 */
export async function authenticateAgent(db: Queryable, email: string, password: string): Promise<AgentRecord | null> {
  const [row] = await db.query<AgentRecord & { password_hash: string | null }>(
    'select id, email, name, role, active, password_hash from agents where lower(email) = lower($1)',
    [email],
  );

  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  const matches = await verifyPassword(password, row?.password_hash ?? await dummyHash);
  if (!row || !row.password_hash || !matches || !row.active) {
    return null;
  }

  const { password_hash: _passwordHash, ...agent } = row;
  return agent;
}

/** Starts a session and returns the cookie token and CSRF token; only the cookie token's sha256 is stored. */
export async function createSession(db: Queryable, agentId: number, lifetimeHours: number) {
  const token = newSessionToken();
  const csrfToken = newCsrfToken();

  // Expired sessions are swept here rather than by a timer: logins are rare enough to bound the cost.
  await db.query('delete from sessions where expires_at < now()');
  const [row] = await db.query<{ expires_at: Date }>(
    `insert into sessions (token_hash, agent_id, csrf_token, expires_at)
     values ($1, $2, $3, now() + make_interval(secs => $4))
     returning expires_at`,
    [hashToken(token), agentId, csrfToken, lifetimeHours * 3600],
  );

  return { token, csrfToken, expiresAt: row.expires_at };
}

/** Finds the unexpired session of an active agent for a cookie token, or returns null. */
export async function lookupSession(db: Queryable, token: string): Promise<SessionLookup | null> {
  const [row] = await db.query<{ token_hash: string; agent_id: number; role: Role; csrf_token: string }>(
    `select s.token_hash, s.agent_id, a.role, s.csrf_token
       from sessions s
       join agents a on a.id = s.agent_id
      where s.token_hash = $1 and s.expires_at > now() and a.active`,
    [hashToken(token)],
    { prepare: true },
  );
  if (!row) {
    return null;
  }

  return { tokenHash: row.token_hash, agentId: row.agent_id, role: row.role, csrfToken: row.csrf_token };
}

export async function deleteSession(db: Queryable, tokenHash: string) {
  await db.query('delete from sessions where token_hash = $1', [tokenHash]);
}
