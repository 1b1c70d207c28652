import type { Store } from '../store/connect.js';
import { pingDatabase } from '../store/ping.js';

/** How long /readyz waits for the database: well under a load balancer's probe timeout. */
export const READINESS_TIMEOUT_MS = 2_000;

/** Resolve when the store answers a trivial query now; UNAVAILABLE (with the reason) otherwise. */
export async function checkReadiness(store: Store, timeoutMs = READINESS_TIMEOUT_MS): Promise<void> {
  await pingDatabase(store.db, timeoutMs);
}
