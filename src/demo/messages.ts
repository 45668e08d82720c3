/** User-facing text of the demo generator and the `casebook demo` command. */
export const demoMessages = {
  databaseHasTickets: (count: number) =>
    `The database already contains ${count} ticket(s), and the demo organisation is meant for an empty database`,
  forceFix: 'run "casebook demo --force" to add the demo data anyway, or point CASEBOOK_DATA or DATABASE_URL at an empty database',
  invalidNow: 'give an ISO 8601 date such as 2025-06-30 or 2025-06-30T12:00:00Z',
  invalidInteger: (min: number, max: number) => `give a whole number from ${min} to ${max}`,
  existingAgents: (emails: string[]) =>
    `These demo agents already existed, so their passwords were left unchanged: ${emails.join(', ')}`,
};
