import pino from 'pino';

/** Keys whose values never reach a log line. */
const redactedPaths = [
  'password', '*.password', 'token', '*.token', 'authorization', '*.authorization',
  'req.headers.authorization', 'req.headers.cookie', 'email', '*.email',
];

export function createLogger(level: string) {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } });
}

export type Logger = pino.Logger;
