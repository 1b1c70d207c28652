import type { Hono } from 'hono';
import { verifyAudit } from '../../services/verify-audit.js';
import type { AppEnv } from '../env.js';

export function registerAuditRoutes(app: Hono<AppEnv>): void {
  app.get('/v1/audit/verify', async (c) => c.json(await verifyAudit(c.get('ctx'))));
}
