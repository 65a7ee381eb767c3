import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const SHARED = 'electron/common/example.ts';

describe('the lint rules that keep electron/common pure', () => {
  it.each([
    ["import { join } from 'node:path';\nexport const x = join('a');\n", 'a Node module'],
    ["import { app } from 'electron';\nexport const x = app;\n", 'Electron'],
    ["import { LocketError } from '../core/errors';\nexport const x = LocketError;\n", 'the core'],
    ["import type { Settings } from '../ipc/contract';\nexport type X = Settings;\n", 'a type from outside'],
    ["import { zip } from 'fflate';\nexport const x = zip;\n", 'a package'],
    ["export { pseudonymLabel } from '../common/pseudonym-label';\n", 'a path out of the folder and back'],
  ])('refuse %j (%s) inside electron/common', async (code) => {
    expect(await ruleIdsFor(code, SHARED)).toContain('no-restricted-imports');
  });

  it('refuse Node and DOM globals inside electron/common', async () => {
    expect(await ruleIdsFor('export const n = Buffer.byteLength("a");\n', SHARED)).toContain('no-restricted-globals');
    expect(await ruleIdsFor('export const w = window.innerWidth;\n', SHARED)).toContain('no-restricted-globals');
  });

  it('allow imports within electron/common', async () => {
    expect(
      await ruleIdsFor(
        "import { pseudonymLabel } from './pseudonym-label';\nexport const x = pseudonymLabel;\n",
        SHARED,
      ),
    ).toEqual([]);
  });

  it.each([
    ['renderer/src/features/example.ts', '../../../electron/common/zoned-time'],
    ['electron/core/stats/example.ts', '../../common/zoned-time'],
    ['electron/cli/example.ts', '../common/zoned-time'],
    ['electron/main/example.ts', '../common/zoned-time'],
  ])('allow %s to import electron/common', async (filePath, from) => {
    expect(await ruleIdsFor(`import { startOfDay } from '${from}';\nexport const x = startOfDay;\n`, filePath)).toEqual(
      [],
    );
  });
});
