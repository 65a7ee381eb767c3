import { useMemo } from 'react';
import type { MessageView } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { errorText } from '../../i18n/error-text';
import { copyText } from '../../services/clipboard';
import { errorShapeOf } from '../../services/locket';
import { useAppStore } from '../../store/useAppStore';
import { messageCopyText, messageCopyWithSender } from './message-copy';
import type { MessageMenuActions } from './MessageContextMenu';

/**
 * The menu actions a message has wherever it is shown (the chat, search results): copying it, and opening or saving
 * its file. Each says how it went through the chat's notice.
 */
export function useMessageMenuActions(): Pick<MessageMenuActions, 'copy' | 'copyWithSender' | 'openFile' | 'saveAs'> {
  const t = useI18n();
  const showNotice = useAppStore((s) => s.archive.showNotice);
  const openExternally = useAppStore((s) => s.archive.openExternally);
  const saveMediaCopy = useAppStore((s) => s.archive.saveMediaCopy);
  return useMemo(() => {
    const failed = (error: unknown) =>
      showNotice({ kind: 'action-failed', message: errorText(t, errorShapeOf(error)).message });
    const copy = async (text: string) => showNotice({ kind: (await copyText(text)) ? 'copied' : 'copy-failed' });
    return {
      copy: (message: MessageView) => void copy(messageCopyText(t, message)),
      copyWithSender: (message: MessageView) => void copy(messageCopyWithSender(t, message)),
      openFile: (mediaId: string, fileName: string | null) => void openExternally(mediaId, fileName).catch(failed),
      saveAs: (mediaId: string, fileName: string | null) =>
        void saveMediaCopy(mediaId, fileName).then((saved) => saved && showNotice({ kind: 'media-saved' }), failed),
    };
  }, [t, showNotice, openExternally, saveMediaCopy]);
}
