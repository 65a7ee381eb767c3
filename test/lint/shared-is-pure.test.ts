import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const SHARED = 'electron/shared/example.ts';

describe('the lint rules that keep electron/shared pure', () => {
  it.each([
    ["import { join } from 'node:path';\nexport const x = join('a');\n", 'a Node module'],
    ["import { app } from 'electron';\nexport const x = app;\n", 'Electron'],
    ["import { LocketError } from '../core/errors';\nexport const x = LocketError;\n", 'the core'],
    ["import type { Settings } from '../ipc/contract';\nexport type X = Settings;\n", 'a type from outside'],
    ["import { zip } from 'fflate';\nexport const x = zip;\n", 'a package'],
    ["export { pseudonymLabel } from '../shared/pseudonym-label';\n", 'a path out of the folder and back'],
  ])('refuse %j (%s) inside electron/shared', async (code) => {
    expect(await ruleIdsFor(code, SHARED)).toContain('no-restricted-imports');
  });

  it('refuse Node and DOM globals inside electron/shared', async () => {
    expect(await ruleIdsFor('export const n = Buffer.byteLength("a");\n', SHARED)).toContain('no-restricted-globals');
    expect(await ruleIdsFor('export const w = window.innerWidth;\n', SHARED)).toContain('no-restricted-globals');
  });

  it('allow imports within electron/shared', async () => {
    expect(
      await ruleIdsFor(
        "import { pseudonymLabel } from './pseudonym-label';\nexport const x = pseudonymLabel;\n",
        SHARED,
      ),
    ).toEqual([]);
  });

  it.each([
    ['renderer/src/features/example.ts', '../../../electron/shared/zoned-time'],
    ['electron/core/stats/example.ts', '../../shared/zoned-time'],
    ['electron/cli/example.ts', '../shared/zoned-time'],
    ['electron/main/example.ts', '../shared/zoned-time'],
  ])('allow %s to import electron/shared', async (filePath, from) => {
    expect(await ruleIdsFor(`import { startOfDay } from '${from}';\nexport const x = startOfDay;\n`, filePath)).toEqual(
      [],
    );
  });
});
