/** Saved ticket views (a name, a query, a sort and columns) and the query-field catalogue the console's search bar uses. */
export { registerViewRoutes } from './routes.ts';
export { registerQueryFieldRoutes, listQueryFields, type QueryField } from './query-fields.ts';
export { listViews, addCounts, createView, updateView, deleteView, getView } from './service.ts';
export { viewColumns, type SavedView } from './schemas.ts';
