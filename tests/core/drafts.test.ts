// Drafts of a streaming reply go out at the platform's edit rate: the first at once, then at most
// one per interval with only the newest waiting one sent, never two at once, none after close().
import { describe, expect, it } from 'vitest';
import { throttledDrafts } from '../../src/core/drafts.ts';
import { silentLogger } from '../../src/core/log.ts';
import { paragraph, type Reply } from '../../src/core/reply.ts';
import { FakeClock, settle } from '../helpers/fake-clock.ts';

const draft = (text: string): Reply => ({ sections: [paragraph(text)] });
const textOf = (r: Reply) => (r.sections[0] as { text: string }).text;

function platform() {
  const shown: { text: string; at: number }[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  let concurrent = 0;
  let maxConcurrent = 0;
  const clock = new FakeClock('2024-11-05T18:00:00Z');
  const send = async (r: Reply) => {
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    if (hold) await new Promise<void>((resolve) => (release = resolve));
    shown.push({ text: textOf(r), at: clock.now().getTime() - Date.parse('2024-11-05T18:00:00Z') });
    concurrent--;
  };
  return { shown, clock, send, holdNext: () => (hold = true), release: () => ((hold = false), release?.()), max: () => maxConcurrent };
}

describe('throttled drafts', () => {
  it('shows the first draft at once and then the newest one per interval, skipping the ones in between', async () => {
    const p = platform();
    const s = throttledDrafts(p.send, 1000, p.clock, silentLogger);
    s.push(draft('a'));
    await settle();
    expect(p.shown).toEqual([{ text: 'a', at: 0 }]);
    s.push(draft('ab'));
    s.push(draft('abc'));
    await p.clock.advance(999);
    expect(p.shown).toHaveLength(1);
    await p.clock.advance(1);
    expect(p.shown).toEqual([
      { text: 'a', at: 0 },
      { text: 'abc', at: 1000 },
    ]);
    expect(await s.close()).toBe(true);
  });

  it('never has two drafts on the wire; close() waits for the one in flight and drops the one waiting', async () => {
    const p = platform();
    const s = throttledDrafts(p.send, 0, p.clock, silentLogger);
    p.holdNext();
    s.push(draft('slow'));
    await settle();
    s.push(draft('newer'));
    await settle();
    const closing = s.close();
    s.push(draft('after close'));
    p.release();
    expect(await closing).toBe(true);
    await p.clock.advance(5000);
    expect(p.shown.map((x) => x.text)).toEqual(['slow']);
    expect(p.max()).toBe(1);
  });

  it('a platform refusing a draft stops the drafts, not the command', async () => {
    const clock = new FakeClock('2024-11-05T18:00:00Z');
    let calls = 0;
    const s = throttledDrafts(
      async () => {
        calls++;
        throw new Error('rate limited');
      },
      0,
      clock,
      silentLogger,
    );
    s.push(draft('one'));
    await settle();
    s.push(draft('two'));
    await clock.advance(10);
    expect(calls).toBe(1);
    expect(await s.close()).toBe(false);
  });
});
