import type { MessageKind } from '../model';
import { kindOfWechatType } from './wechat-type-kind';

/** What a PyWxDump `type_name` stands for: the WeChat type pair PyWxDump derived it from, and its kind. */
export interface PyWxDumpType {
  type: number;
  subType: number | null;
  kind: MessageKind;
  /** False for a label this table does not know (counted as a warning; the message is kept as 'unknown'). */
  isKnownLabel: boolean;
  /** For system lines: 'pat' (拍一拍) or 'revoke' (消息撤回N), which the label tells apart. */
  systemSubtype?: 'pat' | 'revoke';
}

/**
 * PyWxDump's `type_converter` labels (PWD `db/utils/common_utils.py`, §8.2) → (Type, SubType). PyWxDump maps both
 * (49,0) and (49,6) to 文件 and its reverse lookup picks the first; a file is meant either way, so 文件 is (49,6).
 * A few short labels other tools and older PyWxDump versions use (表情, 分享链接, 撤回消息, 红包) are accepted too.
 */
const LABELS: Readonly<Record<string, readonly [number, number]>> = {
  文本: [1, 0],
  图片: [3, 0],
  语音: [34, 0],
  添加好友: [37, 0],
  推荐公众号: [42, 0],
  视频: [43, 0],
  动画表情: [47, 0],
  表情: [47, 0],
  位置: [48, 0],
  文件: [49, 6],
  粘贴的文本: [49, 1],
  '(分享)音乐': [49, 3],
  '(分享)卡片式链接': [49, 5],
  分享链接: [49, 5],
  游戏相关: [49, 7],
  用户上传的GIF表情: [49, 8],
  位置共享: [49, 17],
  合并转发的聊天记录: [49, 19],
  '(分享)笔记': [49, 24],
  '(分享)小程序': [49, 33],
  '(分享)收藏夹': [49, 40],
  '(分享)小说(猜)': [49, 44],
  '(分享)视频号名片': [49, 50],
  '(分享)视频号视频': [49, 51],
  接龙: [49, 53],
  引用回复: [49, 57],
  视频号直播或直播回放: [49, 63],
  '文件(猜)': [49, 74],
  群公告: [49, 87],
  视频号直播或直播回放等: [49, 88],
  转账: [49, 2000],
  红包: [49, 2001],
  赠送红包封面: [49, 2003],
  语音通话: [50, 0],
  '企业微信打招呼(猜)': [65, 0],
  '企业微信添加好友(猜)': [66, 0],
  系统通知: [10000, 0],
  拍一拍: [10000, 4],
  撤回消息: [10000, 1],
  邀请加群: [10000, 8000],
};

/** PC 3.x SubType values of type 10000 that are revokes (§6.1); PyWxDump labels them 消息撤回N. */
const REVOKE_SUBTYPES = new Set([1, 5, 6, 33, 36, 57]);
const SYSTEM = 10000;
const PAT = 4;

export function pyWxDumpType(label: string): PyWxDumpType {
  const name = label.trim();
  const pair = LABELS[name] ?? numberedLabel(name);
  if (!pair) return { type: 0, subType: null, kind: 'unknown', isKnownLabel: false };
  const [type, subType] = pair;
  if (type === SYSTEM && REVOKE_SUBTYPES.has(subType))
    return { type, subType, kind: 'revoke', isKnownLabel: true, systemSubtype: 'revoke' };
  if (type === SYSTEM && subType === PAT)
    return { type, subType, kind: 'system', isKnownLabel: true, systemSubtype: 'pat' };
  return { type, subType, kind: kindOfWechatType(type, subType), isKnownLabel: true };
}

/** "消息撤回33" and "未知-49,15" carry their numbers in the label. */
function numberedLabel(name: string): readonly [number, number] | undefined {
  const revoke = /^消息撤回(\d{1,5})$/.exec(name);
  if (revoke) return [SYSTEM, Number(revoke[1])];
  const unknown = /^未知-(\d{1,6}),(\d{1,6})$/.exec(name);
  if (unknown) return [Number(unknown[1]), Number(unknown[2])];
  return undefined;
}
