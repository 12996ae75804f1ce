// The bench's numbers as a Markdown table (sizes as columns, peers beside briefbot as ratios) and
// the targets they are held to at 100,000 articles (issue 11).

export interface Stat {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface PeerResult {
  perSecond: number;
  peakMiB: number;
  ask: Stat;
  search: Stat;
  storeMiB?: number;
}

/** briefbot on one store. */
export interface BotResult {
  stored: Record<string, number>;
  ingest: { perSecond: number; cpuMsPerArticle: number; peakMiB: number };
  ask: Stat;
  search: Stat;
  summary: Stat;
  briefDay: number;
  briefWeek: number;
  queryPeakMiB: number;
  readyMs: number;
  cliMs: number;
  /** The CLI process's own CPU time (user + system), ms. */
  cliCpuMs: number;
  storeMiB: number;
}

/** One corpus size: briefbot on SQLite (its fields), on PostgreSQL with --postgres, and the peers. */
export interface SizeResult extends BotResult {
  articles: number;
  vocabulary: number;
  corpusMiB: number;
  postgres?: BotResult | undefined;
  bareNodeMs: number;
  /** `node -e 0`'s own CPU time, ms. */
  bareNodeCpuMs: number;
  fts5?: PeerResult | undefined;
  minisearch?: PeerResult | { error: string } | undefined;
}

/** At 100,000 articles on 2 cores. */
export const TARGETS = {
  ingestPerSecond: 500,
  askP95Ms: 50,
  askOverFts5: 1.5,
  searchP95Ms: 30,
  summaryP95Ms: 30,
  briefDayMs: 500,
  briefWeekMs: 1000,
  readyMs: 1000,
  peakMiB: 500,
  storeOverFts5: 2,
};

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const n1 = (x: number) => (x >= 100 ? n0(x) : x.toFixed(1));
const ratio = (a: number, b: number | undefined) => (b ? `${a / b >= 0.1 ? (a / b).toFixed(2) : (a / b).toPrecision(2)}×` : '–');
const pcts = (s: Stat) => `${n1(s.p50)} / ${n1(s.p95)} / ${n1(s.p99)}`;
const isPeer = (p: SizeResult['minisearch']): p is PeerResult => !!p && !('error' in p);

export function formatTable(results: readonly SizeResult[]): string {
  const t = TARGETS;
  const rows: [string, (r: SizeResult) => string, string][] = [
    ['distinct words in the corpus', (r) => n0(r.vocabulary), ''],
    ['articles stored (added / duplicate / rejected)', (r) => `${n0(r.stored.added ?? 0)} / ${r.stored.duplicate ?? 0} / ${r.stored.rejected ?? 0}`, 'no duplicates'],
    ['ingest, articles/s (CLI, full pipeline)', (r) => n0(r.ingest.perSecond), `≥ ${t.ingestPerSecond}`],
    ['ingest, CPU ms per article', (r) => n1(r.ingest.cpuMsPerArticle), ''],
    ['ingest, peak RSS MiB', (r) => n0(r.ingest.peakMiB), `≤ ${t.peakMiB}`],
    ['ask p50 / p95 / p99 ms', (r) => pcts(r.ask), `p95 ≤ ${t.askP95Ms}`],
    ['search p50 / p95 / p99 ms', (r) => pcts(r.search), `p95 ≤ ${t.searchP95Ms}`],
    ['summary p50 / p95 / p99 ms', (r) => pcts(r.summary), `p95 ≤ ${t.summaryP95Ms}`],
    ['brief, a day / a week ms', (r) => `${n0(r.briefDay)} / ${n0(r.briefWeek)}`, `≤ ${t.briefDayMs} / ≤ ${t.briefWeekMs}`],
    ['queries, peak RSS MiB', (r) => n0(r.queryPeakMiB), `≤ ${t.peakMiB}`],
    ['start-up to ready (console), ms', (r) => n0(r.readyMs), `≤ ${t.readyMs}`],
    ['CLI `sources --limit 1` ms (÷ bare `node -e 0`)', (r) => `${n0(r.cliMs)} (${ratio(r.cliMs, r.bareNodeMs)})`, ''],
    ['CLI `sources --limit 1` CPU ms (÷ bare `node -e 0`)', (r) => `${n0(r.cliCpuMs)} (${ratio(r.cliCpuMs, r.bareNodeCpuMs)})`, ''],
    ['store on disk MiB (÷ raw FTS5)', (r) => `${n1(r.storeMiB)} (${ratio(r.storeMiB, r.fts5?.storeMiB)})`, `≤ ${t.storeOverFts5}×`],
    ['raw FTS5: ingest articles/s', (r) => (r.fts5 ? n0(r.fts5.perSecond) : '–'), ''],
    ['raw FTS5: top-10 query p50 / p95 / p99 ms', (r) => (r.fts5 ? pcts(r.fts5.ask) : '–'), ''],
    ['raw FTS5: peak RSS MiB', (r) => (r.fts5 ? n0(r.fts5.peakMiB) : '–'), ''],
    ['MiniSearch: ingest articles/s', (r) => (isPeer(r.minisearch) ? n0(r.minisearch.perSecond) : r.minisearch ? 'failed' : '–'), ''],
    ['MiniSearch: query p50 / p95 / p99 ms', (r) => (isPeer(r.minisearch) ? pcts(r.minisearch.ask) : '–'), ''],
    ['MiniSearch: peak RSS MiB', (r) => (isPeer(r.minisearch) ? n0(r.minisearch.peakMiB) : '–'), ''],
    ['ask p95 ÷ raw FTS5 top-10 p95', (r) => ratio(r.ask.p95, r.fts5?.ask.p95), `≤ ${t.askOverFts5}×`],
    ['ask p95 ÷ MiniSearch p95', (r) => ratio(r.ask.p95, isPeer(r.minisearch) ? r.minisearch.ask.p95 : undefined), '≤ 1×'],
    ['ingest ÷ raw FTS5 ingest (speed)', (r) => ratio(r.ingest.perSecond, r.fts5?.perSecond), ''],
  ];
  const head = `| measure | ${results.map((r) => `${n0(r.articles)} articles`).join(' | ')} | target at 100k |`;
  const rule = `|---|${results.map(() => '---').join('|')}|---|`;
  if (results.some((r) => r.postgres)) {
    const pg = (f: (b: BotResult, r: SizeResult) => string) => (r: SizeResult) => (r.postgres ? f(r.postgres, r) : '–');
    rows.push(
      ['PostgreSQL: articles stored (added / duplicate / rejected)', pg((b) => `${n0(b.stored.added ?? 0)} / ${b.stored.duplicate ?? 0} / ${b.stored.rejected ?? 0}`), 'no duplicates'],
      ['PostgreSQL: ingest, articles/s (CLI, full pipeline)', pg((b) => n0(b.ingest.perSecond)), ''],
      ['PostgreSQL: ingest, CPU ms per article (bot process only)', pg((b) => n1(b.ingest.cpuMsPerArticle)), ''],
      ['PostgreSQL: ingest, peak RSS MiB', pg((b) => n0(b.ingest.peakMiB)), ''],
      ['PostgreSQL: ask p50 / p95 / p99 ms', pg((b) => pcts(b.ask)), ''],
      ['PostgreSQL: search p50 / p95 / p99 ms', pg((b) => pcts(b.search)), ''],
      ['PostgreSQL: summary p50 / p95 / p99 ms', pg((b) => pcts(b.summary)), ''],
      ['PostgreSQL: brief, a day / a week ms', pg((b) => `${n0(b.briefDay)} / ${n0(b.briefWeek)}`), ''],
      ['PostgreSQL: queries, peak RSS MiB', pg((b) => n0(b.queryPeakMiB)), ''],
      ['PostgreSQL: start-up to ready (console), ms', pg((b) => n0(b.readyMs)), ''],
      ['PostgreSQL: CLI `sources --limit 1` ms / CPU ms', pg((b) => `${n0(b.cliMs)} / ${n0(b.cliCpuMs)}`), ''],
      ['PostgreSQL: store MiB, pg_total_relation_size (÷ raw FTS5)', pg((b, r) => `${n1(b.storeMiB)} (${ratio(b.storeMiB, r.fts5?.storeMiB)})`), ''],
      ['PostgreSQL: ask p95 ÷ SQLite ask p95', pg((b, r) => ratio(b.ask.p95, r.ask.p95)), ''],
    );
  }
  const body = rows.map(([name, f, target]) => `| ${name} | ${results.map(f).join(' | ')} | ${target} |`);
  const failed = results.flatMap((r) => (isPeer(r.minisearch) || !r.minisearch ? [] : [`MiniSearch at ${n0(r.articles)}: ${r.minisearch.error}`]));
  return [head, rule, ...body, ...failed.map((f) => `\n${f}`)].join('\n');
}
