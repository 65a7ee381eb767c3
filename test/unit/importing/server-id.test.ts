import { describe, expect, it } from 'vitest';
import type { SourceMessage } from '../../../electron/core/importing/model';
import { prepareMessage } from '../../../electron/core/importing/prepare-for-vault';
import { signedServerId, unsignedServerId } from '../../../electron/core/importing/reader-kit/server-id';

describe('server ids (unsigned 64-bit, as WeChat and its XML write them)', () => {
  it('turns the negative text SQLite returns for ids at or above 2^63 into the unsigned id', () => {
    expect(unsignedServerId('-1')).toBe('18446744073709551615');
    expect(unsignedServerId('-9223372036854775808')).toBe('9223372036854775808');
    expect(unsignedServerId('9223372036854775807')).toBe('9223372036854775807');
    expect(unsignedServerId(' 7437267147299592543 ')).toBe('7437267147299592543');
  });

  it('is no id for 0, empty, text, or a value outside 64 bits', () => {
    for (const text of [
      null,
      undefined,
      '',
      '0',
      '-0',
      'abc',
      '1.5',
      '18446744073709551616',
      '-9223372036854775809',
      '123456789012345678901',
    ]) {
      expect(unsignedServerId(text)).toBeNull();
    }
  });

  it('remembers how Locket 0.1 stored an id at or above 2^63, so a vault written then does not store it twice', () => {
    expect(signedServerId('18446744073709551615')).toBe('-1');
    expect(signedServerId('9223372036854775807')).toBeNull();
    const message = (sourceId: string): SourceMessage => ({
      type: 'message',
      sourceFile: 'Msg/Multi/MSG0.db',
      sourceId,
      localId: '1',
      conversation: 'wxid_a',
      sender: 'wxid_a',
      isSent: false,
      time: 1_704_067_200,
      rawType: 1,
      rawSubType: null,
      content: 'hi',
      raw: {},
      media: [],
      warnings: [],
    });
    expect(prepareMessage(message('18446744073709551615'))).toMatchObject({
      dedupeKey: 'svr:wxid_a:18446744073709551615',
      legacyDedupeKey: 'svr:wxid_a:-1',
    });
    expect(prepareMessage(message('42')).legacyDedupeKey).toBeUndefined();
  });
});
