// commands/ → Discord chat-input command JSON: typed options, required first, Discord's limits.
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { defineCommand } from '../../../src/core/command.ts';
import { commandSchema, commandSchemas, OPTION_TYPE } from '../../../src/adapters/discord/command-schema.ts';

describe('Discord command schema', () => {
  it('describes every command in commands/ within Discord limits', () => {
    const schemas = commandSchemas(commands);
    expect(schemas.map((s) => s.name)).toEqual(commands.map((c) => c.name));
    for (const s of schemas) {
      expect(s.type).toBe(1);
      expect(s.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.description.length).toBeLessThanOrEqual(100);
      // Subcommands (type 1) carry their own options, under the same rules.
      for (const list of [s.options, ...s.options.map((o) => ('options' in o ? o.options : []))]) {
        const required = list.map((o) => ('required' in o ? o.required : false));
        const firstOptional = required.indexOf(false);
        if (firstOptional >= 0) expect(required.slice(firstOptional).every((r) => !r)).toBe(true);
        for (const o of list) expect(o.description.length).toBeLessThanOrEqual(100);
      }
    }
    expect(schemas.find((s) => s.name === 'ask')!.options).toEqual([{ type: 3, name: 'question', description: 'Your question', required: true, max_length: 500 }]);
  });

  it('/feed: subscribe, list and remove as subcommands, each with only its own options', () => {
    const feed = commandSchemas(commands).find((s) => s.name === 'feed')!;
    expect(feed.options.map((o) => [o.type, o.name])).toEqual([
      [1, 'subscribe'],
      [1, 'list'],
      [1, 'remove'],
    ]);
    const sub = (n: string) => feed.options.find((o) => o.name === n) as { options: { name: string; required: boolean }[] };
    expect(sub('subscribe').options.map((o) => [o.name, o.required])).toEqual([
      ['feed', true],
      ['every', false],
    ]);
    expect(sub('list').options).toEqual([]);
    expect(sub('remove').options.map((o) => [o.name, o.required])).toEqual([['feed', true]]);
  });

  it('types options, puts required ones first, and carries choices and lengths', () => {
    const cmd = defineCommand({
      name: 'Feed',
      description: 'x'.repeat(150),
      options: {
        limit: { type: 'integer', description: 'How many' },
        action: { type: 'string', description: 'What to do', required: true, choices: ['add', 'remove', 'list'] },
        quiet: { type: 'boolean', description: 'No reply', required: true },
      },
      run: () => ({ sections: [] }),
    });
    const s = commandSchema(cmd);
    expect(s.name).toBe('feed');
    expect(s.description).toHaveLength(100);
    expect(s.options).toEqual([
      { type: OPTION_TYPE.string, name: 'action', description: 'What to do', required: true, max_length: 1000, choices: [{ name: 'add', value: 'add' }, { name: 'remove', value: 'remove' }, { name: 'list', value: 'list' }] },
      { type: OPTION_TYPE.boolean, name: 'quiet', description: 'No reply', required: true },
      { type: OPTION_TYPE.integer, name: 'limit', description: 'How many', required: false },
    ]);
  });

  it('refuses names Discord would refuse, and duplicates', () => {
    const bad = defineCommand({ name: 'two words', description: 'd', options: {}, run: () => ({ sections: [] }) });
    expect(() => commandSchema(bad)).toThrow(/not a valid Discord name/);
    expect(() => commandSchemas([commands[0]!, commands[0]!])).toThrow(/two commands are named/);
  });
});
