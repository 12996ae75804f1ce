// Wall-clock maths with Intl only: local dates, next occurrences, DST gaps and overlaps.
import { describe, expect, it } from 'vitest';
import { instantsAt, localDate, nextOccurrence, occurrenceOn, formatLocal } from '../../src/core/schedule/zoned-time.ts';
import { parseTimeOfDay, parseTimeZone } from '../../src/core/schedule/parse-time.ts';

const iso = (d: Date) => d.toISOString();

describe('zoned time', () => {
  it('gives the local date of an instant in the zone, not in UTC', () => {
    expect(localDate(new Date('2025-03-30T23:30:00Z'), 'Europe/Berlin')).toBe('2025-03-31');
    expect(localDate(new Date('2025-03-30T23:30:00Z'), 'America/New_York')).toBe('2025-03-30');
    expect(localDate(new Date('2025-03-30T12:00:00Z'), 'Pacific/Kiritimati')).toBe('2025-03-31');
  });

  it('keeps 08:00 at 08:00 local across the spring and autumn changes', () => {
    const at = (d: string) => iso(occurrenceOn(d, { hour: 8, minute: 0 }, 'Europe/Berlin'));
    expect([at('2025-03-29'), at('2025-03-30'), at('2025-10-25'), at('2025-10-26')]).toEqual([
      '2025-03-29T07:00:00.000Z',
      '2025-03-30T06:00:00.000Z',
      '2025-10-25T06:00:00.000Z',
      '2025-10-26T07:00:00.000Z',
    ]);
    const ny = (d: string) => iso(occurrenceOn(d, { hour: 8, minute: 0 }, 'America/New_York'));
    expect([ny('2025-03-08'), ny('2025-03-09')]).toEqual(['2025-03-08T13:00:00.000Z', '2025-03-09T12:00:00.000Z']);
  });

  it('moves a time that does not exist (spring forward) to the next valid minute', () => {
    expect(instantsAt('2025-03-30', { hour: 2, minute: 30 }, 'Europe/Berlin')).toEqual([]);
    expect(iso(occurrenceOn('2025-03-30', { hour: 2, minute: 30 }, 'Europe/Berlin'))).toBe('2025-03-30T01:00:00.000Z'); // 03:00 CEST
    // Lord Howe moves by 30 minutes: 02:15 → 02:30.
    expect(formatLocal(occurrenceOn('2025-10-05', { hour: 2, minute: 15 }, 'Australia/Lord_Howe'), 'Australia/Lord_Howe')).toMatch(/02:30/);
  });

  it('takes the first of a time that occurs twice (fall back)', () => {
    expect(instantsAt('2025-10-26', { hour: 2, minute: 30 }, 'Europe/Berlin').map(iso)).toEqual(['2025-10-26T00:30:00.000Z', '2025-10-26T01:30:00.000Z']);
    expect(iso(occurrenceOn('2025-10-26', { hour: 2, minute: 30 }, 'Europe/Berlin'))).toBe('2025-10-26T00:30:00.000Z');
  });

  it('finds the next occurrence after an instant', () => {
    const t = { hour: 8, minute: 0 };
    expect(iso(nextOccurrence(t, 'Europe/Berlin', new Date('2025-03-30T05:59:00Z')))).toBe('2025-03-30T06:00:00.000Z');
    expect(iso(nextOccurrence(t, 'Europe/Berlin', new Date('2025-03-30T06:00:00Z')))).toBe('2025-03-31T06:00:00.000Z');
    // 23:30 in Kolkata (UTC+5:30) is 18:00 UTC; at exactly that instant the next one is tomorrow's.
    expect(iso(nextOccurrence({ hour: 23, minute: 30 }, 'Asia/Kolkata', new Date('2025-01-01T18:00:00Z')))).toBe('2025-01-02T18:00:00.000Z');
  });

  it('reads times and zones as people type them, refusing the rest with an example', () => {
    expect(parseTimeOfDay('08:00')).toEqual({ hour: 8, minute: 0 });
    expect(parseTimeOfDay('8am')).toEqual({ hour: 8, minute: 0 });
    expect(parseTimeOfDay('8:30pm')).toEqual({ hour: 20, minute: 30 });
    expect(parseTimeOfDay('12am')).toEqual({ hour: 0, minute: 0 });
    expect(parseTimeOfDay('12:15PM')).toEqual({ hour: 12, minute: 15 });
    for (const bad of ['25:00', '8', '08:60', '13pm', '0am', 'noon']) expect(() => parseTimeOfDay(bad)).toThrow(/HH:MM.*\/subscribe 08:00 Europe\/Berlin/);
    expect(parseTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(parseTimeZone('UTC')).toBe('UTC');
    expect(() => parseTimeZone('Mars/Olympus_Mons')).toThrow(/Europe\/Berlin/);
  });
});
