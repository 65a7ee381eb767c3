import type { ExportMessage } from '../../../electron/core/evidence/export-message';
import type { PartContext } from '../../../electron/core/evidence/part-context';
import { ZonedClock } from '../../../electron/core/evidence/zoned-clock';

const clock = new ZonedClock('Asia/Shanghai');

/** An ExportMessage as the preparer makes it, for writer specs that need no vault. Ids above 2^53. */
export function sampleMessage(overrides: Partial<ExportMessage> = {}): ExportMessage {
  const time = overrides.time ?? 1_704_067_260;
  return {
    id: '9007199254740993',
    sourceId: '7355608000000000001',
    importId: '1',
    conversation: { id: 1, username: '12345678901@chatroom', name: '家庭群', isGroup: true },
    sender: 'wxid_sender',
    senderName: '群里的Bob',
    isSelf: false,
    time,
    local: clock.local(time),
    kind: 'text',
    text: '大家好 👋',
    payload: {},
    media: [],
    quote: null,
    ...overrides,
  };
}

export const samplePart: PartContext = {
  bagId: 'urn:uuid:00000000-0000-4000-8000-000000000001',
  exportId: 'urn:uuid:00000000-0000-4000-8000-000000000002',
  part: 1,
  isSplit: false,
  caseReference: 'HK-2026-017',
  exporterName: 'Lin Xiao',
  organization: null,
  timeZone: 'Asia/Shanghai',
  lang: 'en',
  exportedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  scopeLines: ['Conversations: 家庭群'],
};
