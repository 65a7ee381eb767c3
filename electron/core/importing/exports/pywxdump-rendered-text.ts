import type { QuotedMessage } from '../../../common/message-kinds';
import { DISPLAY_TEXT, classifyMessage } from '../classify-message';
import { isRecord } from './export-file';
import { isUrl } from './export-media';
import { localTimeToUtcSeconds } from './local-time';
import { plausibleTimeOrUndefined } from '../reader-kit/message-time';
import { amountOf, classifyPlainText, compact, preclassified, withDetail, type Preclassified } from './preclassified';
import type { PyWxDumpType } from './pywxdump-type-names';

/** One PyWxDump message's body as exported: `msg` (rendered text), `src` and `extra` (§8.2). */
export interface PyWxDumpBody {
  label: string;
  msg: string;
  src: string;
  extra: unknown;
  /** The zone the export's local times are in (its `CreateTime`, a quote's `[引用](time)`). */
  timeZone: string;
}

/**
 * Reads back what PyWxDump's `get_msg_detail` (PWD `db/dbMSG.py`) rendered for each type: a voice line
 * "语音时长：N秒", a quote "title\n\n[引用](time)name:content", a transfer "转账：￥…\n转账说明：…", a location
 * "纬度:【x】 经度:【y】\n位置：…", a link "title\ndes\n\n<a href=…>". Types it does not render keep their raw
 * StrContent, often XML, which the classifier reads as it would from the database.
 */
export function preclassifyPyWxDump(type: PyWxDumpType, body: PyWxDumpBody): Preclassified {
  const { msg } = body;
  if (msg.trim().startsWith('<') && type.kind !== 'text') {
    const fromXml = classifyMessage({ rawType: type.type, rawSubType: type.subType, content: msg });
    if (!fromXml.isMalformed) return { kind: fromXml.kind, text: fromXml.text, payload: fromXml.payload };
  }
  // For app messages it does not render, PyWxDump writes the label itself as the body: no text of its own.
  const ownText = msg.trim() === body.label.trim() ? '' : msg;
  switch (type.kind) {
    case 'text':
      return classifyPlainText(1, msg);
    case 'system':
      if (type.systemSubtype === 'pat') return preclassified('system', msg, { subtype: 'pat' });
      return classifyPlainText(10000, msg);
    case 'revoke':
      return preclassified('revoke', msg, { text: msg || DISPLAY_TEXT.kind.revoke });
    case 'call':
      return classifyPlainText(50, /^语音\/视频通话\[([\s\S]*)\]$/.exec(msg.trim())?.[1] ?? msg);
    case 'voice':
      return voice(msg);
    case 'quote':
      return quote(msg, body.timeZone);
    case 'transfer':
      return transfer(msg);
    case 'location':
      return location(ownText);
    case 'link':
      return link(ownText, body);
    case 'file':
      return file(body);
    case 'record':
      return record(ownText);
    case 'sticker':
      return preclassified('sticker', null, { url: isUrl(body.src) ? body.src.trim() : undefined });
    case 'miniprogram':
      return preclassified('miniprogram', ownText, { title: ownText.trim() });
    case 'red-packet':
      return preclassified('red-packet', withDetail('red-packet', ownText), { title: ownText.trim() || undefined });
    case 'unknown':
      return preclassified('unknown', msg || body.label || null, {
        rawType: type.type,
        rawSubType: type.subType,
        typeName: body.label,
      });
    default:
      // image, video, card: PyWxDump writes only "图片" / "视频"; the placeholder says the same.
      return preclassified(type.kind, null);
  }
}

/**
 * The name of a file message, as the database import shows it (`appmsg/title`). PyWxDump writes the name as `msg`
 * for (49,0) but only the label 文件 for (49,6), with the path in `src` (PWD `db/dbMSG.py`), so a body that is the
 * label, empty or several lines long gives way to the path's last segment ('\\' or '/'; a URL's without its
 * query). Empty when neither names one.
 */
