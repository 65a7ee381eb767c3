import { describe, expect, it } from 'vitest';
import type { AppState } from '../../store/state';
import { classForConversation } from './retention-slice';

const classes = [
  { id: 1, name: 'Keep forever', keepAmount: null, keepUnit: null, color: '#64748b', description: '', isDefault: true },
  {
    id: 4,
    name: 'Transient',
    keepAmount: 30,
    keepUnit: 'days' as const,
    color: '#f59e0b',
    description: '',
    isDefault: false,
  },
];

function state(conversationClass: Record<number, number | null>, listed: number | null): AppState {
  return {
    retention: { classes, conversationClass },
    archive: { conversations: [{ id: 7, retentionClassId: listed }] },
  } as unknown as AppState;
}

describe('classForConversation', () => {
  it('uses the class the vault reports for the chat, a newer assignment in this session, else the default', () => {
    expect(classForConversation(state({}, 4), 7)?.name).toBe('Transient');
    expect(classForConversation(state({}, null), 7)?.name).toBe('Keep forever');
    expect(classForConversation(state({ 7: 1 }, 4), 7)?.name).toBe('Keep forever');
    // Removing the assignment in this session sends the chat back to the default, whatever the list said.
    expect(classForConversation(state({ 7: null }, 4), 7)?.name).toBe('Keep forever');
  });
});
