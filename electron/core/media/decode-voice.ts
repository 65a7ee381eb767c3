import { LocketError } from '../errors';
import { AMR_FRAME_SAMPLES, AMR_SAMPLE_RATE, opencoreAmr } from './opencore-amr';
import { amrFrames, silkStream, VOICE_FRAME_MS, voiceFormat } from './voice-frames';
import { pcmToWav } from './wav';
import { readWavFormat } from './wav-header';

/** WeChat records SILK at 24 kHz mono (docs/wechat-formats.md §2.7: PWD's default, CL `silk.go`). */
export const VOICE_SAMPLE_RATE = 24000;
/** A minute of SILK is about 180 KB; anything near this is not a voice message. */
export const MAX_VOICE_BYTES = 16 * 1024 * 1024;

export interface DecodedVoice {
  wav: Uint8Array;
  durationMs: number;
  sampleRate: number;
}

/**
 * Decodes a WeChat voice recording to a WAV file <audio> plays. SILK (with or without WeChat's 0x02 byte) goes
 * through silk-wasm, after its packets were checked here, so the wasm decoder never reads past a damaged file's
 * end. AMR-NB (Android's voice2 files, some iPhone .aud files) goes through opencore-amr (opencore-amr.ts), also
 * after its frames were checked here, to 8 kHz PCM. A PCM WAV file (what PyWxDump exports voice as) already plays
 * and is returned as it is.
 */
export async function decodeVoice(bytes: Uint8Array): Promise<DecodedVoice> {
  if (bytes.length > MAX_VOICE_BYTES) throw undecodable('it is far larger than any voice message');
  const wav = readWavFormat(bytes);
  if (wav) {
    const frameBytes = wav.channels * (wav.bitsPerSample / 8);
    return {
      wav: bytes,
      durationMs: Math.round((wav.dataBytes / frameBytes / wav.sampleRate) * 1000),
      sampleRate: wav.sampleRate,
    };
  }
  const format = voiceFormat(bytes);
  if (format === 'amr') return decodeAmr(bytes);
  if (format !== 'silk') throw undecodable('it is neither SILK, AMR nor WAV');
  const stream = silkStream(bytes);
  if (!stream) throw undecodable('it holds no whole SILK packet');
  const { decode } = await import('silk-wasm');
  let pcm: Uint8Array;
  try {
    pcm = (await decode(stream.bytes, VOICE_SAMPLE_RATE)).data;
  } catch (error) {
    throw undecodable('the SILK decoder refused it', error);
  }
  if (pcm.length < 2) throw undecodable('it decodes to no sound');
  const samples = Math.floor(pcm.length / 2);
  return {
    wav: pcmToWav(pcm.subarray(0, samples * 2), VOICE_SAMPLE_RATE),
    durationMs: Math.round((samples * 1000) / VOICE_SAMPLE_RATE),
    sampleRate: VOICE_SAMPLE_RATE,
  };
}

/**
 * A minute of AMR-NB is at most 96 KB (12.2 kbit/s). The decoder sizes its output from the input (160 samples per
 * 6 bytes), so a bound here also bounds its memory: 1 MiB is over ten minutes, about 55 MB of output at worst.
 */
export const MAX_AMR_BYTES = 1024 * 1024;

/** AMR-NB to 8 kHz WAV; every frame is 20 ms, so the length is the frame count's, whatever the decoder returns. */
async function decodeAmr(bytes: Uint8Array): Promise<DecodedVoice> {
  if (bytes.length > MAX_AMR_BYTES) throw undecodable('it is far longer than any voice message');
  const frames = amrFrames(bytes);
  if (frames === null) throw undecodable('its AMR frames are damaged');
  let decoded: Int16Array | null;
  try {
    decoded = (await opencoreAmr()).decode(bytes);
  } catch (error) {
    throw undecodable('the AMR decoder refused it', error);
  }
  if (decoded === null || decoded.length === 0) throw undecodable('the AMR decoder refused it');
  // opencore-amr's loop skips a one-byte "no data" frame at the very end; that frame is 20 ms of silence.
  const pcm = new Int16Array(frames * AMR_FRAME_SAMPLES);
  pcm.set(decoded.subarray(0, pcm.length));
  return {
    wav: pcmToWav(new Uint8Array(pcm.buffer), AMR_SAMPLE_RATE),
    durationMs: frames * VOICE_FRAME_MS,
    sampleRate: AMR_SAMPLE_RATE,
  };
}

function undecodable(reason: string, cause?: unknown): LocketError {
  return new LocketError('media-undecodable', `This voice message cannot be played: ${reason}.`, { reason }, { cause });
}
