/** The resource groups of the OpenAPI document, in the order the docs page lists them. */
export const apiTags = [
  { name: 'tickets', description: 'Tickets, their conversation, audit trail, customer context and triage predictions.' },
  { name: 'accounts', description: 'Customer accounts with tier, ARR, renewal and health, their subscriptions, usage and events.' },
  { name: 'contacts', description: 'People who raise tickets, linked to an account by email domain.' },
  { name: 'views', description: 'Saved queue views and the fields the query language can filter on.' },
  { name: 'query', description: 'The ticket query language: filters, sorts and aggregates.' },
  { name: 'triage', description: 'Triage models: training, versions, rollback and the fields they predict.' },
  { name: 'agents', description: 'Agents and their roles (admin, agent, viewer).' },
  { name: 'teams', description: 'Teams that tickets are routed to.' },
  { name: 'components', description: 'The product component tree.' },
  { name: 'vocabularies', description: 'Controlled vocabularies: status, category, priority, channel and tier.' },
  { name: 'custom-fields', description: 'Typed custom fields on tickets.' },
  { name: 'events', description: 'Product event sources and Segment-compatible ingestion.' },
  { name: 'auth', description: 'Login, logout and the current session.' },
  { name: 'tokens', description: 'API tokens for integrations, stored hashed.' },
  { name: 'schemas', description: 'The ontology as JSON Schema and a JSON-LD context.' },
];
