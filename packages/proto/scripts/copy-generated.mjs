// tsc does not copy .js/.d.ts inputs; put the generated module beside the compiled index.
import { cpSync } from 'node:fs';
const root = new URL('..', import.meta.url).pathname;
cpSync(`${root}src/generated`, `${root}dist/generated`, { recursive: true });
