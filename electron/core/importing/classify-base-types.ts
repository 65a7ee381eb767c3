import type {
  CardPayload,
  ImagePayload,
  LocationPayload,
  StickerPayload,
  VideoPayload,
  VoicePayload,
} from '../../common/message-kinds';
import {
  DISPLAY_TEXT,
  compact,
  isDefined,
  toCount,
  withDetail,
  type Built,
  type BuilderEntry,
} from './classify-common';
import { attributeOf, childElement, textAt, type XmlElement } from './reader-kit/xml';

/**
 * Builders for the base types whose body is `<msg>…</msg>` with one known child (§6.1). The payload shapes are in
 * electron/common/message-kinds.ts.
 */

type MsgBuilderEntry = BuilderEntry<[msg: XmlElement | undefined]>;

export const MSG_BUILDERS: Readonly<Record<number, MsgBuilderEntry>> = {
  3: { kind: 'image', build: buildImage },
  34: { kind: 'voice', build: buildVoice },
  42: { kind: 'card', build: buildCard },
  43: { kind: 'video', build: buildVideo },
  62: { kind: 'video', build: buildVideo },
  47: { kind: 'sticker', build: buildSticker },
  48: { kind: 'location', build: buildLocation },
};

/** image: from `msg/img`: `md5`, `length` (bytes), full-size dimensions. */
function buildImage(msg: XmlElement | undefined): Built<'image'> {
  const img = childElement(msg, 'img');
  // The cdnthumb* sizes describe the thumbnail, so only full-size dimensions are taken.
  const payload: ImagePayload = {
    md5: attributeOf(img, 'md5'),
    width: firstCount(img, ['width', 'cdnhdwidth', 'cdnmidwidth']),
    height: firstCount(img, ['height', 'cdnhdheight', 'cdnmidheight']),
    length: toCount(attributeOf(img, 'length')),
  };
  return { text: DISPLAY_TEXT.kind.image, payload: compact(payload) };
}

/** voice: `msg/voicemsg@voicelength` (ms); WeChat's own `msg/voicetrans@transtext`. */
function buildVoice(msg: XmlElement | undefined): Built<'voice'> {
  const voicemsg = childElement(msg, 'voicemsg');
  const voicetrans = childElement(msg, 'voicetrans') ?? childElement(voicemsg, 'voicetrans');
  const payload: VoicePayload = {
    durationMs: toCount(attributeOf(voicemsg, 'voicelength')),
    transcript: attributeOf(voicetrans, 'transtext') ?? textAt(voicetrans, 'transtext'),
  };
  return { text: voiceText(payload.durationMs), payload: compact(payload) };
}

/** WeChat rounds a voice note to whole seconds and never shows 0s for one that has sound. */
function voiceText(durationMs: number | undefined): string {
  if (!durationMs) return DISPLAY_TEXT.kind.voice;
  return DISPLAY_TEXT.voiceWithSeconds(Math.max(1, Math.round(durationMs / 1000)));
}

/** video (43, 62): from `msg/videomsg@playlength,md5,length`. */
function buildVideo(msg: XmlElement | undefined): Built<'video'> {
  const videomsg = childElement(msg, 'videomsg');
  const payload: VideoPayload = {
    durationSec: toCount(attributeOf(videomsg, 'playlength')),
    md5: attributeOf(videomsg, 'md5'),
    length: toCount(attributeOf(videomsg, 'length')),
  };
  return { text: DISPLAY_TEXT.kind.video, payload: compact(payload) };
}

/** sticker (47): from `msg/emoji@md5,cdnurl`. */
function buildSticker(msg: XmlElement | undefined): Built<'sticker'> {
  const emoji = childElement(msg, 'emoji');
  const payload: StickerPayload = { md5: attributeOf(emoji, 'md5'), url: attributeOf(emoji, 'cdnurl') };
  return { text: DISPLAY_TEXT.kind.sticker, payload: compact(payload) };
}

/** location (48): from `msg/location@x,y,label,poiname` (see LocationPayload for which is which). */
function buildLocation(msg: XmlElement | undefined): Built<'location'> {
  const location = childElement(msg, 'location');
  const payload: LocationPayload = {
    x: toCoordinate(attributeOf(location, 'x'), 90),
    y: toCoordinate(attributeOf(location, 'y'), 180),
    label: attributeOf(location, 'label'),
    poiName: attributeOf(location, 'poiname'),
  };
  return { text: locationText(payload.poiName, payload.label), payload: compact(payload) };
}

/**
 * WeChat's location bubble shows the place's name over its address, so both are kept: "[Location] 星巴克(国贸店) ·
 * 北京市朝阳区建国门外大街1号". Either alone is shown alone; a name that only repeats the address is shown once.
 */
export function locationText(poiName: string | undefined, address: string | undefined): string {
  const parts = poiName && address && poiName !== address ? [poiName, address] : [poiName ?? address];
  return withDetail(DISPLAY_TEXT.kind.location, parts.filter(isDefined).join(LOCATION_SEPARATOR));
}

const LOCATION_SEPARATOR = ' · ';

/** card (42): the attributes of `<msg>` itself. */
function buildCard(msg: XmlElement | undefined): Built<'card'> {
  const payload: CardPayload = {
    username: attributeOf(msg, 'username'),
    nickname: attributeOf(msg, 'nickname'),
    alias: attributeOf(msg, 'alias'),
  };
  return { text: withDetail(DISPLAY_TEXT.kind.card, payload.nickname ?? payload.alias), payload: compact(payload) };
}

function firstCount(node: XmlElement | undefined, attributes: readonly string[]): number | undefined {
  for (const name of attributes) {
    const count = toCount(attributeOf(node, name));
    if (count) return count;
  }
  return undefined;
}

/** Decimal degrees within ±limit (90 for a latitude, 180 for a longitude); hex, exponents and the like are not. */
function toCoordinate(value: string | undefined, limit: number): number | undefined {
  if (value === undefined || !/^[-+]?\d{1,3}(?:\.\d+)?$/.test(value)) return undefined;
  const degrees = Number(value);
  return Math.abs(degrees) <= limit ? degrees : undefined;
}
