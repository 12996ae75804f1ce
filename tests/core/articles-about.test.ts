// Articles about a topic (/sources with a topic, topic briefings) come from a bounded number of
// matches, the newest, on both stores: a common topic no longer reads every matching sentence.
import { expect, it } from 'vitest';
import { articlesAbout } from '../../src/core/articles/lookup.ts';
import { articleRecord as record, describeStoreContract } from '../helpers/stores.ts';

const day = (d: number) => `2025-05-${String(10 + d).padStart(2, '0')}T08:00:00.000Z`;

describeStoreContract('articlesAbout', (db) => {
  it('reads only the newest matches it may, by sentence and by title, and lists the newest first', async () => {
    const store = db.stores.articles;
    for (let i = 0; i < 6; i++) await store.insertArticle(record(`s${i}`, [`The port strike in Antwerp went on for day ${i}.`, 'Nothing else happened.']), day(i));
    for (let i = 0; i < 4; i++) await store.insertArticle({ ...record(`t${i}`, [`Shipping news number ${i}.`]), title: `Dockers walk out, day ${i}` }, day(6 + i));
    await store.insertArticle(record('other', ['Markets were calm.']), day(12));
    const ids = async (topic: string, opts: { limit?: number; reads?: number; since?: string } = {}) => (await articlesAbout(store, topic, opts)).map((a) => a.id);

    expect(await ids('port strike')).toEqual(['s5', 's4', 's3', 's2', 's1', 's0']);
    // The newest three sentences with every word of the topic, so the newest three articles.
    expect(await ids('port strike', { reads: 3 })).toEqual(['s5', 's4', 's3']);
    expect(await ids('port strike', { limit: 2 })).toEqual(['s5', 's4']);
    expect(await ids('port strike', { since: day(4) })).toEqual(['s5', 's4']);
    // Titles too: the newest two that hold the topic's words.
    expect(await ids('dockers')).toEqual(['t3', 't2', 't1', 't0']);
    expect(await ids('dockers', { reads: 2 })).toEqual(['t3', 't2']);
  });
});
