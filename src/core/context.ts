import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { Db } from '../store/index.ts';

/** What every capability's routes and services are given: no globals. */
export interface AppContext {
  db: Db;
  config: Config;
  logger: Logger;
}
