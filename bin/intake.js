#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so `npx intake …` works in a checkout after `npm ci`.
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/cli/main.ts', import.meta.url);
