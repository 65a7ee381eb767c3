import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import type { EventName, Events } from '../../../electron/ipc/contract';
import { installBridge, type Bridge } from './bridge';
import { serveDirectory, type StaticServer } from './static-server';

const REPO = resolve(import.meta.dirname, '../../..');
export const RENDERER_DIR = join(REPO, 'out/renderer');
export const SCREENSHOT_DIR = join(REPO, 'test-results/screenshots');
/** The bundled sample archive `vault.createDemo` imports (main passes the packaged copy's path). */
export const SAMPLE_PATH = join(REPO, 'resources/sample/wxid_locket_demo');
/** Imports read each source in the thread the app's vault worker starts, from the same built file. */
const READ_WORKER = join(REPO, 'out/main/read-worker.js');
const CHROMIUM = process.env.LOCKET_CHROMIUM ?? '/usr/bin/chromium';

/** docs/toolchain.md, "Browser tests in real Chromium": headless, offline, no first-run or background traffic. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  locale?: string;
  colorScheme?: 'light' | 'dark';
  timezoneId?: string;
  viewport?: { width: number; height: number };
  /** Requests answered by the test instead of the core (a synthetic archive too large to import). */
  serviceOverrides?: Partial<LocketService>;
}

export interface LocketApp {
  page: Page;
  context: BrowserContext;
  /** The real core the page talks to, in this process. */
  service: LocketService;
  bridge: Bridge;
  /** Saves test-results/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Locks the vault the way the main process does on idle or sleep: keys wiped, then the event. */
  lockFromOutside(reason: Events['vault.locked']['reason']): Promise<void>;
  close(): Promise<void>;
}

export function haveBuiltRenderer(): boolean {
  return existsSync(join(RENDERER_DIR, 'index.html'));
}

/**
 * Starts the built renderer in Debian's Chromium against a fresh Locket service with fast key derivation. Nothing
 * is shared between launches: each has its own profile folder, server and service.
 */
export async function launchLocket(options: LaunchOptions = {}): Promise<LocketApp> {
  if (!haveBuiltRenderer())
    throw new Error('out/renderer is missing: run `npx electron-vite build` (npm test does) before the browser tests.');
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium fonts-noto-cjk`);
  const profile = mkdtempSync(join(tmpdir(), 'locket-e2e-profile-'));
  let server: StaticServer | null = null;
  let context: BrowserContext | null = null;
  let emitToPage: (<E extends EventName>(event: E, payload: Events[E]) => void) | null = null;
  const service = createLocketService({
    samplePath: SAMPLE_PATH,
    readerThreadFile: READ_WORKER,
    sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS },
    emit: (event, payload) => emitToPage?.(event, payload),
  });
  try {
    server = await serveDirectory(RENDERER_DIR);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: options.locale ?? 'en-US',
      colorScheme: options.colorScheme ?? 'light',
      timezoneId: options.timezoneId ?? 'Asia/Shanghai',
      viewport: options.viewport ?? { width: 1180, height: 760 },
      deviceScaleFactor: 1,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
    const answering: LocketService = { ...service, ...options.serviceOverrides };
    const bridge = await installBridge(context, () => answering);
    emitToPage = bridge.emit;
    const page = context.pages()[0] ?? (await context.newPage());
    // Fail a step in seconds, not at the test's own timeout, so a broken run still ends well within its budget.
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(server.url);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const openedServer = server;
    const openedContext = context;
    return {
      page,
      context: openedContext,
      service,
      bridge,
      async screenshot(name) {
        const path = join(SCREENSHOT_DIR, `${name}.png`);
        // Let transitions and fonts settle so the picture shows the state a person would see.
        await page.evaluate('document.fonts.ready');
        await page.waitForTimeout(150);
        await page.screenshot({ path });
        return path;
      },
      async lockFromOutside(reason) {
        await service.dispose();
        bridge.emit('vault.locked', { reason });
      },
      async close() {
        await openedContext.close().catch(() => undefined);
        await openedServer.close();
        await service.dispose();
        rmSync(profile, { recursive: true, force: true });
        // Errors the page logged (a CSP refusal, an exception) fail the test that caused them.
        if (problems.length > 0) throw new Error(`The page reported problems:\n${problems.join('\n')}`);
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await server?.close();
    await service.dispose();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
