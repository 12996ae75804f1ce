// Progress on stderr: one rewritten line on a terminal, a line every tenth of the way otherwise
// (so CI logs stay short).

export interface Progress {
  tick(done: number, note?: string): void;
  done(note?: string): void;
}

export function progress(label: string, total: number, out: NodeJS.WriteStream | undefined = process.stderr): Progress {
  const tty = !!out?.isTTY;
  const started = Date.now();
  let lastDecile = -1;
  const line = (done: number, note?: string) => {
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} ${done}/${total} (${secs}s)${note ? ` ${note}` : ''}`;
  };
  return {
    tick(done, note) {
      if (!out) return;
      if (tty) out.write(`\r\x1b[K${line(done, note)}`);
      else {
        const decile = Math.floor((done / Math.max(total, 1)) * 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          out.write(`${line(done, note)}\n`);
        }
      }
    },
    done(note) {
      if (!out) return;
      out.write(`${tty ? '\r\x1b[K' : ''}${line(total, note)} done\n`);
    },
  };
}
