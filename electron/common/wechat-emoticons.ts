/**
 * WeChat's bracket emoticons ("[微笑]", "[Smile]") as Unicode emoji. WeChat stores them in a message's text as the
 * bracketed name in the sender's language (docs/wechat-formats.md §7.7); the app draws Tencent's own pictures, which
 * Locket must not ship. Locket shows the nearest Unicode emoji instead, drawn by an openly licensed emoji font
 * (Noto Color Emoji, SIL OFL 1.1), and leaves the stored text as it is. An unknown name stays text.
 *
 * Each row: the Chinese name, the English name(s) WeChat's English interface writes, the emoji. Older or alternative
 * names WeChat used for the same face follow the first one.
 */
const TABLE: readonly (readonly [zh: readonly string[], en: readonly string[], emoji: string])[] = [
  [['微笑'], ['Smile'], '🙂'],
  [['撇嘴'], ['Grimace'], '😖'],
  [['色'], ['Drool'], '😍'],
  [['发呆'], ['Scowl'], '😳'],
  [['得意'], ['CoolGuy'], '😎'],
  [['流泪'], ['Sob'], '😭'],
  [['害羞'], ['Shy'], '☺️'],
  [['闭嘴'], ['Silent'], '🤐'],
  [['睡'], ['Sleep'], '😴'],
  [['大哭'], ['Cry'], '😢'],
  [['尴尬'], ['Awkward'], '😅'],
  [['发怒'], ['Angry'], '😡'],
  [['调皮'], ['Tongue'], '😜'],
  [['呲牙'], ['Grin'], '😁'],
  [['惊讶'], ['Surprise'], '😮'],
  [['难过'], ['Frown'], '🙁'],
  [['酷'], ['Ruthless'], '😎'],
  [['冷汗'], ['Blush'], '😰'],
  [['抓狂'], ['Scream'], '😫'],
  [['吐'], ['Puke'], '🤮'],
  [['偷笑'], ['Chuckle'], '🤭'],
  [['愉快', '可爱'], ['Joyful'], '😊'],
  [['白眼'], ['Slight'], '🙄'],
  [['傲慢'], ['Smug'], '😤'],
  [['饥饿'], ['Hungry'], '🤤'],
  [['困'], ['Drowsy'], '😪'],
  [['惊恐'], ['Panic'], '😱'],
  [['流汗'], ['Sweat'], '😓'],
  [['憨笑'], ['Laugh'], '😄'],
  [['悠闲', '大兵'], ['Commando', 'Loafer'], '😌'],
  [['奋斗'], ['Determined', 'Strive'], '💪'],
  [['咒骂'], ['Scold'], '🤬'],
  [['疑问'], ['Shocked', 'Puzzled'], '❓'],
  [['嘘'], ['Shhh'], '🤫'],
  [['晕'], ['Dizzy'], '😵'],
  [['疯了', '折磨'], ['Tormented', 'Crazy'], '😵‍💫'],
  [['衰'], ['Toasted'], '😩'],
  [['骷髅'], ['Skull'], '💀'],
  [['敲打'], ['Hammer'], '🔨'],
  [['再见'], ['Wave', 'Bye'], '👋'],
  [['擦汗'], ['Speechless', 'Relief'], '😥'],
  [['抠鼻'], ['NosePick'], '👃'],
  [['鼓掌'], ['Clap'], '👏'],
  [['糗大了'], ['Shame'], '😣'],
  [['坏笑'], ['Trick'], '😏'],
  [['左哼哼'], ['Bah！L', 'Bah!L'], '😤'],
  [['右哼哼'], ['Bah！R', 'Bah!R'], '😤'],
  [['哈欠'], ['Yawn'], '🥱'],
  [['鄙视'], ['Pooh-pooh', 'Lookdown'], '😒'],
  [['委屈'], ['Shrunken', 'Wronged'], '🥺'],
  [['快哭了'], ['TearingUp', 'Puling'], '😿'],
  [['阴险'], ['Sly'], '😈'],
  [['亲亲'], ['Kiss'], '😚'],
  [['吓'], ['Wrath', 'Scare'], '😨'],
  [['可怜'], ['Whimper'], '🥹'],
  [['菜刀'], ['Cleaver'], '🔪'],
  [['西瓜'], ['Watermelon'], '🍉'],
  [['啤酒'], ['Beer'], '🍺'],
  [['篮球'], ['Basketball'], '🏀'],
  [['乒乓'], ['PingPong'], '🏓'],
  [['咖啡'], ['Coffee'], '☕'],
  [['饭'], ['Rice'], '🍚'],
  [['猪头'], ['Pig'], '🐷'],
  [['玫瑰'], ['Rose'], '🌹'],
  [['凋谢'], ['Wilt'], '🥀'],
  [['嘴唇'], ['Lips'], '👄'],
  [['爱心'], ['Heart'], '❤️'],
  [['心碎'], ['BrokenHeart'], '💔'],
  [['蛋糕'], ['Cake'], '🎂'],
  [['闪电'], ['Lightning'], '⚡'],
  [['炸弹'], ['Bomb'], '💣'],
  [['刀'], ['Dagger'], '🗡️'],
  [['足球'], ['Soccer'], '⚽'],
  [['瓢虫'], ['Ladybug'], '🐞'],
  [['便便'], ['Poop'], '💩'],
  [['月亮'], ['Moon'], '🌙'],
  [['太阳'], ['Sun'], '☀️'],
  [['礼物'], ['Gift'], '🎁'],
  [['拥抱'], ['Hug'], '🤗'],
  [['强'], ['ThumbsUp', 'Strong'], '👍'],
  [['弱'], ['ThumbsDown', 'Weak'], '👎'],
  [['握手'], ['Shake'], '🤝'],
  [['胜利'], ['Peace', 'Victory'], '✌️'],
  [['抱拳'], ['Fight', 'Salute'], '🙏'],
  [['勾引'], ['Beckon'], '🫴'],
  [['拳头'], ['Fist'], '✊'],
  [['差劲'], ['Pinky'], '👎'],
  [['爱你'], ['RockOn'], '🤟'],
  [['NO'], ['Nuh-uh', 'NO'], '🙅'],
  [['OK'], ['OK'], '👌'],
  [['爱情'], ['InLove'], '💑'],
  [['飞吻'], ['Blowkiss'], '😘'],
  [['跳跳'], ['Waddle'], '🦘'],
  [['发抖'], ['Tremble'], '🥶'],
  [['怄火'], ['Aaagh!'], '😠'],
  [['转圈'], ['Twirl'], '💫'],
  [['磕头'], ['Kotow'], '🙇'],
  [['回头'], ['Dramatic'], '🔙'],
  [['跳绳'], ['JumpRope'], '🪢'],
  [['投降'], ['Surrender'], '🏳️'],
  [['激动'], ['Hooray'], '🙌'],
  [['乱舞'], ['Meditate'], '💃'],
  [['献吻'], ['Smooch'], '💋'],
  [['左太极'], ['TaiChi L'], '☯️'],
  [['右太极'], ['TaiChi R'], '☯️'],
  // The faces WeChat added from 2017 on.
  [['嘿哈'], ['Hey'], '😆'],
  [['捂脸'], ['Facepalm'], '🤦'],
  [['奸笑'], ['Smirk'], '😏'],
  [['机智'], ['Smart'], '🤓'],
  [['皱眉'], ['Concerned'], '😟'],
  [['耶'], ['Yeah!'], '✌️'],
  [['红包'], ['Packet'], '🧧'],
  [['鸡'], ['Chick'], '🐥'],
  [['吃瓜'], ['Onlooker'], '🍉'],
  [['加油'], ['GoForIt'], '💪'],
  [['汗'], ['Sweats'], '😓'],
  [['天啊'], ['OMG'], '😲'],
  [['Emm'], ['Emm'], '😑'],
  [['社会社会'], ['Respect'], '🫡'],
  [['旺柴'], ['Doge'], '🐶'],
  [['好的'], ['NoProb'], '👌'],
  [['打脸'], ['MyBad'], '🤕'],
  [['哇'], ['Wow'], '🤩'],
  [['翻白眼'], ['Boring'], '🙄'],
  [['666'], ['Awesome'], '👍'],
  [['让我看看'], ['LetMeSee'], '👀'],
  [['叹气'], ['Sigh'], '😮‍💨'],
  [['苦涩'], ['Hurt'], '😣'],
  [['裂开'], ['Broken'], '💔'],
  [['合十'], ['Worship'], '🙏'],
  [['庆祝'], ['Party'], '🎉'],
  [['烟花'], ['Fireworks'], '🎆'],
  [['爆竹'], ['Firecracker'], '🧨'],
  [['福'], ['Blessing'], '🧧'],
  [['發'], ['Rich'], '💰'],
];

