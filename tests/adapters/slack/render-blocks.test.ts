// Reply → Block Kit: what a Slack user sees (escaping, bold, links, quotes, fields), and that no
// rendered message ever breaks a Block Kit limit or cuts a citation, over many generated replies.
import { describe, expect, it } from 'vitest';
import { bullets, citations, facts, heading, paragraph, quote, type Reply } from '../../../src/core/reply.ts';
import { citationMrkdwn, mrkdwn, renderBlocks, SLACK_LIMITS, type SlackBlock, type SlackMessage } from '../../../src/adapters/slack/render-blocks.ts';
import { replyGenerator } from '../../helpers/random-replies.ts';

const blockTexts = (b: SlackBlock): string[] =>
  b.type === 'header' ? [b.text.text] : b.type === 'section' ? ('text' in b ? [b.text.text] : b.fields.map((f) => f.text)) : b.type === 'context' ? b.elements.map((e) => e.text) : [];

function checkLimits(messages: SlackMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m.text.trim().length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(m.blocks.length).toBeGreaterThan(0);
    expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    for (const b of m.blocks) {
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      if (b.type === 'section' && 'text' in b) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (b.type === 'section' && 'fields' in b) {
        expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldsPerSection);
        for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
      }
      if (b.type === 'context') for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
      for (const t of blockTexts(b)) expect(t.trim().length).toBeGreaterThan(0);
    }
  }
}

describe('Block Kit rendering', () => {
  it('renders a title as a header, escapes Slack control characters and turns **bold** into *bold*', () => {
    const [m] = renderBlocks({ title: 'Q&A: <troops>', sections: [paragraph('**398 firms** in Russia & China > before')] });
    expect(m!.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Q&A: <troops>', emoji: true } });
    expect(m!.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*398 firms* in Russia &amp; China &gt; before' } });
    expect(m!.text).toContain('398 firms');
  });

  it('quotes with Slack quote marks, facts as fields, the footer as context', () => {
    const [m] = renderBlocks({ sections: [quote('Line one\nline two', 2), facts([{ label: 'Troops', value: '12,000' }])], footer: 'From 2 sources' });
    expect(m!.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '> Line one\n> line two [2]' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Troops*\n12,000' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'From 2 sources' }] },
    ]);
  });

  it('renders citations as links, and never links what is not http(s)', () => {
    const [m] = renderBlocks({
      sections: [
        citations([
          { n: 1, articleId: 'a', title: 'Troops | Kursk', url: 'https://x.test/a?b=1|2', source: 'Wire', published: '5 Nov 2024' },
          { n: 2, articleId: 'b', title: 'Local file', url: 'file:///etc/passwd' },
        ]),
      ],
    });
    expect((m!.blocks[0] as { text: { text: string } }).text.text).toBe('*Sources*\n[1] <https://x.test/a?b=1%7C2|Troops ¦ Kursk> — Wire, 5 Nov 2024\n[2] Local file');
  });

  it('separates stories with dividers and keeps each heading with its section', () => {
    const [m] = renderBlocks({ title: 'Briefing', sections: [heading('One'), bullets(['a']), heading('Two'), bullets(['b'])] });
    expect(m!.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'divider', 'section', 'section']);
  });

  it('splits a long reply into messages at section boundaries, continuing under the title', () => {
    const reply: Reply = { title: 'Long', sections: Array.from({ length: 30 }, (_, i) => [heading(`S${i}`), paragraph(`p${i}`)]).flat() };
    const messages = renderBlocks(reply);
    expect(messages.length).toBe(2);
    checkLimits(messages);
    expect(messages[1]!.blocks[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '_Long (continued)_' }] });
    for (const m of messages) {
      const s = JSON.stringify(m.blocks);
      for (const h of s.matchAll(/\*S(\d+)\*/g)) expect(s).toContain(`p${h[1]}`);
    }
  });

  it('property: many generated replies never break a limit, never cut a citation, keep every citation once', () => {
    const next = replyGenerator(20241030);
    for (let i = 0; i < 60; i++) {
      const reply = next();
      const messages = renderBlocks(reply);
      checkLimits(messages);
      const lines = messages.flatMap((m) => m.blocks.flatMap(blockTexts)).flatMap((t) => t.split('\n'));
      for (const s of reply.sections) {
        if (s.kind !== 'citations') continue;
        for (const c of s.items) expect(lines).toContain(citationMrkdwn(c));
      }
      const citationCount = reply.sections.reduce((n, s) => n + (s.kind === 'citations' ? s.items.length : 0), 0);
      expect(lines.filter((l) => /^\[\d+\] /.test(l)).length).toBe(citationCount);
      // Paragraph text survives whole (only whitespace at split points may go).
      const all = messages
        .flatMap((m) => m.blocks.filter((b) => b.type === 'section').flatMap(blockTexts))
        .join('')
        .replace(/\s/g, '');
      for (const s of reply.sections) {
        if (s.kind === 'paragraph' && !all.includes(mrkdwn(s.text).replace(/\s/g, ''))) throw new Error(`reply ${i}: a paragraph lost text`);
      }
    }
  });
});

describe('Block Kit rendering of empty content', () => {
  it('never produces a message without blocks, even for empty sections', () => {
    for (const reply of [{ sections: [] }, { sections: [paragraph(''), bullets([])] }, { title: '  ', sections: [paragraph('   ')] }] as Reply[]) {
      const messages = renderBlocks(reply);
      checkLimits(messages);
    }
  });
});

describe('mentions in articles and questions never ping', () => {
  const PINGS = '<!channel> <!here> <!everyone> <@U0ADMIN> <!subteam^S0TEAM> <#C0GENERAL> @everyone @here & <https://evil.example|click>';
  const reply: Reply = {
    title: `Breaking ${PINGS}`,
    sections: [
      heading(`Story ${PINGS}`),
      paragraph(`Para ${PINGS}`),
      bullets([`Point ${PINGS}`]),
      quote(`Quote ${PINGS}`, 1),
      facts([{ label: `Label ${PINGS}`, value: `Value ${PINGS}` }]),
      citations([{ n: 1, articleId: 'a1', title: `Title ${PINGS}`, source: `Source ${PINGS}`, url: 'https://news.example.com/a?x=<!channel>', published: '5 Nov 2024' }]),
    ],
    footer: `Footer ${PINGS}`,
  };

  it('every mrkdwn text and the fallback text escape <, > and &; only our own links stay as <url|label>', () => {
    for (const m of renderBlocks(reply)) {
      const mrkdwnTexts = m.blocks.filter((b) => b.type !== 'header').flatMap(blockTexts);
      for (const text of [...mrkdwnTexts, m.text]) {
        // The only Slack control sequence left is the citation link we made, with its URL encoded.
        const controls = [...text.matchAll(/<[^>]*>/g)].map((x) => x[0]);
        for (const c of controls) expect(c).toMatch(/^<https:\/\/news\.example\.com\/a\?x=%3C!channel%3E\|/);
        expect(text).not.toMatch(/<[!@#]/);
        expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }
      expect(m.text).toContain('&lt;!channel&gt;');
    }
  });
});
