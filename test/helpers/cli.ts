import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** A function that runs the CLI in-process in `cwd` and captures what it prints. */
export function cliRunner(cwd: string, env: NodeJS.ProcessEnv = { USER: 'test' }) {
  return async (...args: string[]): Promise<CliRun> => {
    let out = '';
    let err = '';
    const io: Io = { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), env, cwd };
    const code = await main(['node', 'workledger', ...args], io);
    return { code, out, err };
  };
}
