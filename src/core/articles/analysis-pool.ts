// Worker threads that prepare and analyse articles ahead of the one writer (the main thread's
// store), so a bulk import uses every core: normalisation, hashing, MinHash, sentence splitting,
// entities and names run in the workers; dedupe and writes stay in input order on the main thread.
// When the workers have a backlog, this thread prepares the articles it hands out (checks,
// normalisation, hashes, MinHash: about a fifth of the work) instead of waiting for them, and the
// workers only analyse: on two cores the writer's thread and one worker then carry about equal
// shares. Each worker holds many requests at a time (it never waits for the next), a crash rejects only
// the article that caused it, and a worker is replaced after a (large) number of articles.
// The bot's core uses a lazy pool for single articles (/add, feed items): its worker starts on the
// first article, so the bot's thread stays free for other commands while one is analysed, and
// stops after a while with nothing to do, so an idle bot does not hold a second set of models.
import { Worker } from 'node:worker_threads';
import { UserFacingError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { AnalysisReply, AnalysisRequest } from './analysis-worker.ts';
import type { PrepareResult } from './ingest.ts';
import { prepareArticle, type PreparedArticle } from './prepare.ts';
import type { ArticleInput } from './types.ts';

export interface AnalysisPoolOptions {
  /** Worker threads (at least 1). */
  workers: number;
  now: () => Date;
  log: Logger;
  /** CPU time one article's analysis may take (limits.ts has the default). */
  analysisBudgetMs?: number | undefined;
  /** Requests queued in each worker at a time. */
  perWorker?: number;
  /** A worker is replaced after this many articles (default: never; see the constructor). */
  recycleAfter?: number;
  /** The worker's entry module (tests give one that crashes on purpose). */
  script?: URL;
  /** Workers start with the first article instead of at once. */
  lazy?: boolean;
  /** Workers stop after this long with no article to analyse (they start again for the next). */
  idleMs?: number;
}

interface Job {
  req: AnalysisRequest;
  /** Prepared on this thread: the worker analyses its body only. */
  prepared?: PreparedArticle | undefined;
  resolve: (r: PrepareResult) => void;
  reject: (e: Error) => void;
  /** Set after a worker died with this job on it: it runs again alone, and a second death rejects it. */
  retried: boolean;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  /** Articles sent to this worker so far. */
  sent: number;
  /** Running a retried job alone: nothing else is sent meanwhile. */
  solo: boolean;
  retiring: boolean;
  exited: boolean;
  /** terminate() was called: each call adds an exit listener, so once is enough. */
  stopping: boolean;
}

const originOf = (job: Job): string | undefined => job.prepared?.origin ?? ('input' in job.req ? job.req.input.origin : undefined);

/** Requests waiting for a worker from which this thread prepares the next ones itself. */
const BACKLOG = 2;

/** A worker's old-space limit (spawn() says why). */
const WORKER_OLD_SPACE_MB = 1024;

/** Consecutive worker deaths with nothing analysed in between, after which the pool gives up. */
const MAX_DEATHS_WITHOUT_WORK = 3;

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  private deathsWithoutWork = 0;
  private failure: Error | undefined;
  private readonly perWorker: number;
  private readonly recycleAfter: number;
  private readonly script: URL;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: AnalysisPoolOptions) {
    // Enough that a worker keeps analysing through the writer's longer stops (a commit, moving
    // LSH bands: 0.25-0.37 s at 95,000 articles, when no reply is read and nothing is sent): 256
    // requests are about 0.5 s of analysis on an idle core (64 were about 0.13 s).
    this.perWorker = opts.perWorker ?? 256;
    // Not replaced by default: a replacement costs 0.45-0.65 s of CPU and stalls the import while
    // the new worker loads its models. Replacing every 20,000 articles was for a heap that grew,
    // and what grew was the wink model's string doubling with every new wink instance (fixed in
    // nlp.ts, loadModel): with wink renewed every 5,000 articles (analysis-worker.ts) one thread
    // holds 47.1-47.4 MiB after a full collection at every 5,000 of the whole 100k bench corpus.
    this.recycleAfter = opts.recycleAfter ?? Number.POSITIVE_INFINITY;
    this.script = opts.script ?? new URL('./analysis-worker.mjs', import.meta.url);
    if (!opts.lazy) for (let i = 0; i < Math.max(1, opts.workers); i++) this.spawn();
  }

  /** The article checked, normalised and analysed in a worker; or why it was refused. */
  prepare(input: ArticleInput): Promise<PrepareResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('analysis pool closed'));
    const id = this.nextId++;
    this.cancelIdle();
    const budgetMs = this.opts.analysisBudgetMs;
    // Every worker is full and requests wait: this thread would wait for them too, so it prepares
    // this one itself (the same function, the same clock: the same result as in a worker).
    let prepared: PreparedArticle | undefined;
    if (this.queue.length >= BACKLOG) {
      try {
        prepared = prepareArticle(input, this.opts.now());
      } catch (err) {
        if (err instanceof UserFacingError) return Promise.resolve({ rejected: err.message, origin: input.origin });
        const message = err instanceof Error ? err.message : String(err);
        this.opts.log.error('article analysis failed', { origin: input.origin, err: message });
        return Promise.resolve({ rejected: `could not be analysed (${message})`, origin: input.origin });
      }
    }
    return new Promise<PrepareResult>((resolve, reject) => {
      const req: AnalysisRequest = prepared ? { id, body: prepared.body, budgetMs } : { id, input, now: this.opts.now().getTime(), budgetMs };
      this.queue.push({ req, prepared, resolve, reject, retried: false });
      this.dispatch();
    });
  }

  /** Stops the workers; requests still waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const job of this.queue.splice(0)) job.reject(new Error('analysis pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): void {
    // Each worker's memory counts in the process's peak: a smaller young generation than V8's
    // default, and an old-space limit, which V8 also reads as how far to let the heap grow
    // between full collections (by up to 4× its live size without a limit, about 1.3× under
    // 256 MB, about 1.6× at 1 GB). A worker's live heap is 35-50 MB, yet without a limit it held
    // 115-160 MB, mostly garbage. At 1 GB it holds about as little as at 256 MB (10 MB more)
    // for less CPU (256 MB collected often enough to cost about 5% of the worker's time). An
    // article as large as ingest takes (400,000 characters) is analysed within 48 MB (a test:
    // 24 MB is too little), so the limit stops no article, only the garbage's growth.
    const worker = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB } });
    const slot: Slot = { worker, jobs: new Map(), sent: 0, solo: false, retiring: false, exited: false, stopping: false };
    worker.on('message', (reply: AnalysisReply) => this.onReply(slot, reply));
    worker.on('error', (err) => this.onExit(slot, err));
    worker.on('exit', (code) => this.onExit(slot, new Error(`analysis worker stopped (exit code ${code})`)));
    this.slots.push(slot);
  }

  private onReply(slot: Slot, reply: AnalysisReply): void {
    const job = slot.jobs.get(reply.id);
    if (!job) return;
    slot.jobs.delete(reply.id);
    slot.solo = false;
    this.deathsWithoutWork = 0;
    const origin = originOf(job);
    if ('analysis' in reply) job.resolve({ prepared: { ...job.prepared!, analysis: reply.analysis } });
    else if ('prepared' in reply) job.resolve({ prepared: reply.prepared });
    else if ('rejected' in reply) job.resolve({ rejected: reply.rejected, origin });
    else {
      this.opts.log.error('article analysis failed', { origin, err: reply.failed });
      job.resolve({ rejected: `could not be analysed (${reply.failed})`, origin });
    }
    if (slot.retiring && !slot.jobs.size) this.stop(slot);
    this.dispatch();
  }

  private onExit(slot: Slot, err: Error): void {
    if (slot.exited) return;
    slot.exited = true;
    this.slots.splice(this.slots.indexOf(slot), 1);
    const lost = [...slot.jobs.values()];
    slot.jobs.clear();
    if (this.closed) {
      for (const job of lost) job.reject(new Error('analysis pool closed'));
      return;
    }
    if (!slot.retiring || lost.length) {
      this.deathsWithoutWork++;
      this.opts.log.warn('analysis worker died', { err: err.message, inFlight: lost.length });
    }
    // Each article it held runs again alone; one that kills a worker twice is the culprit.
    for (const job of lost.reverse()) {
      if (job.retried) job.resolve({ rejected: `analysing it stopped the worker (${err.message})`, origin: originOf(job) });
      else this.queue.unshift({ ...job, retried: true });
    }
    if (this.deathsWithoutWork >= MAX_DEATHS_WITHOUT_WORK) {
      this.failure = new Error(`analysis workers keep failing: ${err.message}`);
      for (const job of this.queue.splice(0)) job.reject(this.failure);
      return;
    }
    this.dispatch();
  }

  private stop(slot: Slot): void {
    if (slot.stopping) return;
    slot.stopping = true;
    void slot.worker.terminate();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.retiring && !slot.jobs.size && !slot.exited) this.stop(slot);
    }
    // A replacement starts when there is work for it: one started as the last articles go out
    // would only load its models to be stopped.
    if (this.queue.length && this.slots.filter((s) => !s.retiring).length < Math.max(1, this.opts.workers) && !this.closed && !this.failure) this.spawn();
    for (const slot of this.slots) {
      while (this.queue.length && !slot.retiring && !slot.solo && slot.jobs.size < this.perWorker) {
        const job = this.queue[0]!;
        // A retried job waits for a worker with nothing else on it.
        if (job.retried && slot.jobs.size) break;
        this.queue.shift();
        // A worker with work keeps the process alive; an idle one does not (unref below).
        if (!slot.jobs.size) slot.worker.ref();
        slot.jobs.set(job.req.id, job);
        slot.sent++;
        if (job.retried) slot.solo = true;
        slot.worker.postMessage(job.req);
        if (slot.sent >= this.recycleAfter) slot.retiring = true;
      }
      if (!slot.jobs.size) slot.worker.unref();
    }
    if (this.opts.idleMs !== undefined && !this.queue.length && this.slots.length && this.slots.every((s) => !s.jobs.size)) this.whenIdle(this.opts.idleMs);
  }

  /** Nothing to analyse: the workers stop after `ms` unless an article comes first. */
  private whenIdle(ms: number): void {
    if (this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.queue.length || this.closed) return;
      const idle = this.slots.filter((slot) => !slot.jobs.size && !slot.retiring);
      for (const slot of idle) {
        slot.retiring = true;
        this.stop(slot);
      }
      if (idle.length) this.opts.log.debug('analysis workers stopped while idle', { workers: idle.length, idleMs: ms });
    }, ms);
    this.idleTimer.unref();
  }

  private cancelIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
