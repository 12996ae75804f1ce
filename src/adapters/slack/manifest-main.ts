// `npm run slack:manifest [-- --url https://your.host] [-- --socket-mode] [-- --out FILE]`: writes the
// Slack app manifest for every command in commands/ (default: slack-manifest.json).
import { writeFileSync } from 'node:fs';
import { commands } from '../../../commands/index.ts';
import { manifestJson } from './manifest.ts';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

const out = arg('--out') ?? 'slack-manifest.json';
const url = arg('--url');
if (url !== undefined && !/^https:\/\/[^\s/]+/.test(url)) {
  process.stderr.write('--url must be the bot\'s public https:// address, e.g. https://briefbot.example.org\n');
  process.exit(2);
}
const socketMode = process.argv.includes('--socket-mode');
writeFileSync(out, manifestJson(commands, { url, socketMode }));
process.stdout.write(`Wrote ${out}: ${commands.length} slash commands${socketMode ? ', Socket Mode' : `, Request URL ${url ?? '(placeholder, pass --url)'}`}\n`);
