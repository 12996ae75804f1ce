// Replays the premise check on the evidence audit-declines.ts wrote (--evidence FILE), in seconds:
// how many questions of each kind it declines, and, with --diff OLD, which verdicts changed against
// an earlier replay's output (--out FILE writes this one's). Dev data only.
// `node --import tsx src/eval/premise-replay.ts EVIDENCE [--out FILE] [--diff OLD] [--list KIND]`
import { readFileSync, writeFileSync } from 'node:fs';
import { checkPremise, type PremiseEvidence } from '../core/answer/premise.ts';

interface Row {
  set: string;
  kind: string;
  question: string;
  golds: string[];
  bestHolds: boolean;
  evidence: PremiseEvidence[];
}
const argv = process.argv.slice(2);
const opt = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const rows = readFileSync(argv[0]!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
const verdicts: Record<string, string> = {};
const counts = new Map<string, { n: number; declined: number; holds: number }>();
const t = performance.now();
for (const r of rows) {
  const c = checkPremise(r.question, r.evidence);
  const key = `${r.set} ${r.kind}`;
  const v = c.ok ? 'ok' : c.conflicts.map((x) => `${x.kind}:${x.asked}${x.found ? `>${x.found}` : ''}`).join(' ');
  verdicts[`${key}\u0000${r.question}`] = v;
  const k = counts.get(key) ?? { n: 0, declined: 0, holds: 0 };
  k.n++;
  if (!c.ok) {
    k.declined++;
    if (r.bestHolds) k.holds++;
  }
  counts.set(key, k);
}
const ms = performance.now() - t;
for (const [key, k] of [...counts].sort()) process.stdout.write(`${key.padEnd(26)} declined ${String(k.declined).padStart(4)} / ${k.n} (best sentence holds gold: ${k.holds})\n`);
process.stdout.write(`${Math.round(ms)} ms\n`);
const out = opt('--out');
if (out) writeFileSync(out, JSON.stringify(verdicts));
const diff = opt('--diff');
if (diff) {
  const old = JSON.parse(readFileSync(diff, 'utf8')) as Record<string, string>;
  for (const [key, v] of Object.entries(verdicts)) {
    const was = old[key];
    if (was === undefined || was === v) continue;
    const [kind, question] = key.split('\u0000');
    process.stdout.write(`${kind}: ${question}\n    ${was}  ->  ${v}\n`);
  }
}
