export { registerTicketRoutes } from './routes.ts';
export { createTicket, updateTicket, type TicketDeps } from './write.ts';
export { addMessage, listMessages } from './messages.ts';
export { getTicket, ticketSelect, toTicket } from './read.ts';
export { listTickets, buildTicketFilters, SqlConditions, totalCountCap } from './list.ts';
export { getTicketContext } from './context.ts';
export * from './lifecycle.ts';
export type { Ticket, Message, CreateTicketInput, UpdateTicketInput } from './schemas.ts';
export { sortFields } from './schemas.ts';
