import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(repo, 'node_modules/.bin', name);
const isBuilt = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'].every((file) =>
  existsSync(join(repo, file)),
);
const ELECTRON_VERSION = '45.5.0';

/**
 * What electron-builder needs from an unpacked Electron to pack the app offline (docs/toolchain.md): an `electron`
 * executable, its version and its licences. The executable is a stub; nothing here ever runs it.
 */
function stubElectronDist(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stub Electron for packaging tests" >&2\nexit 1\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), ELECTRON_VERSION);
  writeFileSync(join(dir, 'LICENSE'), 'stub\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stub</title>\n');
  return dir;
}

/** Packages the built main-process bundles require() at run time (Node built-ins, electron and chunks aside). */
function packagesRequiredByMain(): string[] {
  const mainDir = join(repo, 'out/main');
  const bundles = readdirSync(mainDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
  const names = bundles.flatMap((file) =>
    [...readFileSync(join(mainDir, file), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] ?? ''),
  );
  const packageOf = (id: string) =>
    id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : (id.split('/')[0] ?? id);
  return [
    ...new Set(
      names.filter((id) => !id.startsWith('.') && !id.startsWith('node:') && id !== 'electron').map(packageOf),
    ),
  ];
}

/**
 * The config without its `electronFuses` block, and that block's `name: value` lines. Fuses are flipped in the real
 * Electron binary; the stub here has no fuse wire to flip, so the pack runs without them and the fuses are checked as
 * configured.
 */
function splitFuses(config: string): { rest: string; fuses: Record<string, string> } {
  const match = /^electronFuses:\n((?:[ ]+.*\n?)+)/m.exec(config);
  if (!match) return { rest: config, fuses: {} };
  const fuses = Object.fromEntries(
    match[1]!
      .split('\n')
      .map((line) => /^\s+(\w+):\s*(\S+)/.exec(line))
      .filter((m) => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
  return { rest: config.slice(0, match.index) + config.slice(match.index + match[0].length), fuses };
}

describe('electron-builder.yml', () => {
  it("flips Electron's fuses: no run-as-Node, no NODE_OPTIONS or --inspect, encrypted cookies, app.asar only and checked", () => {
    const { fuses } = splitFuses(readFileSync(join(repo, 'electron-builder.yml'), 'utf8'));
    expect(fuses).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
    });
  });
});

const title = isBuilt
  ? 'electron-builder.yml packs app.asar'
  : 'electron-builder.yml: SKIPPED because out/ is not built; run `npm run build` first';

describe.skipIf(!isBuilt)(title, () => {
  it('with the built app and only the runtime files it needs', { timeout: 240_000 }, async () => {
    const work = tempDir('locket-builder-');
    const electronDist = stubElectronDist(join(work, 'electron-dist'));
    const output = join(work, 'dist');
    const config = join(work, 'electron-builder.yml');
    writeFileSync(config, splitFuses(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')).rest);

    // --dir validates the whole config against electron-builder's schema (installer sections included) and
    // builds app.asar exactly as the installers would contain it.
    await run(
      bin('electron-builder'),
      ['--linux', 'dir', '--config', config, `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`],
      {
        cwd: repo,
        env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const asar = join(output, 'linux-unpacked/resources/app.asar');
    expect(existsSync(asar)).toBe(true);

    const { stdout } = await run(bin('asar'), ['list', asar], { maxBuffer: 16 * 1024 * 1024 });
    const files = new Set(
      stdout
        .split('\n')
        .map((line) =>
          line
            .trim()
            .replace(/^[/\\]/, '')
            .replaceAll('\\', '/'),
        )
        .filter(Boolean),
    );

    for (const required of [
      'package.json',
      'out/main/index.js',
      'out/main/vault-worker.js',
      'out/main/kdf-worker.js',
      'out/main/read-worker.js',
      'out/preload/index.js',
      'out/renderer/index.html',
      'node_modules/sql.js/dist/sql-wasm.js',
      'node_modules/sql.js/dist/sql-wasm.wasm',
      'node_modules/libsodium-wrappers-sumo/package.json',
      // Loaded with import() on first use, which the require() scan below does not see.
      'node_modules/silk-wasm/package.json',
      'node_modules/benz-amr-recorder/package.json',
      'node_modules/benz-amr-recorder/src/amrnb.js',
    ]) {
      expect(files, required).toContain(required);
    }

    // Every package the main process and its workers require() is in app.asar (an import-only package that
    // slipped out of the bundle, or a dev dependency, would fail here instead of in the installed app).
    const requiredPackages = packagesRequiredByMain();
    expect(requiredPackages).toContain('sql.js');
    for (const name of requiredPackages)
      expect(files, `node_modules/${name}`).toContain(`node_modules/${name}/package.json`);

    // Dev dependencies are bundled into out/ or not needed at run time; none may ship.
    const shippedPackages = new Set(
      [...files].map((file) => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean),
    );
    for (const devOnly of [
      'react',
      'react-dom',
      'zustand',
      'vite',
      'electron',
      'electron-vite',
      'typescript',
      'vitest',
      'electron-builder',
    ]) {
      expect(shippedPackages, devOnly).not.toContain(devOnly);
    }

    // Only sql.js's Node wasm build ships: no asm.js, debug, browser, inline or worker builds, no zips.
    const sqlJsDist = [...files].filter(
      (file) => file.startsWith('node_modules/sql.js/dist/') && file !== 'node_modules/sql.js/dist',
    );
    expect(sqlJsDist.sort()).toEqual([
      'node_modules/sql.js/dist/sql-wasm.js',
      'node_modules/sql.js/dist/sql-wasm.wasm',
    ]);

    // Only opencore-amr's build ships from benz-amr-recorder, not its browser recorder (4 MB of bundles and maps).
    const amrFiles = [...files].filter((file) => /^node_modules\/benz-(amr-recorder|recorderjs)\/.+\.js$/.test(file));
    expect(amrFiles).toEqual(['node_modules/benz-amr-recorder/src/amrnb.js']);

    // Type-check output is not part of the app.
    expect([...files].some((file) => file.startsWith('out/tsc'))).toBe(false);
  });
});
