import type { Command } from 'commander';

/** --db / --database-url on commands that open the store. */
export function withDbFlags(command: Command): Command {
  return command
    .option('--db <path>', 'SQLite database file (default ./workledger.db, or WORKLEDGER_DB)')
    .option('--database-url <url>', 'PostgreSQL URL (or DATABASE_URL)');
}

/** The flags of commands that act on a tenant's data: direct access or through a server. */
export function withTenantFlags(command: Command): Command {
  return withDbFlags(command)
    .option('--tenant <id>', 'tenant id (direct database access on the server machine)')
    .option('--url <url>', 'a running server (or WORKLEDGER_URL)')
    .option('--key <key>', 'an API key for --url (or WORKLEDGER_KEY)');
}
