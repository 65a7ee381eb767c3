import type { MessageView } from '../../../../../electron/ipc/contract';
import type { ImageViewerTarget } from '../ImageViewer';
import { CallMessage } from './CallMessage';
import { ContactCard } from './ContactCard';
import { FileCard } from './FileCard';
import { ImageMessage } from './ImageMessage';
import { LinkCard } from './LinkCard';
import { LocationCard } from './LocationCard';
import { PaymentCard } from './PaymentCard';
import { QuoteMessage } from './QuoteMessage';
import { RecordCard } from './RecordCard';
import { StickerMessage } from './StickerMessage';
import { TextMessage } from './TextMessage';
import { UnsupportedMessage } from './UnsupportedMessage';
import { VideoCard } from './VideoCard';
import { VoiceMessage } from './VoiceMessage';

export interface MessageContentProps {
  message: MessageView;
  onOpenImage(target: ImageViewerTarget): void;
  onOpenLink(url: string): void;
  /** A quote's "go to": the quoted message's server id, and when it was sent when the quote knows. */
  onQuote(serverId: string, time?: number): void;
}

/** Picks the renderer for a message's kind. Every kind in the contract has one; nothing falls through silently. */
export function MessageContent({ message, onOpenImage, onOpenLink, onQuote }: MessageContentProps) {
  switch (message.kind) {
    case 'text':
      return <TextMessage message={message} />;
    case 'image':
      return <ImageMessage message={message} onOpen={onOpenImage} />;
    case 'sticker':
      return <StickerMessage message={message} onOpen={onOpenImage} />;
    case 'voice':
      return <VoiceMessage message={message} />;
    case 'video':
      return <VideoCard message={message} onOpen={onOpenImage} />;
    case 'file':
      return <FileCard message={message} />;
    case 'link':
    case 'miniprogram':
      return <LinkCard message={message} onOpenLink={onOpenLink} />;
    case 'quote':
      return <QuoteMessage message={message} onQuote={onQuote} />;
    case 'record':
      return <RecordCard message={message} />;
    case 'transfer':
    case 'red-packet':
      return <PaymentCard message={message} />;
    case 'location':
      return <LocationCard message={message} />;
    case 'card':
      return <ContactCard message={message} />;
    case 'call':
      return <CallMessage message={message} />;
    case 'system':
    case 'revoke':
      // Rendered as centred lines by MessageRow; kept here so the switch covers every kind.
      return <TextMessage message={message} />;
    case 'unknown':
      return <UnsupportedMessage message={message} />;
    default: {
      // A kind added to electron/common/message-kinds.ts without a case here does not compile.
      const unhandled: never = message;
      return unhandled;
    }
  }
}
