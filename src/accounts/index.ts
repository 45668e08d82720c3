export { registerAccountRoutes } from './routes.ts';
export { createAccount, updateAccount, createContact, updateContact, toAccount, toContact } from './service.ts';