export function pyWxDumpFileName(body: PyWxDumpBody): string {
  const fromMsg = body.msg.trim();
  if (fromMsg && !fromMsg.includes('\n') && fromMsg !== body.label.trim() && !FILE_LABELS.has(fromMsg)) return fromMsg;
  const path = isUrl(body.src) ? body.src.trim().replace(/[?#].*$/, '') : body.src;
  return path.split(/[\\/]/).pop()?.trim() ?? '';
}

/** Labels PyWxDump writes as the body of a file message that are not its name (pywxdump-type-names.ts). */
const FILE_LABELS: ReadonlySet<string> = new Set(['文件', '文件(猜)']);

/** `{ fileName, ext? }` as classify-message.ts builds a file payload; the text is the name, or [File]. */
function file(body: PyWxDumpBody): Preclassified {
  const fileName = pyWxDumpFileName(body);
  const ext = /\.([^./\\]{1,16})$/.exec(fileName)?.[1]?.toLowerCase();
  return preclassified('file', fileName, { fileName, ext });
}

function voice(msg: string): Preclassified {
  const match = /语音时长：([\d.]+)秒(?:\n翻译结果：([\s\S]*))?/.exec(msg);
  const seconds = match?.[1] ? Number(match[1]) : Number.NaN;
  const durationMs = Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
  const text = durationMs
    ? DISPLAY_TEXT.voiceWithSeconds(Math.max(1, Math.round(durationMs / 1000)))
    : DISPLAY_TEXT.kind.voice;
  return preclassified('voice', text, { durationMs, transcript: match?.[2]?.trim() || undefined });
}

/**
 * `title\n\n[引用](time)displayname:content`; the quoted message's server id is not in the export. `time` is its
 * `refermsg/createtime` as local time like `CreateTime` (`2024-10-04 21:25:04`), or left as the number when PyWxDump
 * could not format it.
 */
function quote(msg: string, timeZone: string): Preclassified {
  const match = /^([\s\S]*?)\n\n\[引用\]\(([^)]*)\)([^:\n]*):([\s\S]*)$/.exec(msg);
  if (!match)
    return preclassified('quote', msg, { text: msg, quoted: { sourceId: null, text: DISPLAY_TEXT.quotedMessage } });
  const [, reply = '', time = '', senderName = '', quotedText = ''] = match;
  const quoted = compact<QuotedMessage>({
    sourceId: null,
    senderName: senderName.trim() || undefined,
    text: quotedText.trim() || DISPLAY_TEXT.quotedMessage,
    time: plausibleTimeOrUndefined(
      /^\d{1,15}$/.test(time.trim()) ? Number(time.trim()) : localTimeToUtcSeconds(time, timeZone),
    ),
  });
  return preclassified('quote', reply, { text: reply, quoted });
}

/** `转账：￥200.00\n转账说明：memo\n转账时间：…`, or `已收款：…` for the receipt (paysubtype 3). */
function transfer(msg: string): Preclassified {
  const match = /^(已收款|转账)：(.*)$/m.exec(msg);
  const feeDesc = match?.[2]?.trim() || undefined;
  const memo = /^转账说明：(.*)$/m.exec(msg)?.[1]?.trim() || undefined;
  return preclassified('transfer', withDetail('transfer', feeDesc), {
    amount: amountOf(feeDesc),
    memo,
    feeDesc,
    payType: match?.[1] === '已收款' ? 3 : undefined,
  });
}

function location(msg: string): Preclassified {
  const coordinates = /纬度:【([^】]*)】\s*经度:【([^】]*)】/.exec(msg);
  const label = /^位置：(.*)$/m.exec(msg)?.[1]?.trim() || undefined;
  const number = (value: string | undefined): number | undefined =>
    value !== undefined && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
  return preclassified('location', withDetail('location', label), {
    x: number(coordinates?.[1]),
    y: number(coordinates?.[2]),
    label,
  });
}

/** `title\ndes\n\n<a href="url">点击查看详情</a>` (49/5); `extra`, when an export fills it, is the appmsg dict. */
function link(msg: string, body: PyWxDumpBody): Preclassified {
  const extra = isRecord(body.extra) ? body.extra : {};
  const fromExtra = (key: string): string | undefined =>
    typeof extra[key] === 'string' && extra[key].trim() ? extra[key].trim() : undefined;
  const [head = '', ...rest] = msg.replace(/\n*<a href="[^"]*">[^<]*<\/a>\s*$/, '').split('\n');
  const title = fromExtra('title') ?? (head.trim() || undefined);
  const description = fromExtra('des') ?? (rest.join('\n').trim() || undefined);
  const url =
    fromExtra('url') ?? /<a href="([^"]*)">/.exec(msg)?.[1] ?? (isUrl(body.src) ? body.src.trim() : undefined);
  return preclassified('link', title, { title: title ?? '', description, url });
}

/** `title\ndes` for a forwarded record; the items PyWxDump puts in `src` as a dict are kept in the raw row. */
function record(msg: string): Preclassified {
  const title = msg.split('\n', 1)[0]?.trim() ?? '';
  return preclassified('record', title, { title, items: [] });
}
