import { describe, expect, it } from 'vitest';
import { BOUND_HEADER_LENGTH, HEADER_LENGTH, encodeHeader, parseHeader } from '../../../electron/core/vault/header';
import { generateRecoveryCode } from '../../../electron/core/vault/recovery-code';
import { createTestVault } from '../../helpers/vault';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('the vault header', () => {
  it('round-trips: parse then encode gives the same 353 bytes (297 without the catalog binding)', async () => {
    const { dir, session } = await createTestVault();
    await session.lock();
    const bytes = readFileSync(join(dir, 'locket.header'));
    expect(bytes.length).toBe(BOUND_HEADER_LENGTH);
    expect(HEADER_LENGTH).toBe(297);
    expect(BOUND_HEADER_LENGTH).toBe(353);
    expect(parseHeader(bytes).catalog?.generation).toBe(0);
    expect(encodeHeader(parseHeader(bytes)).equals(bytes)).toBe(true);
    expect(bytes.subarray(0, 8).toString('ascii')).toBe('LKTVAULT');
  });
});

describe('recovery codes', () => {
  it('are 8 groups of 4 Crockford base32 characters', () => {
    const code = generateRecoveryCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});
