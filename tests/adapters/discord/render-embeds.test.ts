// Reply → Discord embeds: what a Discord user sees (markdown kept or escaped, links, quotes, fields,
// plain messages for short refusals), and that no rendered message ever breaks a Discord limit or
// cuts a citation, over many generated replies.
import { describe, expect, it } from 'vitest';
import { bullets, citations, facts, heading, paragraph, quote, type Reply } from '../../../src/core/reply.ts';
import { citationMarkdown, DISCORD_LIMITS, embedChars, markdown, renderEmbeds, type DiscordMessage } from '../../../src/adapters/discord/render-embeds.ts';
import { replyGenerator } from '../../helpers/random-replies.ts';

function checkLimits(messages: DiscordMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect((m.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    expect(m.embeds.length > 0 || (m.content ?? '').trim().length > 0).toBe(true);
    expect(m.embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.totalPerMessage);
    for (const e of m.embeds) {
      expect(embedChars(e)).toBeGreaterThan(0);
      expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
      expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
      for (const f of e.fields ?? []) {
        expect(f.name.length).toBeGreaterThan(0);
        expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
        expect(f.value.length).toBeGreaterThan(0);
        expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      }
    }
  }
}

describe('Discord embed rendering', () => {
  it('keeps **bold** and escapes markdown that came from article text', () => {
    expect(markdown('**398 firms** in snake_case with *stars*, `code`, a|b and ~x~')).toBe('**398 firms** in snake\\_case with \\*stars\\*, \\`code\\`, a\\|b and \\~x\\~');
    expect(markdown('# not a heading\n- not a list\n> not a quote')).toBe('\\# not a heading\n\\- not a list\n\\> not a quote');
  });

  it('a short untitled refusal is a plain message; anything else is an embed with title, quote and fields', () => {
    expect(renderEmbeds({ sections: [paragraph('That is too long.')], private: true })).toEqual([{ content: 'That is too long.', embeds: [] }]);
    const [m] = renderEmbeds({ title: 'Answer', sections: [paragraph('12,000'), quote('Line', 1), facts([{ label: 'Troops', value: '12,000' }])], footer: 'From 1 source' });
    expect(m!.content).toBeUndefined();
    expect(m!.embeds).toEqual([
      { color: expect.any(Number), title: 'Answer', description: '12,000\n\n> Line [1]', fields: [{ name: 'Troops', value: '12,000', inline: true }], footer: { text: 'From 1 source' } },
    ]);
  });

  it('renders citations as masked links, never linking what is not http(s)', () => {
    const [m] = renderEmbeds({
      title: 'Sources',
      sections: [
        citations([
          { n: 1, articleId: 'a', title: 'Troops [update]', url: 'https://x.test/a_(b)', source: 'Wire', published: '5 Nov 2024' },
          { n: 2, articleId: 'b', title: 'Script', url: 'javascript:alert(1)' },
        ]),
      ],
    });
    expect(m!.embeds[0]!.description).toBe('**Sources**\n[1] [Troops \\[update\\]](https://x.test/a_%28b%29) — Wire, 5 Nov 2024\n[2] Script');
  });

  it('splits a long reply into messages at section boundaries, continuing under the title', () => {
    const reply: Reply = { title: 'Long', sections: Array.from({ length: 12 }, (_, i) => [heading(`S${i}`), bullets([`p${i} ${'word '.repeat(300)}`])]).flat(), footer: 'end' };
    const messages = renderEmbeds(reply);
    expect(messages.length).toBeGreaterThan(1);
    checkLimits(messages);
    expect(messages[1]!.embeds[0]!.title).toBe('Long (continued)');
    expect(messages.at(-1)!.embeds.at(-1)!.footer).toEqual({ text: 'end' });
    for (const m of messages) {
      const s = JSON.stringify(m.embeds);
      for (const h of s.matchAll(/\*\*S(\d+)\*\*/g)) expect(s).toContain(`p${h[1]} `);
    }
  });

  it('property: many generated replies never break a limit, never cut a citation, keep every citation once', () => {
    const next = replyGenerator(20241105);
    for (let i = 0; i < 60; i++) {
      const reply = next();
      const marker = i % 3 === 0 ? `ref ${'a'.repeat(20)}` : undefined;
      const messages = renderEmbeds(reply, { marker });
      checkLimits(messages);
      // Every message carries the marker, numbered when there are several.
      if (marker) messages.forEach((m, j) => expect(m.embeds.at(-1)!.footer!.text.endsWith(messages.length > 1 ? `${marker} ${j + 1}/${messages.length}` : marker)).toBe(true));
      const lines = messages.flatMap((m) => m.embeds.map((e) => e.description ?? '')).flatMap((d) => d.split('\n'));
      for (const s of reply.sections) {
        if (s.kind !== 'citations') continue;
        for (const c of s.items) expect(lines).toContain(citationMarkdown(c));
      }
      const citationCount = reply.sections.reduce((n, s) => n + (s.kind === 'citations' ? s.items.length : 0), 0);
      expect(lines.filter((l) => /^\[\d+\] /.test(l)).length).toBe(citationCount);
      const all = messages.flatMap((m) => [m.content ?? '', ...m.embeds.map((e) => e.description ?? '')]).join('').replace(/\s/g, '');
      for (const s of reply.sections) {
        if (s.kind === 'paragraph' && !all.includes(markdown(s.text).replace(/\s/g, ''))) throw new Error(`reply ${i}: a paragraph lost text`);
      }
    }
  });
});

describe('Discord rendering of empty content', () => {
  it('never produces an empty message or embed, even for empty sections', () => {
    for (const reply of [{ sections: [] }, { sections: [paragraph(''), bullets([])] }, { title: '  ', sections: [paragraph('   ')] }] as Reply[]) {
      checkLimits(renderEmbeds(reply));
    }
  });
});
