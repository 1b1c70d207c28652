/** What adapters need to start: opening the store is the composition root's job, through here. */
export { openStore, type Store, type StoreOptions } from '../store/connect.js';
export { migrateToLatest } from '../store/migrate.js';
