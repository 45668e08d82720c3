export { loadVocabularies, resolveTerm, termNames, VocabularyCache, vocabularyNames } from './service.ts';
export type { Term, Vocabularies, VocabularyName } from './service.ts';
export { loadCustomFields, validateCustomValues } from './custom-fields.ts';
export type { CustomFieldDefinition, CustomFieldEntity } from './custom-fields.ts';
export { registerVocabularyRoutes } from './routes.ts';
