/**
 * The fixed part of the demo organisation: the support teams, the agents who
 * staff them and the product component tree of the made-up product, Lumen
 * Analytics (an analytics platform with an API, dashboards, billing, SSO,
 * integrations and a mobile app).
 */

export const productName = 'Lumen Analytics';

/** The password of every demo agent, printed by `casebook demo` and `casebook serve --demo`. */
export const demoPassword = 'casebook-demo';

export const demoEmailDomain = 'demo.casebook.local';

export type TeamKey = 'tier1' | 'billing' | 'platform';

export interface DemoTeam {
  key: TeamKey;
  name: string;
  description: string;
}

export const demoTeams: DemoTeam[] = [
  { key: 'tier1', name: 'Frontline', description: 'First line for questions, account access and feature requests' },
  { key: 'billing', name: 'Billing', description: 'Invoices, payments, plan changes and refunds' },
  { key: 'platform', name: 'Platform engineering', description: 'Bugs and incidents in the API, integrations and infrastructure' },
];

export interface DemoAgent {
  email: string;
  name: string;
  role: 'admin' | 'agent' | 'viewer';
  teams: TeamKey[];
}

function agent(localPart: string, name: string, role: DemoAgent['role'], teams: TeamKey[]): DemoAgent {
  return { email: `${localPart}@${demoEmailDomain}`, name, role, teams };
}

export const demoAgents: DemoAgent[] = [
  agent('admin', 'Alex Morgan', 'admin', ['platform']),
  agent('maya', 'Maya Patel', 'agent', ['tier1']),
  agent('sam', 'Sam Okafor', 'agent', ['tier1']),
  agent('priya', 'Priya Raman', 'agent', ['tier1']),
  agent('lena', 'Lena Fischer', 'agent', ['billing', 'tier1']),
  agent('jonas', 'Jonas Berg', 'agent', ['billing']),
  agent('omar', 'Omar Haddad', 'agent', ['platform']),
  agent('viewer', 'Rita Gomez', 'viewer', []),
];

export const demoAdmin = demoAgents[0];

/** Agents who take tickets of a team: members with the agent role. */
export function assignableAgents(team: TeamKey): DemoAgent[] {
  return demoAgents.filter((member) => member.role === 'agent' && member.teams.includes(team));
}

export interface DemoComponent {
  key: string;
  name: string;
  description: string;
  children?: DemoComponent[];
}

export const demoComponents: DemoComponent[] = [
  {
    key: 'api', name: 'API', description: 'Public REST API and event delivery',
    children: [
      { key: 'api.rest', name: 'REST endpoints', description: 'Query, ingestion and management endpoints' },
      { key: 'api.webhooks', name: 'Webhooks', description: 'Outbound event delivery to customer endpoints' },
      { key: 'api.rate-limits', name: 'Rate limits', description: 'Per-key request quotas and throttling' },
    ],
  },
  {
    key: 'dashboards', name: 'Dashboards', description: 'Dashboards, charts and scheduled reports',
    children: [
      { key: 'dashboards.charts', name: 'Charts', description: 'Chart rendering and query builder' },
      { key: 'dashboards.exports', name: 'Exports', description: 'CSV, PDF and scheduled e-mail exports' },
    ],
  },
  {
    key: 'billing', name: 'Billing', description: 'Plans, invoices and payments',
    children: [
      { key: 'billing.invoices', name: 'Invoices', description: 'Invoice generation, tax details and credit notes' },
      { key: 'billing.payments', name: 'Payments', description: 'Card payments, bank transfers and dunning' },
    ],
  },
  {
    key: 'auth', name: 'Authentication', description: 'Sign-in, single sign-on and user management',
    children: [
      { key: 'auth.sso', name: 'Single sign-on', description: 'SAML and OIDC single sign-on, SCIM provisioning' },
      { key: 'auth.mfa', name: 'Multi-factor authentication', description: 'Authenticator apps and recovery codes' },
    ],
  },
  {
    key: 'integrations', name: 'Integrations', description: 'Connectors to third-party tools',
    children: [
      { key: 'integrations.slack', name: 'Slack', description: 'Alerts and report sharing in Slack' },
      { key: 'integrations.salesforce', name: 'Salesforce', description: 'Two-way sync of accounts and opportunities' },
    ],
  },
  { key: 'mobile', name: 'Mobile app', description: 'iOS and Android apps' },
];

/** Lists the components parents first, each with its parent key. */
export function flattenComponents(): { component: DemoComponent; parentKey: string | null }[] {
  return demoComponents.flatMap((root) => [
    { component: root, parentKey: null },
    ...(root.children ?? []).map((child) => ({ component: child, parentKey: root.key })),
  ]);
}
