import { afterAll, beforeAll } from 'vitest';
import { createSearchVault } from './search-vault';

/**
 * The search vault (search-vault.ts) for a CLI spec file that only reads it: made once before the file's tests,
 * locked as the CLI finds a vault on disk, and removed after them. Call it at the top of the file; `dir` is known
 * once the tests run.
 */
export function lockedSearchVaultForFile(): { readonly dir: string } {
  let dir: string | null = null;
  let remove = (): void => {};
  beforeAll(async () => {
    const created = await createSearchVault();
    await created.session.lock();
    dir = created.dir;
    remove = created.remove;
  });
  afterAll(() => remove());
  return {
    get dir(): string {
      if (dir === null) throw new Error('the search vault is made in beforeAll: read its folder inside a test');
      return dir;
    },
  };
}
