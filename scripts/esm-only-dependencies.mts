import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Runtime dependencies that CommonJS cannot require(): their package.json `exports` offer only an `import`
 * condition (plist 5 is one). An external require('plist') throws ERR_PACKAGE_PATH_NOT_EXPORTED at start-up, so
 * the CommonJS builds (main + workers, and the CLI) bundle these few; every other dependency stays external.
 */
export function dependenciesCommonJsCannotRequire(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const requireFromRoot = createRequire(join(root, 'package.json'));
  return Object.keys(pkg.dependencies ?? {}).filter((name) => {
    try {
      requireFromRoot.resolve(name);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
    }
  });
}
