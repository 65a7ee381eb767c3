import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the lint rules that keep the layers apart', () => {
  it('refuse an Electron import inside electron/core', async () => {
    expect(
      await ruleIdsFor("import { app } from 'electron';\nexport const x = app;\n", 'electron/core/vault/example.ts'),
    ).toContain('no-restricted-imports');
  });

  it('refuse ipcMain outside bind-ipc.ts', async () => {
    expect(
      await ruleIdsFor("import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", 'electron/main/menu.ts'),
    ).toContain('no-restricted-imports');
  });

  it('refuse the core from the renderer', async () => {
    expect(
      await ruleIdsFor(
        "import { LocketError } from '../../electron/core/errors';\nexport const x = LocketError;\n",
        'renderer/src/example.ts',
      ),
    ).toContain('no-restricted-imports');
  });

  it('allow plain Node imports in the core', async () => {
    expect(
      await ruleIdsFor(
        "import { join } from 'node:path';\nexport const x = join('a');\n",
        'electron/core/vault/example.ts',
      ),
    ).toEqual([]);
  });
});
