import type { EventName, Events } from '../ipc/contract';
import { LocketError } from './errors';
import type { PdfPrinter } from './evidence/print-pdf';
import type { KdfRunner } from './vault/kdf';
import type { CreateOptions, VaultSession } from './session/vault-session';

export interface ServiceOptions {
  /** Where Argon2id runs; the app isolates it in a short-lived thread. */
  runKdf?: KdfRunner;
  /** Passed to every vault the service creates or opens (tests set budgets and KDF settings here). */
  sessionOptions?: CreateOptions;
  emit?: <E extends EventName>(event: E, payload: Events[E]) => void;
  /** Prints evidence transcripts to PDF (the app: Electron's printToPDF); absent: a Chromium found on the machine; null: none. */
  pdfPrinter?: PdfPrinter | null;
  /**
   * The built read-worker file (electron/worker/read-worker.ts). When set, each source of an import is read and
   * its messages prepared in a thread of its own, beside the thread that stores them; when absent, in this one.
   */
  readerThreadFile?: string;
  /**
   * Locket's own config folder (not the vault's), where the highest generation seen of each vault is remembered
   * (session/seen-generations.ts). Absent: `LOCKET_CONFIG_DIR`, else the platform's (`~/.config/locket` on Linux);
   * null: remember nothing. Tests pass a temporary folder.
   */
  configDir?: string | null;
  /** The bundled sample archive (resources/sample/…); where it is depends on the host (CLI, packaged app). */
  samplePath?: string;
}

/** What every domain's handlers share: the one open vault, if any. */
export class ServiceContext {
  session: VaultSession | null = null;
  lastPath: string | null = null;

  constructor(readonly options: ServiceOptions) {}

  requireSession(): VaultSession {
    if (!this.session?.isUnlocked) throw new LocketError('vault-locked', 'The vault is locked. Unlock it to continue.');
    return this.session;
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.options.emit?.(event, payload);
  }
}
