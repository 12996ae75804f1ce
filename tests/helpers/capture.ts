// Saves real payloads seen in e2e tests (for docs/platforms.md) when BRIEFBOT_CAPTURE_DIR is set.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function capture(name: string, data: unknown): Promise<void> {
  const dir = process.env.BRIEFBOT_CAPTURE_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), `${JSON.stringify(data, null, 2)}\n`);
}
