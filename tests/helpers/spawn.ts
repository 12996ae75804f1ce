// Runs briefbot as a user would, in a child process, with its own temp store.
import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to stdin, which is then closed. */
  input?: string | undefined;
  /** Added to a bare environment of PATH and HOME (which it may override). */
  env?: Record<string, string> | undefined;
  /** The project folder by default. */
  cwd?: string | undefined;
}

/** Any program, to its end: its status and everything it wrote. */
export function runProcess(command: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd ?? process.cwd(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** This Node, with these arguments. */
export function runNode(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runProcess(process.execPath, args, opts);
}
