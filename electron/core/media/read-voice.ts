import type { VoiceClip } from '../../ipc/contract';
import { LocketError } from '../errors';
import type { VaultReader } from '../store/vault-reader';
import { decodeVoice, MAX_VOICE_BYTES } from './decode-voice';
import { requireMediaRow } from './media-catalog';
import { isAudio } from './media-kind';

/** `media.voice`: a voice message decoded on demand, in the vault worker; the vault keeps the original recording. */
export async function readVoice(session: VaultReader, mediaId: string): Promise<VoiceClip> {
  const row = requireMediaRow(session.catalog, mediaId);
  if (row.mime !== null && !isAudio(row.mime))
    throw new LocketError('invalid-argument', `This media item is not a voice message (${row.mime}).`);
  if (row.byteSize > MAX_VOICE_BYTES)
    throw new LocketError(
      'media-undecodable',
      'This voice message cannot be played: it is far larger than any voice message.',
    );
  const decoded = await decodeVoice(await session.readMediaFile(row.fileId));
  return {
    mediaId: row.fileId,
    mime: 'audio/wav',
    bytes: decoded.wav,
    durationMs: decoded.durationMs,
    sampleRate: decoded.sampleRate,
  };
}