const EMOJI_BY_NAME: ReadonlyMap<string, string> = new Map(
  TABLE.flatMap(([zh, en, emoji]) => [...zh, ...en].map((name) => [name, emoji] as const)),
);

/** How many distinct emoticons the table knows (for tests and docs). */
export const WECHAT_EMOTICON_COUNT = TABLE.length;

/** The emoji for a bracket name without its brackets ("微笑", "Smile"), or undefined when WeChat has no such face. */
export function emoticonEmoji(name: string): string | undefined {
  return EMOJI_BY_NAME.get(name);
}

export type EmoticonPart = { text: string } | { name: string; emoji: string };

// The longest name is 11 characters ("BrokenHeart"): 12 keeps the scan short.
const BRACKET = /\[([^[\]\n]{1,12})\]/g;

/**
 * Text cut into words and emoticons: "好[微笑][Smile]" → "好", 🙂, 🙂. Brackets that name no emoticon stay part of
 * the text, so joining the parts' `text` and `[name]` gives the input back unchanged.
 */
export function splitEmoticons(text: string): EmoticonPart[] {
  const parts: EmoticonPart[] = [];
  let last = 0;
  for (const match of text.matchAll(BRACKET)) {
    const emoji = EMOJI_BY_NAME.get(match[1]!);
    if (emoji === undefined) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ name: match[1]!, emoji });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Whether the text holds at least one known emoticon (most messages do not: they render as they are). */
export function hasEmoticon(text: string): boolean {
  return splitEmoticons(text).some((part) => 'emoji' in part);
}
