#!/usr/bin/env node
// Entry for `npx briefbot`: the CLI, from the compiled build when it is up to date, else the
// sources through tsx (bin/launch.js).
import { launch } from './launch.js';

await launch('src/cli.ts');
