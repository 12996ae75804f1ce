// The progress bar of a long `briefbot ingest` on a terminal (cli-progress: it redraws in place
// and handles terminal width; the common, maintained choice for this).
import cliProgress from 'cli-progress';
import type { IngestProgress } from '../../core/articles/ingest-stream.ts';

interface Payload {
  done: number;
  added: number;
  duplicate: number;
  rejected: number;
  rate: number;
}

export class IngestProgressBar {
  private readonly bar: cliProgress.SingleBar;
  private startedAt: number | undefined;
  private lastDraw = 0;
  private last: IngestProgress | undefined;

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.bar = new cliProgress.SingleBar(
      {
        stream,
        // A streamed file has a size to measure against; a directory of files only counts.
        format: (options, params, payload: Payload) => {
          const counts = `${payload.done} read: ${payload.added} added, ${payload.duplicate} duplicate, ${payload.rejected} rejected | ${payload.rate}/s`;
          if (!params.total) return `ingest | ${counts}`;
          const width = options.barsize ?? 30;
          const filled = Math.round(params.progress * width);
          const bar = (options.barCompleteString ?? '').slice(0, filled) + (options.barIncompleteString ?? '').slice(0, width - filled);
          return `ingest ${bar} ${Math.floor(params.progress * 100)}% | ${counts}`;
        },
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  update(p: IngestProgress): void {
    this.last = p;
    if (this.startedAt === undefined) {
      this.startedAt = performance.now();
      this.bar.start(p.position?.totalBytes ?? 0, p.position?.bytes ?? 0, this.payload(p));
      return;
    }
    // Redrawing for every article would cost more than ingesting it.
    const now = performance.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.draw(p);
  }

  /** A line above the bar (a rejection), without tearing it. */
  log(text: string): void {
    if (this.startedAt !== undefined) this.stream.write('\r\x1b[2K');
    this.stream.write(`${text}\n`);
    if (this.last && this.startedAt !== undefined) this.draw(this.last);
  }

  stop(): void {
    if (this.startedAt === undefined) return;
    if (this.last) this.draw(this.last);
    this.bar.stop();
  }

  private draw(p: IngestProgress): void {
    if (p.position && p.position.totalBytes !== this.bar.getTotal()) this.bar.setTotal(p.position.totalBytes);
    this.bar.update(p.position?.bytes ?? 0, this.payload(p));
  }

  private payload(p: IngestProgress): Payload {
    const c = p.counts;
    const done = c.added + c.updated + c.duplicate + c.rejected;
    const seconds = Math.max((performance.now() - (this.startedAt ?? performance.now())) / 1000, 1e-3);
    return { done, added: c.added + c.updated, duplicate: c.duplicate, rejected: c.rejected, rate: Math.round(done / seconds) };
  }
}
