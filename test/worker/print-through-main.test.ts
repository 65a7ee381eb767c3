import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { LocketError } from '../../electron/core/errors';
import { PrinterThroughMain } from '../../electron/worker/print-through-main';
import {
  isHostCallReply,
  type HostCall,
  type HostCallCancel,
  type HostCallReply,
} from '../../electron/worker/worker-protocol';

const staging = join('/exports', '.Case 17.locket-partial-Ab12Z9');
const html = join(staging, 'Case 17', 'data', 'transcript.html');
const pdf = join(staging, 'Case 17', 'data', 'transcript.pdf');

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const { port1, port2 } of channels.splice(0)) {
    port1.close();
    port2.close();
  }
});

/**
 * The worker's printer on one end of a real MessageChannel (structured clone, as between the vault worker and
 * main), and a fake main on the other that answers each call with `answer`.
 */
function connect(answer: (call: HostCall, port: MessagePort) => HostCallReply['outcome'] | null) {
  const channel = new MessageChannel();
  channels.push(channel);
  const { port1: worker, port2: main } = channel;
  const received: (HostCall | HostCallCancel)[] = [];
  const printer = new PrinterThroughMain((message) => worker.postMessage(message));
  worker.on('message', (message: unknown) => {
    if (isHostCallReply(message)) printer.settle(message);
  });
  main.on('message', (message: HostCall | HostCallCancel) => {
    received.push(message);
    if (message.type !== 'host.call') return;
    const outcome = answer(message, main);
    if (outcome) main.postMessage({ type: 'host.reply', callId: message.callId, outcome } satisfies HostCallReply);
  });
  return { printer, received, main };
}

describe('the vault worker’s PdfPrinter, which asks main to print', () => {
  it('sends the transcript, the PDF and the staging folder they are in, and resolves on main’s answer', async () => {
    const { printer, received } = connect(() => ({ ok: true, value: null }));
    await expect(printer.print(html, pdf, new AbortController().signal)).resolves.toBeUndefined();
    await expect(printer.print(html, pdf, new AbortController().signal)).resolves.toBeUndefined();
    expect(received).toEqual([
      {
        type: 'host.call',
        callId: 1,
        method: 'pdf.print',
        args: { stagingDir: staging, htmlPath: html, pdfPath: pdf },
      },
      {
        type: 'host.call',
        callId: 2,
        method: 'pdf.print',
        args: { stagingDir: staging, htmlPath: html, pdfPath: pdf },
      },
    ]);
  });

  it('rejects with main’s error as a LocketError with the same code, message and details', async () => {
    const { printer } = connect(() => ({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: 'Locket prints only the transcript of the export it is writing.',
        details: { path: html },
      },
    }));
    const failure = await printer.print(html, pdf, new AbortController().signal).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LocketError);
    expect((failure as LocketError).toShape()).toEqual({
      code: 'invalid-argument',
      message: 'Locket prints only the transcript of the export it is writing.',
      details: { path: html },
    });
  });

  it('tells main to stop when the export is cancelled, settles at once, and ignores main’s late answer', async () => {
    const late: { callId: number; port: MessagePort }[] = [];
    const { printer, received } = connect((call, port) => {
      late.push({ callId: call.callId, port });
      return null;
    });
    const controller = new AbortController();
    const printing = printer.print(html, pdf, controller.signal);
    await expect.poll(() => received.length).toBe(1);
    controller.abort();
    await expect(printing).rejects.toMatchObject({ code: 'cancelled' });
    await expect.poll(() => received.at(-1)).toEqual({ type: 'host.cancel', callId: 1 });
    // main answers anyway (it was already done): nothing happens, and the next print still works.
    late[0]!.port.postMessage({
      type: 'host.reply',
      callId: 1,
      outcome: { ok: true, value: null },
    } satisfies HostCallReply);
    const next = printer.print(html, pdf, new AbortController().signal);
    await expect.poll(() => late.length).toBe(2);
    late[1]!.port.postMessage({
      type: 'host.reply',
      callId: 2,
      outcome: { ok: true, value: null },
    } satisfies HostCallReply);
    await expect(next).resolves.toBeUndefined();
  });

  it('asks nothing when the export is already cancelled or the transcript is not in a staging folder', async () => {
    const { printer, received } = connect(() => ({ ok: true, value: null }));
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(printer.print(html, pdf, cancelled.signal)).rejects.toMatchObject({ code: 'cancelled' });
    await expect(
      printer.print('/home/me/transcript.html', '/home/me/transcript.pdf', new AbortController().signal),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(
      printer.print(join('/exports', 'Case 17.locket-partial-Ab12Z9', 'x.html'), pdf, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(received).toEqual([]);
  });
});
