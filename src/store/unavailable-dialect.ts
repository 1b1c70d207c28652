import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { translateDriverError, type DriverPhase } from './unavailable-error.js';

async function translated<T>(phase: DriverPhase, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateDriverError(error, phase);
  }
}

/** A connection whose statement errors are translated; the driver gets back the one it made. */
class TranslatingConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return translated('query', () => this.inner.executeQuery<R>(compiledQuery));
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize?: number,
  ): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(compiledQuery, chunkSize);
    } catch (error) {
      throw translateDriverError(error, 'query');
    }
  }
}

function innerOf(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof TranslatingConnection ? connection.inner : connection;
}

function unsupported(method: string): Error {
  return new Error(`The \`${method}\` method is not supported by this driver`);
}

/**
 * Every path from Kysely to the engine (connect, statements, begin, commit, rollback, savepoints), so
 * an error that means "the database cannot answer now" reaches services as UNAVAILABLE.
 */
class TranslatingDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return translated('connect', () => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new TranslatingConnection(await translated('connect', () => this.inner.acquireConnection()));
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return translated('query', () => this.inner.beginTransaction(innerOf(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return translated('query', () => this.inner.commitTransaction(innerOf(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return translated('query', () => this.inner.rollbackTransaction(innerOf(connection)));
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return translated('query', async () => {
      if (!this.inner.savepoint) throw unsupported('savepoint');
      return this.inner.savepoint(innerOf(connection), name, compile);
    });
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return translated('query', async () => {
      if (!this.inner.rollbackToSavepoint) throw unsupported('rollbackToSavepoint');
      return this.inner.rollbackToSavepoint(innerOf(connection), name, compile);
    });
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return translated('query', async () => {
      if (!this.inner.releaseSavepoint) throw unsupported('releaseSavepoint');
      return this.inner.releaseSavepoint(innerOf(connection), name, compile);
    });
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(innerOf(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * `dialect` with driver errors that mean the database cannot answer now (connection refused, lost or
 * timed out, server shutting down, too many connections, SQLite locked past busy_timeout or failing
 * I/O) thrown as WorkledgerError UNAVAILABLE; see unavailable-error.ts for the list.
 */
export function withUnavailableErrors(dialect: Dialect): Dialect {
  return {
    createDriver: () => new TranslatingDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
