#!/usr/bin/env node
// Entry for `npx briefbot`: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
