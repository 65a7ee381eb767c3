import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../../electron/ipc/contract';
import { thumbnailBox } from './messages/ImageMessage';
import { clockDuration, coordinates, missingReason, num, recordItems, storedMedia, str } from './payload';

const message = (media: MessageView['media'], payload: Record<string, unknown> = {}): MessageView => ({
  id: 1,
  conversationId: 1,
  conversation: 'x',
  serverId: null,
  importId: null,
  sender: null,
  senderName: null,
  isSelf: false,
  time: 0,
  kind: 'image',
  text: '',
  line: { kind: 'text', text: '' },
  payload,
  media,
});

describe('payload readers', () => {
  it('read only values of the right type', () => {
    const payload = { a: 'x', b: 3, c: '', d: Number.NaN, e: '3' };
    expect(str(payload, 'a')).toBe('x');
    expect(str(payload, 'c')).toBeUndefined();
    expect(str(payload, 'b')).toBeUndefined();
    expect(num(payload, 'b')).toBe(3);
    expect(num(payload, 'd')).toBeUndefined();
    expect(num(payload, 'e')).toBeUndefined();
  });

  it('find stored media by role, and why media is missing', () => {
    const m = message([
      { role: 'image', mediaId: null, missingReason: 'path-outside-backup', fileName: null },
      { role: 'thumbnail', mediaId: 'f'.repeat(32), missingReason: null, fileName: null },
    ]);
    expect(storedMedia(m, 'image')).toBeUndefined();
    expect(storedMedia(m, 'image', 'thumbnail')?.mediaId).toBe('f'.repeat(32));
    expect(missingReason(m, 'image')).toBe('path-outside-backup');
    expect(missingReason(m, 'thumbnail')).toBeUndefined();
  });

  it('read forwarded-record items defensively', () => {
    expect(
      recordItems({ items: [{ kind: 'text', senderName: '爱丽丝', text: '早上好' }, null, 'x', { text: 5 }] }),
    ).toEqual([
      { kind: 'text', senderName: '爱丽丝', time: undefined, text: '早上好' },
      { kind: 'unknown', senderName: undefined, time: undefined, text: '' },
    ]);
    expect(recordItems({})).toEqual([]);
  });

  it('format lengths and places', () => {
    expect(clockDuration(3)).toBe('0:03');
    expect(clockDuration(161)).toBe('2:41');
    expect(clockDuration(3725)).toBe('1:02:05');
    expect(coordinates(39.908722, 116.397499)).toBe('39.9087, 116.3975');
    expect(coordinates(undefined, 1)).toBeUndefined();
  });

  it('reserves an image’s box from its size before it loads', () => {
    expect(thumbnailBox(1000, 500)).toEqual({ width: 220, height: 110 });
    expect(thumbnailBox(16, 16)).toEqual({ width: 72, height: 72 });
    expect(thumbnailBox(undefined, 10)).toEqual({ width: 160, height: 120 });
  });
});
