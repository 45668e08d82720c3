/**
 * Every user-facing string of the agent console. A translation is a copy of
 * this object with the same keys, so components never hold literal text.
 */
export const en = {
  appName: 'Casebook',

  common: {
    loading: 'Loading…',
    retry: 'Retry',
    none: '—',
    networkError: 'The server could not be reached. Check your connection and try again.',
    unexpectedError: (status: number) => `The server returned an unexpected response (HTTP ${status}).`,
  },

  errorBoundary: {
    pageFailed: 'This page could not be shown',
    panelFailed: (panel: string) => `${panel} could not be shown`,
    retry: 'Try again',
  },

  shell: {
    queue: 'Queue',
    logout: 'Log out',
    signedInAs: (name: string) => `Signed in as ${name}`,
  },

  login: {
    title: 'Sign in to Casebook',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    failed: 'Sign-in failed',
  },

  queue: {
    title: 'Tickets',
    total: (count: number, capped = false) => {
      if (capped) return `More than ${count.toLocaleString('en')} tickets`;
      return count === 1 ? '1 ticket' : `${count} tickets`;
    },
    search: 'Search subject and messages',
    searchSubmit: 'Search',
    clearFilters: 'Clear filters',
    previous: 'Previous',
    next: 'Next',
    empty: 'No tickets match these filters.',
    searchHint: 'Words are matched by their stem, so "crashing" also finds "crash", and common words such as "the" or "with" are ignored. '
      + 'Every word must appear in the ticket: try fewer words, or put an exact phrase in double quotes.',
    loadFailed: 'The ticket list could not be loaded',
    filters: {
      status: 'Status',
      priority: 'Priority',
      category: 'Category',
      component: 'Component',
      team: 'Team',
      assignee: 'Assignee',
      account: 'Account',
      accountSearch: 'Search accounts',
      any: 'Any',
      me: 'Me',
      unassigned: 'Unassigned',
    },
    columns: {
      id: '#',
      subject: 'Subject',
      requester: 'Requester',
      account: 'Account',
      status: 'Status',
      priority: 'Priority',
      category: 'Category',
      component: 'Component',
      categoryAndComponent: 'Category / component',
      team: 'Team',
      assignee: 'Assignee',
      impact: 'Impact',
      created: 'Created',
      updated: 'Updated',
    },
    sortBy: (column: string) => `Sort by ${column}`,
    query: 'Search or query',
    queryPlaceholder: 'status:open priority:p1 account.health<60 sort:-impact',
    sortSuggestion: 'Order the results',
  },

  views: {
    title: 'Views',
    all: 'All tickets',
    shared: 'Shared',
    personal: 'Mine',
    empty: 'No saved views yet.',
    save: 'Save this view',
    saveTitle: 'Save the current filters as a view',
    name: 'Name',
    share: 'Share with every agent',
    submit: 'Save',
    cancel: 'Cancel',
    remove: (name: string) => `Delete view ${name}`,
    count: (count: number | null | undefined, capped?: boolean) => (count === null || count === undefined ? '?' : `${count}${capped ? '+' : ''}`),
    brokenQuery: 'This view\'s query no longer compiles',
    loadFailed: 'The views could not be loaded',
  },

  ticket: {
    back: 'Back to the queue',
    loadFailed: 'The ticket could not be loaded',
    conversation: 'Conversation',
    noMessages: 'This ticket has no messages yet.',
    publicReply: 'Public reply',
    internalNote: 'Internal note',
    customer: 'Customer',
    agent: 'Agent',
    system: 'System',
    unknownAuthor: 'Unknown author',
    replyPlaceholder: 'Write a reply to the requester…',
    notePlaceholder: 'Write an internal note for other agents…',
    sendReply: 'Send reply',
    addNote: 'Add note',
    sendFailed: 'The message was not saved',
    fields: 'Fields',
    status: 'Status',
    priority: 'Priority',
    category: 'Category',
    component: 'Component',
    assignee: 'Assignee',
    team: 'Team',
    unassigned: 'Unassigned',
    noValue: 'None',
    saveFailed: 'The change was not saved',
    conflictTitle: 'This ticket changed, reload',
    conflictBody: 'Someone else updated this ticket since you opened it. The latest version has been loaded; check it and make your change again.',
    reload: 'Reload',
    saved: 'Saved',
    history: 'History',
    replyBox: 'The reply box',
    showHistory: 'Show audit history',
    noHistory: 'No changes recorded.',
    historyAction: (action: string, actor: string) => `${action} by ${actor}`,
    historyChange: (field: string, before: string, after: string) => `${field}: ${before} → ${after}`,
    requester: 'Requester',
    created: 'Created',
    channel: 'Channel',
  },

  context: {
    title: 'Customer context',
    noAccount: 'This ticket is not linked to an account.',
    tier: 'Tier',
    arr: 'ARR',
    renewal: 'Renewal',
    health: 'Health score',
    renewsIn: (days: number) => {
      if (days === 0) {
        return 'today';
      }
      if (days < 0) {
        return days === -1 ? '1 day ago' : `${-days} days ago`;
      }
      return days === 1 ? 'in 1 day' : `in ${days} days`;
    },
    healthTrend: 'Health trend',
    healthComponents: 'Health components',
    /** Health score components by key; older snapshots carry their own label. */
    healthComponentNames: {
      usage_trend: 'Usage trend',
      usage: 'Product usage',
      ticket_severity: 'Open ticket severity',
      ticket_volume: 'Ticket volume',
      tickets: 'Support tickets',
      satisfaction: 'Satisfaction',
      renewal: 'Renewal outlook',
    } as Record<string, string>,
    healthComponentScore: (score: number) => `${score} / 100`,
    healthComponentMissing: 'no data',
    usage: 'Recent feature usage',
    usageNone: 'No product usage recorded.',
    usageUnavailable: 'Usage data is not available.',
    eventsBefore: 'Events before the ticket was opened',
    eventsNone: 'No events before this ticket.',
    openTickets: (count: number) => (count === 1 ? '1 open ticket' : `${count} open tickets`),
    otherTickets: 'Other tickets from this account',
    noOtherTickets: 'No other tickets.',
    loadFailed: 'The customer context could not be loaded',
  },

  impact: {
    title: 'Business impact',
    notComputed: 'Not computed yet.',
    loadFailed: 'The impact breakdown could not be loaded',
    weight: (weight: number) => `weight ${weight}`,
    notConfigured: 'not configured',
    healthInput: (score: number) => `${score} / 100`,
    components: {
      priority: 'Priority',
      arr: 'ARR',
      tier: 'Tier',
      health: 'Health risk',
      renewal: 'Renewal proximity',
      sla: 'SLA risk',
    } as Record<string, string>,
    input: (name: string, input: string | number | null) => {
      if (input === null) return '—';
      if (name === 'renewal') return `${input} days`;
      if (name === 'arr' && typeof input === 'number') return input.toLocaleString('en-US');
      return String(input);
    },
  },

  /** Audit action codes; an unknown code is shown with its underscores as spaces. */
  auditActions: {
    created: 'Created',
    updated: 'Updated',
    reply_added: 'Public reply added',
    note_added: 'Internal note added',
    triage_applied: 'Triage applied',
    triage_accepted: 'Triage suggestion accepted',
    triage_corrected: 'Triage prediction corrected',
    triage_rejected: 'Triage suggestion rejected',
  } as Record<string, string>,

  /** Labels of the ticket fields that audit entries record; an unknown field is shown with its underscores as spaces. */
  auditFields: {
    subject: 'Subject',
    status: 'Status',
    priority: 'Priority',
    category: 'Category',
    language: 'Language',
    component: 'Component',
    component_id: 'Component',
    team: 'Team',
    team_id: 'Team',
    assignee_id: 'Assignee',
    account_id: 'Account',
    tags: 'Tags',
    custom: 'Custom fields',
    triage: 'Triage',
  } as Record<string, string>,

  actors: {
    agent: (id: number | null) => (id === null ? 'an agent' : `agent #${id}`),
    token: (id: number | null) => (id === null ? 'an API token' : `API token #${id}`),
    system: 'the system',
    contact: 'the customer',
    import: 'an import',
  },

  triage: {
    title: 'Triage',
    nav: 'Models',
    loadFailed: 'The predictions could not be loaded',
    none: 'No predictions for this ticket yet.',
    fields: { category: 'Category', priority: 'Priority', component: 'Component', team: 'Team', language: 'Language', sentiment: 'Sentiment' } as Record<string, string>,
    statuses: {
      applied: 'Applied automatically',
      suggested: 'Suggested',
      accepted: 'Accepted',
      corrected: 'Corrected',
      rejected: 'Rejected',
      abstained: 'Out of scope',
    } as Record<string, string>,
    // Rounded down, so a confidence just under a threshold of 1.000 never reads as 100%.
    confidence: (value: number) => `${Math.floor(value * 100)}% confident`,
    why: (terms: string) => `Why: ${terms}`,
    modelVersion: (version: number) => `model v${version}`,
    accept: 'Accept',
    keep: 'Keep',
    reject: 'Reject',
    correctPlaceholder: 'Correct to…',
    undoPlaceholder: 'Undo: choose another value…',
    decisionFailed: 'The decision was not saved',
    signals: (language: string, sentiment: string) => `Language: ${language} · Sentiment: ${sentiment}`,
    sentimentValue: (label: string, score: number) => `${label} (${score > 0 ? '+' : ''}${score.toFixed(2)})`,
  },

  models: {
    title: 'Triage models',
    loadFailed: 'The models could not be loaded',
    trainNow: 'Train now',
    trainQueued: 'Training was queued; the new versions appear here when the worker has run it.',
    trainFailed: 'Training could not be queued',
    noModel: 'No model yet: the field needs at least 50 labelled tickets in two or more classes with 5 each, then a training run.',
    activate: (version: number) => `Roll back to v${version}`,
    activateFailed: 'The version could not be activated',
    columns: {
      field: 'Field',
      version: 'Active version',
      trained: 'Trained',
      examples: 'Examples',
      accuracy: 'Accuracy',
      macroF1: 'Macro-F1',
      coverage: 'Coverage at target precision',
      threshold: 'Threshold',
      decisions: 'Predictions (applied / suggested / accepted / corrected)',
      previous: 'Previous version',
    },
    weekly: 'Decisions per week',
    weekRow: (week: string, accepted: number, corrected: number, rejected: number) => `${week}: ${accepted} accepted, ${corrected} corrected, ${rejected} rejected`,
    noDecisions: 'No decisions in the last 12 weeks.',
    targetPrecision: (value: number) => `Thresholds are chosen on calibration tickets set aside from training, for ${Math.round(value * 100)}% precision; accuracy and coverage are measured on held-out tickets.`,
  },

  assist: {
    similarTickets: 'Similar resolved tickets',
    similarFailed: 'Similar tickets could not be loaded',
    noSimilarTickets: 'No similar resolved tickets yet.',
    scoreHint: 'Similarity score: higher is closer',
    solvedOn: (date: string) => `solved ${date}`,
    suggestedReply: 'Suggested reply',
    draftFailed: 'The suggested reply could not be loaded',
    noSuggestion: 'No suggestion: no similar resolved ticket has an answer yet.',
    fromSimilarTickets: (ids: number[]) => (ids.length === 0 ? '' : `from ${ids.map((id) => `#${id}`).join(', ')}`),
    rewrittenByModel: 'rewritten by the drafting model',
    insert: 'Insert',
    escalationRisk: 'Escalation risk',
    raisesRisk: 'raises risk',
    lowersRisk: 'lowers risk',
    model: (version: string) => `model ${version}`,
  },
} as const;

export type Messages = typeof en;

/** The strings in use; switch this import to translate the console. */
export const t: Messages = en;
