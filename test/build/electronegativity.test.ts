import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Electronegativity (Doyensec's Electron security scanner) on the sources. It exits 0 whatever it finds, so its CSV is
 * read here: every HIGH or MEDIUM finding must have a written reason in electronegativity-reviewed.json.
 */
describe('Electronegativity', () => {
  it('leaves no HIGH or MEDIUM finding without a written reason', () => {
    const out = mkdtempSync(join(tmpdir(), 'locket-electronegativity-'));
    try {
      const csv = join(out, 'findings.csv');
      const run = spawnSync(
        process.execPath,
        [
          join('node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js'),
          '-i',
          'electron',
          '-e',
          '45.5.0',
          '-r',
          '-o',
          csv,
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, NODE_CHANNEL_FD: undefined },
          timeout: 120_000,
        },
      );
      expect(run.error).toBeUndefined();
      const rows = readFileSync(csv, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','));
      expect(rows.length).toBeGreaterThan(0);
      const reviewed = JSON.parse(
        readFileSync(join(import.meta.dirname, 'electronegativity-reviewed.json'), 'utf8'),
      ) as Record<string, string>;
      const unexplained = rows
        .filter(([, severity]) => severity === '"HIGH"' || severity === '"MEDIUM"')
        .map(([check, , , file]) => `${check} ${file!.replace(/"/g, '')}`)
        .filter((key) => !reviewed[key]);
      expect(unexplained).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
