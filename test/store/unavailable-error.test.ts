import { describe, expect, it } from 'vitest';
import { WorkledgerError } from '../../src/domain/errors.js';
import { translateDriverError, unavailableReason } from '../../src/store/unavailable-error.js';

const withCode = (code: string, message = 'driver error') => Object.assign(new Error(message), { code });

describe('driver errors that mean the database cannot answer now', () => {
  it.each([
    ['08006', 'SQLSTATE 08006'], // connection failure
    ['08P01', 'SQLSTATE 08P01'], // protocol violation
    ['53300', 'SQLSTATE 53300'], // too many connections
    ['57P01', 'SQLSTATE 57P01'], // admin shutdown
    ['57P02', 'SQLSTATE 57P02'], // crash shutdown
    ['57P03', 'SQLSTATE 57P03'], // cannot connect now
    ['55P03', 'SQLSTATE 55P03'], // lock_timeout
    ['ECONNREFUSED', 'ECONNREFUSED'],
    ['ECONNRESET', 'ECONNRESET'],
    ['ETIMEDOUT', 'ETIMEDOUT'],
    ['SQLITE_BUSY', 'SQLITE_BUSY'],
    ['SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_SNAPSHOT'],
    ['SQLITE_IOERR_WRITE', 'SQLITE_IOERR_WRITE'],
    ['SQLITE_CANTOPEN', 'SQLITE_CANTOPEN'],
  ])('%s is unavailable', (code, reason) => {
    expect(unavailableReason(withCode(code), 'query')).toBe(reason);
  });

  it.each(['23505', '42P01', '57014', '22P02', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'ERR_INVALID_ARG_TYPE'])(
    '%s during a statement is not',
    (code) => expect(unavailableReason(withCode(code), 'query')).toBeUndefined(),
  );

  it("knows pg's code-less messages for a connection that died under a query", () => {
    expect(unavailableReason(new Error('Connection terminated unexpectedly'), 'query')).toBe(
      'connection lost',
    );
    expect(
      unavailableReason(new Error('Client has encountered a connection error and is not queryable'), 'query'),
    ).toBe('connection lost');
    expect(unavailableReason(new Error('relation "x" does not exist'), 'query')).toBeUndefined();
  });

  it('treats any failure to get a connection as unavailable', () => {
    expect(unavailableReason(withCode('55000'), 'connect')).toBe('cannot connect: 55000');
    expect(unavailableReason(new Error('timeout exceeded when trying to connect'), 'connect')).toBe(
      'cannot connect',
    );
  });

  it('wraps as UNAVAILABLE keeping the cause, and passes other errors through unchanged', () => {
    const lost = withCode('57P01', 'terminating connection due to administrator command');
    const translated = translateDriverError(lost, 'query');
    expect(translated).toBeInstanceOf(WorkledgerError);
    expect(translated).toMatchObject({ code: 'UNAVAILABLE', cause: lost });
    // the server's own text stays in the log (cause), not in the client's message
    expect((translated as Error).message).toBe('the database is unavailable (SQLSTATE 57P01); retry shortly');
    const unique = withCode('23505');
    expect(translateDriverError(unique, 'query')).toBe(unique);
    const conflict = new WorkledgerError('CONFLICT', 'already');
    expect(translateDriverError(conflict, 'connect')).toBe(conflict);
  });
});
