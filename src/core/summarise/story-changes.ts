// What changed in a story since a channel's previous briefing, and where its sources disagree.
// An article stored after that briefing is new; one edited or re-dated since is updated, and its
// sentences that the channel has not seen (absent from the version it was briefed on) are the news.
// Numbers: two sources giving the same kind of count ("398 firms", "nearly 400 companies") with
// values within 10% of each other but not equal disagree, and both are shown with their sources.
import type { Article } from '../articles/types.ts';
import { numericFacts, type NumericFact } from '../language/entities.ts';
import { splitSentences } from '../language/sentences.ts';
import { entryOf } from '../language/words.ts';
import type { ArticleStore } from '../store/article-store.ts';

export type Change = 'new' | 'updated' | undefined;

export interface ArticleChange {
  change: Change;
  /** Sentences of the current text the channel has not been briefed on (all of them when new). */
  unseen: Set<string>;
  /** Figures in the version the channel saw that the current text no longer gives. */
  replacedFacts: NumericFact[];
}

export async function changeSince(store: ArticleStore, a: Article, previousBriefing: string | null): Promise<ArticleChange> {
  const all = new Set(a.sentences.map((s) => s.text));
  if (!previousBriefing || a.ingestedAt > previousBriefing) return { change: 'new', unseen: all, replacedFacts: [] };
  if (a.updatedAt <= previousBriefing) return { change: undefined, unseen: new Set(), replacedFacts: [] };
  // The version the channel saw: the first one replaced after its briefing.
  const seen = (await store.articleHistory(a.id)).find((v) => v.replacedAt > previousBriefing);
  if (!seen) return { change: undefined, unseen: new Set(), replacedFacts: [] };
  const before = new Set(splitSentences(seen.body));
  const unseen = new Set([...all].filter((s) => !before.has(s)));
  const now = new Set(numericFacts(a.body).map((f) => `${f.value}|${unitKey(f.unit)}`));
  const replacedFacts = numericFacts(seen.body).filter((f) => !now.has(`${f.value}|${unitKey(f.unit)}`));
  const redated = seen.published !== a.published;
  return { change: unseen.size || replacedFacts.length || redated ? 'updated' : undefined, unseen, replacedFacts };
}

const SAME_KIND: Record<string, string> = {
  firm: 'company',
  company: 'company',
  business: 'company',
  entity: 'company',
  soldier: 'troop',
  troop: 'troop',
  person: 'person',
  people: 'person',
  resident: 'person',
};

/** "North Korean soldiers" → "troop"; "companies" → "company": the counted thing, singular. */
export function unitKey(unit: string): string {
  const last = unit.toLowerCase().split(/\s+/).at(-1) ?? '';
  const singular = last.replace(/ies$/, 'y').replace(/(ss|sh|ch|x)es$/, '$1').replace(/s$/, '');
  return entryOf(SAME_KIND, singular) ?? entryOf(SAME_KIND, last) ?? singular;
}

export interface Claim<C> {
  text: string;
  value: number;
  citation: C;
  articleId: string;
}

/** Groups of claims about the same kind of count whose values differ by at most 10%: one claim per value, first source first. */
export function disagreements<C>(claims: readonly (Claim<C> & { unit: string })[]): Claim<C>[][] {
  const byUnit = new Map<string, (Claim<C> & { unit: string })[]>();
  for (const c of claims) {
    const k = unitKey(c.unit);
    if (!k) continue;
    byUnit.set(k, [...(byUnit.get(k) ?? []), c]);
  }
  const out: Claim<C>[][] = [];
  for (const list of byUnit.values()) {
    const byValue = new Map<number, Claim<C>>();
    for (const c of list) if (!byValue.has(c.value)) byValue.set(c.value, c);
    const values = [...byValue.values()].sort((a, b) => a.value - b.value);
    if (values.length < 2) continue;
    // Close values from different articles: the same figure told differently, not two different counts.
    const group = values.filter((c, _i, all) => all.some((o) => o !== c && o.articleId !== c.articleId && Math.abs(o.value - c.value) <= 0.1 * Math.max(o.value, c.value)));
    if (group.length >= 2) out.push(group.map(({ text, value, citation, articleId }) => ({ text, value, citation, articleId })));
  }
  return out;
}
