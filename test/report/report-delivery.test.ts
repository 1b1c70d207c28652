import { createHmac } from 'node:crypto';
import { Cron } from 'croner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SCHEDULE } from '../../src/jobs/scheduler.js';
import { createReportTransports } from '../../src/jobs/report-transports.js';
import { deliverQueuedReports } from '../../src/services/report/report-delivery.js';
import { runJob } from '../../src/services/jobs/run-job.js';
import { startSmtpServer } from './smtp-server.js';
import { useDemoTenant } from './demo-fixture.js';
import { startWebhookReceiver } from './webhook-receiver.js';

/** Monday 23 November 2026, 06:00 UTC: the scheduled run for 2026-W46, the most recent settled week (it ended on 16 November; its durability window closed on the 23rd). */
const MONDAY = Date.UTC(2026, 10, 23, 6);
const MINUTE = 60_000;
const SECRET = 'a-shared-secret-of-32-characters';

/** The Subject header, unfolded and with its RFC 2047 Q-encoded words decoded (the em dash is not ASCII). */
function subjectOf(message: string): string {
  const raw = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(message)?.[1] ?? '';
  return raw.replace(/\?=\r\n[ \t]+=\?/g, '?==?').replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, word: string) =>
    Buffer.from(
      word
        .replace(/_/g, ' ')
        .replace(/=([0-9A-F]{2})/gi, (_hex, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8'),
  );
}

describe('the Monday weekly-report job', () => {
  const demo = useDemoTenant(MONDAY);
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await receiver.close();
    await smtp.close();
  });

  async function call(path: string, key: string, method = 'GET', json?: unknown) {
    const res = await demo().app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  function transports(withSmtp: boolean) {
    return createReportTransports({
      smtp: withSmtp ? { url: smtp.url, from: 'reports@workledger.test' } : null,
      printPdf: demo().printPdf,
    });
  }

  it('runs Mondays at 06:00 UTC, with an 18:00 run for zones behind UTC', () => {
    const cron = new Cron(SCHEDULE['weekly-report'], { timezone: 'UTC', paused: true });
    const runs = cron.nextRuns(3, new Date('2026-11-22T12:00:00Z')).map((d) => d.toISOString());
    expect(runs).toEqual([
      '2026-11-23T06:00:00.000Z',
      '2026-11-23T18:00:00.000Z',
      '2026-11-30T06:00:00.000Z',
    ]);
  });

  it('operators set the targets (audited, secrets never shown); viewers may not; bad targets are refused', async () => {
    const { keys } = demo();
    const body = {
      webhooks: [{ url: `${receiver.url}/ok`, secret: SECRET }, { url: `${receiver.url}/fail` }],
      emails: ['cfo@example.com'],
    };
    const put = await call('/v1/report-deliveries', keys.operator, 'PUT', body);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      webhooks: [
        { url: `${receiver.url}/ok`, signed: true },
        { url: `${receiver.url}/fail`, signed: false },
      ],
      emails: ['cfo@example.com'],
    });
    expect(JSON.stringify((await call('/v1/report-deliveries', keys.operator)).body)).not.toContain(SECRET);
    expect((await call('/v1/report-deliveries', keys.viewer, 'PUT', body)).status).toBe(403);
    expect((await call('/v1/report-deliveries', keys.viewer)).status).toBe(403);
    expect(
      await call('/v1/report-deliveries', keys.operator, 'PUT', { emails: ['not-an-address'] }),
    ).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', field: 'emails.0' } },
    });
    expect(
      await call('/v1/report-deliveries', keys.operator, 'PUT', { webhooks: [{ url: 'ftp://x.test/' }] }),
    ).toMatchObject({
      status: 400,
      body: { error: { field: 'webhooks.0.url' } },
    });
    const audit = await demo()
      .store.db.selectFrom('audit_entries')
      .select(['action', 'detail'])
      .where('tenant_id', '=', demo().ctx.tenantId)
      .where('action', '=', 'report_deliveries.put')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).not.toContain(SECRET);
  });

  it('queues last week once per target; a second run the same Monday queues nothing', async () => {
    const [run] = await runJob(demo().store, 'weekly-report', () => MONDAY, demo().ctx.tenantId);
    expect(run?.result).toEqual({ week: '2026-W46', queued: 3 });
    const [again] = await runJob(
      demo().store,
      'weekly-report',
      () => MONDAY + 12 * 60 * MINUTE,
      demo().ctx.tenantId,
    );
    expect(again?.result).toEqual({ week: '2026-W46', queued: 0, skipped: 'already built' });
  });

  it('posts JSON + HTML with a valid HMAC, mails the HTML with the PDF, and logs a failing webhook without stopping', async () => {
    const results = await deliverQueuedReports(demo().store, transports(true), () => MONDAY + MINUTE);
    const outcomes = results.map((r) => [r.channel, r.target.replace(receiver.url, ''), r.status, r.error]);
    expect(outcomes.sort()).toEqual([
      ['email', 'cfo@example.com', 'sent', null],
      ['webhook', '/fail', 'pending', 'HTTP 500'],
      ['webhook', '/ok', 'sent', null],
    ]);

    const signed = receiver.posts.find((p) => p.path === '/ok');
    if (!signed) throw new Error('the signed webhook got nothing');
    const timestamp = String(signed.headers['x-workledger-timestamp']);
    // Recomputed here from the raw body: HMAC-SHA256 of "<timestamp>.<body>" under the shared secret.
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${signed.body}`).digest('hex')}`;
    expect(signed.headers['x-workledger-signature']).toBe(expected);
    expect(signed.headers['content-type']).toBe('application/json');
    const payload = z
      .object({
        event: z.string(),
        week: z.string(),
        report: z.object({ week: z.string() }),
        html: z.string(),
      })
      .parse(JSON.parse(signed.body));
    expect(payload).toMatchObject({ event: 'weekly_report', week: '2026-W46', report: { week: '2026-W46' } });
    expect(payload.html).toMatch(/^<!doctype html>/);
    const unsigned = receiver.posts.find((p) => p.path === '/fail');
    expect(unsigned?.headers['x-workledger-signature']).toBeUndefined();

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail?.from).toBe('reports@workledger.test');
    expect(mail?.to).toEqual(['cfo@example.com']);
    expect(subjectOf(mail?.data ?? '')).toBe('Workledger weekly report 2026-W46 — Demo Co');
    expect(mail?.data).toMatch(/Content-Type: text\/html/);
    expect(mail?.data).toMatch(/Content-Type: application\/pdf; name=workledger-2026-W46\.pdf/);
  });

  it('retries the failing webhook after five minutes and gives up after three attempts, all in the log', async () => {
    expect(await deliverQueuedReports(demo().store, transports(true), () => MONDAY + 2 * MINUTE)).toEqual([]);
    const second = await deliverQueuedReports(demo().store, transports(true), () => MONDAY + 7 * MINUTE);
    expect(second.map((r) => [r.status, r.attempts])).toEqual([['pending', 2]]);
    const third = await deliverQueuedReports(demo().store, transports(true), () => MONDAY + 13 * MINUTE);
    expect(third.map((r) => [r.status, r.attempts])).toEqual([['failed', 3]]);
    expect(await deliverQueuedReports(demo().store, transports(true), () => MONDAY + 60 * MINUTE)).toEqual(
      [],
    );

    const log = await call('/v1/report-deliveries/log', demo().keys.operator);
    expect(log.status).toBe(200);
    const entries = z
      .object({
        deliveries: z.array(
          z.object({
            channel: z.string(),
            status: z.string(),
            attempts: z.number(),
            error: z.string().nullable(),
          }),
        ),
      })
      .parse(log.body).deliveries;
    expect(entries.map((e) => [e.channel, e.status, e.attempts, e.error]).sort()).toEqual([
      ['email', 'sent', 1, null],
      ['webhook', 'failed', 3, 'HTTP 500'],
      ['webhook', 'sent', 1, null],
    ]);
    expect((await call('/v1/audit/verify', demo().keys.operator)).body).toMatchObject({ ok: true });
  });

  it('without SMTP the next week is posted and its mail logged as skipped', async () => {
    const nextMonday = MONDAY + 7 * 24 * 60 * MINUTE;
    const [run] = await runJob(demo().store, 'weekly-report', () => nextMonday, demo().ctx.tenantId);
    expect(run?.result).toEqual({ week: '2026-W47', queued: 3 });
    const results = await deliverQueuedReports(demo().store, transports(false), () => nextMonday);
    expect(results.find((r) => r.channel === 'email')).toMatchObject({
      status: 'skipped',
      error: 'SMTP is not configured (serve --smtp-url or SMTP_URL)',
    });
    expect(smtp.mails).toHaveLength(1);
  });
});
