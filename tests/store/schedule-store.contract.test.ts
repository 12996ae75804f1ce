// One contract for the ScheduleStore port (subscriptions and the delivery ledger), run against
// SQLite and PostgreSQL, including two connections racing for the same claims as two bot
// processes would.
import { beforeEach, expect, it } from 'vitest';
import type { ClaimInput, PreparedBriefing, ScheduleStore, Subscription } from '../../src/core/schedule/types.ts';
import { describeStoreContract } from '../helpers/stores.ts';

const T0 = '2025-05-12T08:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

// Indented as the per-kind loop it replaced, so the diff stays small.
describeStoreContract('ScheduleStore', (db) => {
    let store: ScheduleStore;
    let sub: Subscription;
    const claimOf = (over: Partial<ClaimInput> = {}): ClaimInput => ({
      id: 'd1',
      subscriptionId: sub.id,
      localDate: '2025-05-12',
      dueAt: T0,
      late: false,
      claimedBy: 'p1',
      leaseUntil: at(10),
      ...over,
    });
    beforeEach(async () => {
      store = db.stores.schedule;
      sub = await store.saveSubscription({ platform: 'slack', channelId: 'C1', time: '08:00', timeZone: 'Europe/Berlin', topic: '  ukraine ', createdBy: 'U1' }, at(-60));
    });

    it('keeps one subscription per channel: subscribing again updates it in place and clears failures', async () => {
      expect(sub).toMatchObject({
        platform: 'slack',
        channelId: 'C1',
        workspaceId: null,
        time: '08:00',
        timeZone: 'Europe/Berlin',
        topic: 'ukraine',
        status: 'active',
        failingReason: null,
        lastError: null,
        activeFrom: at(-60),
        createdBy: 'U1',
        createdAt: at(-60),
        updatedAt: at(-60),
      });
      await store.markFailing(sub.id, 'missing access', at(-30));
      await store.setLastError(sub.id, 'timeout', at(-30));
      expect(await store.getSubscription('slack', 'C1')).toMatchObject({ status: 'failing', failingReason: 'missing access', failingSince: at(-30), lastError: 'timeout' });
      const again = await store.saveSubscription({ platform: 'slack', channelId: 'C1', workspaceId: 'T1', time: '09:30', timeZone: 'UTC' }, at(-10));
      expect(again).toMatchObject({ id: sub.id, time: '09:30', timeZone: 'UTC', topic: null, workspaceId: 'T1', status: 'active', failingReason: null, failingSince: null, lastError: null, activeFrom: at(-10) });
      expect(await store.getSubscriptionById(sub.id)).toEqual(again);
      expect(await store.getSubscription('discord', 'C1')).toBeUndefined();
      expect(await store.getSubscriptionById('nope')).toBeUndefined();
    });

    it('accepts a NUL pasted into a topic (PostgreSQL text cannot hold one: it is dropped there)', async () => {
      const s = await store.saveSubscription({ platform: 'slack', channelId: 'C9', time: '08:00', timeZone: 'UTC', topic: 'north\0korea' }, T0);
      expect(s.status).toBe('active');
      expect(s.topic?.replace(/\0/g, '')).toBe('northkorea');
    });

    it('lists active subscriptions oldest first; stopped and failing ones are left out', async () => {
      const s2 = await store.saveSubscription({ platform: 'discord', channelId: '42', time: '07:00', timeZone: 'UTC' }, at(-50));
      const s3 = await store.saveSubscription({ platform: 'slack', channelId: 'C3', time: '07:00', timeZone: 'UTC' }, at(-40));
      expect((await store.activeSubscriptions()).map((s) => s.id)).toEqual([sub.id, s2.id, s3.id]);
      expect(await store.stopSubscription('discord', '42', at(-5))).toBe(true);
      expect(await store.stopSubscription('discord', '42', at(-4))).toBe(false);
      expect(await store.stopSubscription('slack', 'nobody', at(-4))).toBe(false);
      await store.markFailing(s3.id, 'gone', at(-3));
      expect((await store.activeSubscriptions()).map((s) => s.id)).toEqual([sub.id]);
      // A stopped subscription does not become failing.
      await store.markFailing(s2.id, 'x', at(-2));
      expect((await store.getSubscriptionById(s2.id))!.status).toBe('stopped');
    });

    it('claims a (subscription, local date) once, whatever the id', async () => {
      expect(await store.claim(claimOf(), T0)).toBe(true);
      expect(await store.claim(claimOf({ claimedBy: 'p2' }), T0)).toBe(false);
      expect(await store.claim(claimOf({ id: 'other-id', claimedBy: 'p2' }), T0)).toBe(false);
      expect(await store.getDelivery('d1')).toMatchObject({
        id: 'd1',
        subscriptionId: sub.id,
        localDate: '2025-05-12',
        dueAt: T0,
        state: 'claimed',
        late: false,
        claimedBy: 'p1',
        leaseUntil: at(10),
        attempts: 0,
        messageId: null,
        postedAt: null,
        nothingNew: false,
        createdAt: T0,
      });
      expect(await store.deliveryKeysSince('2025-05-12')).toEqual(new Set([`${sub.id}|2025-05-12`]));
      expect(await store.deliveryKeysSince('2025-05-13')).toEqual(new Set());
      expect(await store.getDelivery('nope')).toBeUndefined();
    });

    it('renews only its own lease, counting attempts; a finished delivery cannot be renewed', async () => {
      await store.claim(claimOf(), T0);
      expect(await store.renewLease('d1', 'p2', at(20), at(1))).toBe(false);
      expect(await store.renewLease('d1', 'p1', at(20), at(1))).toBe(true);
      expect(await store.renewLease('d1', 'p1', at(21), at(2))).toBe(true);
      expect(await store.getDelivery('d1')).toMatchObject({ attempts: 2, leaseUntil: at(21), updatedAt: at(2) });
      await store.markPosted('d1', { messageId: 'm1', postedAt: at(3), briefedUntil: at(2), nothingNew: true }, at(3));
      expect(await store.renewLease('d1', 'p1', at(30), at(4))).toBe(false);
      expect(await store.getDelivery('d1')).toMatchObject({ state: 'posted', messageId: 'm1', postedAt: at(3), briefedUntil: at(2), nothingNew: true, leaseUntil: null });
    });

    it('lets a claim be taken over only after its lease ran out, by one taker only', async () => {
      await store.claim(claimOf(), T0);
      expect(await store.expiredClaims(at(9))).toEqual([]);
      expect(await store.takeOver('d1', 'p2', at(25), at(9))).toBe(false);
      expect((await store.expiredClaims(at(10))).map((d) => d.id)).toEqual(['d1']);
      expect(await store.takeOver('d1', 'p2', at(25), at(10))).toBe(true);
      expect(await store.takeOver('d1', 'p3', at(25), at(11))).toBe(false);
      expect(await store.getDelivery('d1')).toMatchObject({ claimedBy: 'p2', leaseUntil: at(25) });
      // The old owner finds the claim is no longer its own.
      expect(await store.renewLease('d1', 'p1', at(30), at(12))).toBe(false);
    });

    it('hands a claim back on shutdown so it is recoverable at once; only the owner can', async () => {
      await store.claim(claimOf(), T0);
      await store.release('d1', 'p2', at(1));
      expect(await store.expiredClaims(at(1))).toEqual([]);
      await store.release('d1', 'p1', at(1));
      expect((await store.expiredClaims(at(1))).map((d) => d.id)).toEqual(['d1']);
    });

    it('records failed and skipped deliveries only from a claim, and skipped dates only once', async () => {
      await store.claim(claimOf(), T0);
      await store.markFailed('d1', 'gave up', at(1));
      await store.markSkipped('d1', 'too late', at(2));
      expect(await store.getDelivery('d1')).toMatchObject({ state: 'failed', error: 'gave up', leaseUntil: null });
      await store.claim(claimOf({ id: 'd2', localDate: '2025-05-13' }), T0);
      await store.markSkipped('d2', 'recovered too late', at(1));
      expect(await store.getDelivery('d2')).toMatchObject({ state: 'skipped', error: 'recovered too late' });
      const skip = { id: 'd3', subscriptionId: sub.id, localDate: '2025-05-10', dueAt: at(-3000), reason: 'missed' };
      expect(await store.recordSkipped(skip, T0)).toBe(true);
      expect(await store.recordSkipped({ ...skip, id: 'd4' }, T0)).toBe(false);
      expect(await store.recordSkipped({ ...skip, localDate: '2025-05-12' }, T0)).toBe(false);
      expect(await store.getDelivery('d3')).toMatchObject({ state: 'skipped', late: true, error: 'missed', claimedBy: null });
    });

    it('keeps the prepared briefing (once, by the owner) and each posted part of a long briefing', async () => {
      await store.claim(claimOf(), T0);
      const prepared: PreparedBriefing = {
        reply: { title: 'Daily briefing', sections: [{ kind: 'paragraph', text: 'Troops “moved” — 12,000 of them.' }], footer: 'ref' },
        briefedUntil: at(1),
        nothingNew: false,
      };
      expect(await store.savePrepared('d1', 'p2', prepared, at(1))).toBe(false);
      expect(await store.savePrepared('d1', 'p1', prepared, at(1))).toBe(true);
      expect(await store.savePrepared('d1', 'p1', { ...prepared, nothingNew: true }, at(2))).toBe(false);
      expect((await store.getDelivery('d1'))!.prepared).toEqual(prepared);
      expect(await store.postedParts('d1')).toEqual([]);
      await store.markPartPosted('d1', { part: 2, of: 3, messageId: 'm2' }, at(2));
      await store.markPartPosted('d1', { part: 1, of: 3, messageId: 'm1' }, at(2));
      await store.markPartPosted('d1', { part: 1, of: 3, messageId: 'm1-again' }, at(3));
      expect(await store.postedParts('d1')).toEqual([
        { part: 1, of: 3, messageId: 'm1' },
        { part: 2, of: 3, messageId: 'm2' },
      ]);
      await store.claim(claimOf({ id: 'd2', localDate: '2025-05-13' }), T0);
      expect((await store.getDelivery('d2'))!.prepared).toBeNull();
    });

    it('lists a subscription’s deliveries newest first and finds the last posted one', async () => {
      for (const [i, date] of ['2025-05-10', '2025-05-11', '2025-05-12'].entries()) {
        await store.claim(claimOf({ id: `d${i}`, localDate: date }), T0);
      }
      await store.markPosted('d0', { messageId: 'm0', postedAt: at(1), briefedUntil: null, nothingNew: false }, at(1));
      await store.markPosted('d1', { messageId: 'm1', postedAt: at(2), briefedUntil: at(2), nothingNew: false }, at(2));
      expect((await store.deliveriesOf(sub.id)).map((d) => d.localDate)).toEqual(['2025-05-12', '2025-05-11', '2025-05-10']);
      expect((await store.deliveriesOf(sub.id, 1)).map((d) => d.id)).toEqual(['d2']);
      expect(await store.lastPosted(sub.id)).toMatchObject({ id: 'd1', messageId: 'm1', briefedUntil: at(2) });
      expect(await store.lastPosted('nobody')).toBeUndefined();
    });

    it('two connections racing for the same claims and take-overs: each delivery is won exactly once', async () => {
      const other = (await db.connect()).schedule;
      const subs: Subscription[] = [];
      for (let i = 0; i < 20; i++) subs.push(await store.saveSubscription({ platform: 'slack', channelId: `R${i}`, time: '08:00', timeZone: 'UTC' }, at(-60)));
      const race = (s: ScheduleStore, who: string) =>
        Promise.all(subs.map((x, i) => s.claim(claimOf({ id: `r${i}`, subscriptionId: x.id, claimedBy: who }), T0)));
      const [a, b] = await Promise.all([race(store, 'p1'), race(other, 'p2')]);
      expect(a.map((won, i) => Number(won) + Number(b[i]))).toEqual(subs.map(() => 1));

      // Every lease runs out; both try to recover every claim at the same moment.
      const takeAll = (s: ScheduleStore, who: string) => Promise.all(subs.map((_, i) => s.takeOver(`r${i}`, who, at(40), at(20))));
      const [ta, tb] = await Promise.all([takeAll(store, 'p3'), takeAll(other, 'p4')]);
      expect(ta.map((won, i) => Number(won) + Number(tb[i]))).toEqual(subs.map(() => 1));
      expect(await store.expiredClaims(at(20))).toEqual([]);
    });
  });
