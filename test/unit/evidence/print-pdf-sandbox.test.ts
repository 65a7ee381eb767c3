import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumPdfPrinter, NO_SANDBOX_NOTE } from '../../../electron/core/evidence/print-pdf';
import { tempDir } from '../../helpers/temp-dir';

/**
 * A stand-in for Chromium that records its arguments, refuses to start sandboxed when told to (as Chromium does
 * as root or without user namespaces), and otherwise writes the PDF it is asked for.
 */
function fakeChromium(refusesSandbox: boolean): { executable: string; calls: () => string[][] } {
  const dir = tempDir();
  const log = join(dir, 'calls.log');
  const executable = join(dir, 'chromium');
  writeFileSync(
    executable,
    `#!/bin/sh
echo "$*" >> "${log}"
case "$*" in *--no-sandbox*) ;; *) if [ "${refusesSandbox ? 1 : 0}" = 1 ]; then echo "No usable sandbox!" >&2; exit 1; fi ;; esac
for a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.4' > "\${a#--print-to-pdf=}" ;; esac; done
`,
  );
  chmodSync(executable, 0o755);
  return {
    executable,
    calls: () =>
      readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' ')),
  };
}

async function printWith(executable: string, isRoot: boolean): Promise<string | void> {
  const dir = tempDir();
  writeFileSync(join(dir, 't.html'), '<p>hi</p>');
  const note = await chromiumPdfPrinter(executable, isRoot).print(
    join(dir, 't.html'),
    join(dir, 't.pdf'),
    new AbortController().signal,
  );
  expect(readFileSync(join(dir, 't.pdf'), 'utf8')).toBe('%PDF-1.4');
  return note;
}

describe.skipIf(process.platform === 'win32')('printing a transcript with Chromium', () => {
  it('keeps the sandbox where Chromium can start it, and says nothing', async () => {
    const chromium = fakeChromium(false);
    expect(await printWith(chromium.executable, false)).toBeUndefined();
    expect(chromium.calls().flat()).not.toContain('--no-sandbox');
  });

  it('prints without the sandbox only when Chromium cannot start one, and says so', async () => {
    const chromium = fakeChromium(true);
    expect(await printWith(chromium.executable, false)).toBe(NO_SANDBOX_NOTE);
    expect(chromium.calls().map((args) => args.includes('--no-sandbox'))).toEqual([false, true]);
    const asRoot = fakeChromium(true);
    expect(await printWith(asRoot.executable, true)).toBe(NO_SANDBOX_NOTE);
    expect(asRoot.calls().map((args) => args.includes('--no-sandbox'))).toEqual([true]);
  });
});
