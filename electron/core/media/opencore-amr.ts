/**
 * AMR-NB (3GPP TS 26.071, the storage format of RFC 4867 §5) through opencore-amr as benz-amr-recorder 1.1.5 ships
 * it: `src/amrnb.js`, an emscripten (asm.js, no wasm file) build meant to run as a browser Web Worker. It needs no
 * browser API to decode or encode: it only reads a global `self`, to install its `onmessage` handler and to post
 * its answers. So the vault worker gives it a stand-in `self` for the length of each synchronous call and speaks
 * the library's own message protocol to it; no browser, Worker or Blob is involved.
 */
/** AMR-NB is 8 kHz mono, 160 samples (20 ms) per frame. */
export const AMR_SAMPLE_RATE = 8000;
export const AMR_FRAME_SAMPLES = 160;

type AmrRequest =
  { command: 'decode'; buffer: Uint8Array } | { command: 'encode'; samples: Float32Array; sampleRate: number };
interface AmrAnswer {
  command: string;
  amr: Float32Array | Uint8Array | null;
}
interface AmrWorkerScope {
  onmessage?: (event: { data: AmrRequest }) => void;
  postMessage(answer: AmrAnswer): void;
}

export interface OpencoreAmr {
  /** The PCM of every frame the codec could read, 160 samples each; null when it refused the file. */
  decode(amr: Uint8Array): Int16Array | null;
  /** `#!AMR\n` then 12.2 kbit/s frames, one per whole 160 samples after the first (the library's own loop). */
  encode(pcm: Float32Array, sampleRate: number): Uint8Array | null;
}

let codec: Promise<OpencoreAmr> | null = null;

/**
 * Builds the codec once per thread (about 150 ms: a 16 MB asm.js heap); later calls reuse it. Loaded on first use,
 * like silk-wasm: the 1 MB of asm.js is not parsed when a vault opens.
 */
export function opencoreAmr(): Promise<OpencoreAmr> {
  codec ??= import('benz-amr-recorder/src/amrnb.js').then(
    ({ default: startAmrWorker }) => buildCodec(startAmrWorker),
    (error: unknown) => {
      codec = null;
      throw error;
    },
  );
  return codec;
}

function buildCodec(startAmrWorker: () => void): OpencoreAmr {
  let answer: AmrAnswer | null = null;
  const scope: AmrWorkerScope = {
    postMessage: (message) => {
      answer = message;
    },
  };
  asSelf(scope, startAmrWorker);
  const handler = scope.onmessage;
  if (!handler) throw new Error('benz-amr-recorder did not install its AMR worker handler');
  const ask = (request: AmrRequest): AmrAnswer['amr'] => {
    answer = null;
    asSelf(scope, () => handler({ data: request }));
    return (answer as AmrAnswer | null)?.amr ?? null;
  };
  return {
    decode(amr) {
      const samples = ask({ command: 'decode', buffer: amr });
      if (!(samples instanceof Float32Array)) return null;
      // The library hands back int16 / 32768 as float32, which is exact: multiplying back restores the samples.
      const pcm = new Int16Array(samples.length);
      for (let i = 0; i < samples.length; i++)
        pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32768)));
      return pcm;
    },
    encode(pcm, sampleRate) {
      const amr = ask({ command: 'encode', samples: pcm, sampleRate });
      return amr instanceof Uint8Array ? Uint8Array.from(amr) : null;
    },
  };
}

/** Runs `run` with `globalThis.self` set to `scope`, then puts back whatever was there (nothing, in Node). */
function asSelf(scope: AmrWorkerScope, run: () => void): void {
  const global = globalThis as { self?: unknown };
  const hadSelf = Object.prototype.hasOwnProperty.call(global, 'self');
  const previous = global.self;
  global.self = scope;
  try {
    run();
  } finally {
    if (hadSelf) global.self = previous;
    else delete global.self;
  }
}
