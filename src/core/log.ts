// Structured JSON-lines logger. Secrets registered at start-up are masked wherever they appear,
// and token-shaped strings are masked even when nobody registered them.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, ctx?: Record<string, unknown>): void;
  info(msg: string, ctx?: Record<string, unknown>): void;
  warn(msg: string, ctx?: Record<string, unknown>): void;
  error(msg: string, ctx?: Record<string, unknown>): void;
  child(ctx: Record<string, unknown>): Logger;
}

const TOKEN_PATTERNS: RegExp[] = [
  /xox[abprs]-[A-Za-z0-9-]{8,}/g, // Slack tokens
  /xapp-[A-Za-z0-9-]{8,}/g, // Slack app tokens
  /sk-[A-Za-z0-9_-]{16,}/g, // OpenAI-style keys
  /[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g, // Discord bot tokens
  /(Bearer|Bot)\s+[A-Za-z0-9._-]{12,}/g,
  /(postgres(?:ql)?:\/\/[^:\s]+:)[^@\s]+@/g,
];

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  for (const p of TOKEN_PATTERNS) {
    out = out.replace(p, (m, g1: unknown) => (typeof g1 === 'string' && g1.startsWith('postgres') ? `${g1}[redacted]@` : '[redacted]'));
  }
  return out;
}

function serialiseError(e: unknown): unknown {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return e;
}

export function createLogger(opts: {
  level?: LogLevel;
  secrets?: readonly string[];
  write?: (line: string) => void;
  base?: Record<string, unknown>;
  now?: () => Date;
}): Logger {
  const level = ORDER[opts.level ?? 'info'];
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const secrets = opts.secrets ?? [];
  const now = opts.now ?? (() => new Date());
  const base = opts.base ?? {};
  const emit = (lvl: LogLevel, msg: string, ctx?: Record<string, unknown>) => {
    if (ORDER[lvl] < level) return;
    const record: Record<string, unknown> = { time: now().toISOString(), level: lvl, msg, ...base };
    for (const [k, v] of Object.entries(ctx ?? {})) record[k] = k === 'err' || v instanceof Error ? serialiseError(v) : v;
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify({ time: record.time, level: lvl, msg, note: 'context not serialisable' });
    }
    write(redact(line, secrets));
  };
  return {
    debug: (m, c) => emit('debug', m, c),
    info: (m, c) => emit('info', m, c),
    warn: (m, c) => emit('warn', m, c),
    error: (m, c) => emit('error', m, c),
    child: (ctx) => createLogger({ ...opts, base: { ...base, ...ctx } }),
  };
}

export const silentLogger: Logger = createLogger({ level: 'silent' });
