import { describe, expect, it } from 'vitest';
import { classifyMessage, type ClassifyInput } from '../../../electron/core/importing/classify-message';
import type { ClassifiedMessage } from '../../../electron/core/importing/model';
import type { StoredPayload } from '../../../electron/common/message-kinds';
import * as xml from './wechat-xml-samples';

type Case = { name: string; input: ClassifyInput; expected: ClassifiedMessage };

function message(rawType: number, content: string, rawSubType: number | null = null): ClassifyInput {
  return { rawType, rawSubType, content };
}

function ok(kind: ClassifiedMessage['kind'], text: string, payload: Record<string, unknown>): ClassifiedMessage {
  return { kind, text, payload, isMalformed: false };
}

function malformed(kind: ClassifiedMessage['kind'], text: string, payload: Record<string, unknown>): ClassifiedMessage {
  return { kind, text, payload, isMalformed: true };
}

const RECORD_ITEMS = [
  { kind: 'text', senderName: '张三', time: '2024-05-01 09:30:12', text: '周末去爬山吗？' },
  { kind: 'image', senderName: '李四', time: '2024-05-01 09:31:40', text: '[Image]' },
  { kind: 'file', senderName: '李四', time: '2024-05-01 09:32:05', text: '路线.pdf' },
  { kind: 'location', senderName: '李四', time: '2024-05-01 09:33:00', text: '[Location] 宝石山 · 浙江省杭州市西湖区' },
  { kind: 'text', senderName: '张三', time: '2024-05-01 09:34:59', text: '好啊 <3 & 不见不散' },
];

const KIND_CASES: Case[] = [
  {
    name: 'an image (3) by its md5 and byte length, ignoring thumbnail sizes',
    input: message(3, xml.IMAGE_XML),
    expected: ok('image', '[Image]', { md5: '5d41402abc4b2a76b9719d911017c592', length: 51227 }),
  },
  {
    name: 'an image (3) with full-size dimensions',
    input: message(3, xml.IMAGE_HD_XML),
    expected: ok('image', '[Image]', {
      md5: '7d793037a0760186574b0282f2f435e7',
      width: 1440,
      height: 1920,
      length: 402187,
    }),
  },
  {
    name: 'a voice note (34) with its length in ms and WeChat’s transcript',
    input: message(34, xml.VOICE_XML),
    expected: ok('voice', '[Voice 3s]', { durationMs: 3120, transcript: '明天下午三点见' }),
  },
  {
    name: 'a voice note shorter than a second as 1s',
    input: message(34, xml.VOICE_SHORT_XML),
    expected: ok('voice', '[Voice 1s]', { durationMs: 800 }),
  },
  {
    name: 'a video (43)',
    input: message(43, xml.VIDEO_XML),
    expected: ok('video', '[Video]', { durationSec: 12, md5: 'e3b0c44298fc1c149afbf4c8996fb924', length: 2462382 }),
  },
  {
    name: 'a mobile short video (62) like a video',
    input: message(62, xml.VIDEO_XML),
    expected: ok('video', '[Video]', { durationSec: 12, md5: 'e3b0c44298fc1c149afbf4c8996fb924', length: 2462382 }),
  },
  {
    name: 'a sticker (47), decoding &amp; in its URL once',
    input: message(47, xml.STICKER_XML),
    expected: ok('sticker', '[Sticker]', {
      md5: '9e107d9d372bb6826bd81d3542a419d6',
      url: 'http://wxapp.tc.qq.com/262/20304/stodownload?m=9e107d9d372bb6826bd81d3542a419d6&filekey=30340201&hy=SH&storeid=323032',
    }),
  },
  {
    name: 'a location (48) with numeric coordinates, its place name and its address',
    input: message(48, xml.LOCATION_XML),
    expected: ok('location', '[Location] 天安门广场 · 北京市东城区东长安街', {
      x: 39.908692,
      y: 116.397477,
      label: '北京市东城区东长安街',
      poiName: '天安门广场',
    }),
  },
  {
    name: 'a place picked from WeChat’s list (48), shown as its name then its address',
    input: message(48, xml.LOCATION_POI_XML),
    expected: ok('location', '[Location] 星巴克(国贸店) · 北京市朝阳区建国门外大街1号', {
      x: 39.908123,
      y: 116.459876,
      label: '北京市朝阳区建国门外大街1号',
      poiName: '星巴克(国贸店)',
    }),
  },
  {
    name: 'a dropped pin (48) without a place name, shown as its address alone',
    input: message(48, xml.LOCATION_ADDRESS_ONLY_XML),
    expected: ok('location', '[Location] 上海市黄浦区人民大道200号', {
      x: 31.230416,
      y: 121.473701,
      label: '上海市黄浦区人民大道200号',
    }),
  },
  {
    name: 'a location (48) with neither name nor address as the placeholder, without an out-of-range longitude',
    input: message(48, xml.LOCATION_UNNAMED_XML),
    expected: ok('location', '[Location]', { x: 22.543096 }),
  },
  {
    name: 'a contact card (42) from the attributes of <msg>',
    input: message(42, xml.CARD_XML),
    expected: ok('card', '[Contact card] 李四', { username: 'wxid_card01', nickname: '李四', alias: 'lisi_88' }),
  },
  {
    name: 'a link (49/5)',
    input: message(49, xml.LINK_XML),
    expected: ok('link', '如何备份微信聊天记录', {
      title: '如何备份微信聊天记录',
      description: '三种方法，一次讲清楚',
      url: 'https://mp.weixin.qq.com/s?__biz=MzA3&mid=2650&idx=1&sn=abc#rd',
      sourceName: '数码指南',
    }),
  },
  {
    name: 'a link whose subtype is only in the SubType column, named by its app',
    input: message(49, xml.LINK_WITHOUT_TYPE_XML, 5),
    expected: ok('link', '本周歌单', {
      title: '本周歌单',
      description: '十首适合通勤的歌',
      url: 'https://y.qq.com/n/playlist?id=42',
      sourceName: 'QQ音乐',
    }),
  },
  {
    name: 'a file (49/6)',
    input: message(49, xml.FILE_XML, 6),
    expected: ok('file', '2024年度报告.pdf', {
      fileName: '2024年度报告.pdf',
      size: 1048576,
      ext: 'pdf',
      md5: 'd41d8cd98f00b204e9800998ecf8427e',
    }),
  },
  {
    name: 'a reply (49/57) to a text',
    input: message(49, xml.QUOTE_OF_TEXT_XML),
    expected: ok('quote', '好的，就这么定了', {
      text: '好的，就这么定了',
      quoted: {
        sourceId: '7285417310297469113',
        sender: 'wxid_friend01',
        senderName: '王五',
        kind: 'text',
        text: '周六早上8点出发？',
        time: 1714527012,
      },
    }),
  },
  {
    name: 'a forwarded chat record (49/19) with its items in CDATA',
    input: message(49, xml.RECORD_CDATA_XML),
    expected: ok('record', '张三和李四的聊天记录', { title: '张三和李四的聊天记录', items: RECORD_ITEMS }),
  },
  {
    name: 'a transfer (49/2000)',
    input: message(49, xml.TRANSFER_XML),
    expected: ok('transfer', '[Transfer] ￥100.00', {
      amount: '100.00',
      memo: '房租',
      feeDesc: '￥100.00',
      payType: 1,
    }),
  },
  {
    name: 'a red packet (49/2001) with its greeting',
    input: message(49, xml.RED_PACKET_XML),
    expected: ok('red-packet', '[Red packet] 恭喜发财，大吉大利', { title: '恭喜发财，大吉大利' }),
  },
  {
    name: 'a mini program (49/33)',
    input: message(49, xml.MINIPROGRAM_XML),
    expected: ok('miniprogram', '来看看这家店', {
      title: '来看看这家店',
      appName: '美团外卖',
      url: 'https://mp.weixin.qq.com/mp/waerrpage?appid=wx1234567890abcdef&type=upgrade&upgradetype=3#wechat_redirect',
    }),
  },
  {
    name: 'a pat sent as an app message (49/62) as a system line',
    input: message(49, xml.APP_PAT_XML),
    expected: ok('system', '"张三" 拍了拍我', { subtype: 'pat' }),
  },
  {
    name: 'a call (50) with its duration',
    input: message(50, xml.CALL_XML),
    expected: ok('call', '[Call] 通话时长 02:41', { durationText: '02:41', status: '通话时长 02:41' }),
  },
  {
    name: 'a cancelled call (50)',
    input: message(50, xml.CALL_CANCELLED_XML),
    expected: ok('call', '[Call] 已取消', { status: '已取消' }),
  },
  {
    name: 'a call exported as plain text (50)',
    input: message(50, '通话时长 1:02:03'),
    expected: ok('call', '[Call] 通话时长 1:02:03', { durationText: '1:02:03', status: '通话时长 1:02:03' }),
  },
  {
    name: 'a plain system line (10000)',
    input: message(10000, '你已添加了李四，现在可以开始聊天了。'),
    expected: ok('system', '你已添加了李四，现在可以开始聊天了。', {}),
  },
  {
    name: 'a system line with WeChat link markup, which is stripped (10000)',
    input: message(
      10000,
      '李四开启了朋友验证，你还不是他（她）朋友。<_wc_custom_link_ href="weixin://findfriend/verifycontact">发送朋友验证</_wc_custom_link_>',
    ),
    expected: ok('system', '李四开启了朋友验证，你还不是他（她）朋友。发送朋友验证', {}),
  },
  {
    name: 'a group invitation template (10000) with its names filled in',
    input: message(10000, xml.INVITE_TEMPLATE_XML),
    expected: ok('system', '"张三"邀请"李四、王五"加入了群聊', { subtype: 'sysmsgtemplate' }),
  },
  {
    name: 'a pat notice (10002) with the placeholder markers dropped',
    input: message(10002, xml.PAT_SYSMSG_XML),
    expected: ok('system', '"wxid_zhangsan" 拍了拍 "wxid_lisi"', { subtype: 'pat' }),
  },
  {
    name: 'a member removal notice (10002)',
    input: message(10002, xml.REMOVE_MEMBER_XML),
    expected: ok('system', '你将"李四"移出了群聊', { subtype: 'delchatroommember' }),
  },
  {
    name: 'a revoke in the mobile shape (10002) with the revoked server id as a string',
    input: message(10002, xml.REVOKE_MOBILE_XML),
    expected: ok('revoke', '"王五" 撤回了一条消息', {
      revokedSourceId: '7285417310297469113',
      text: '"王五" 撤回了一条消息',
    }),
  },
  {
    name: 'a revoke in the 4.x local shape (10000)',
    input: message(10000, xml.REVOKE_LOCAL_XML),
    expected: ok('revoke', '你撤回了一条消息', { text: '你撤回了一条消息' }),
  },
  {
    name: 'a plain-text revoke notice (10000, PC 3.x)',
    input: message(10000, '"王五" 撤回了一条消息'),
    expected: ok('revoke', '"王五" 撤回了一条消息', { text: '"王五" 撤回了一条消息' }),
  },
  {
    name: 'a friend request (37) as unknown, keeping its types',
    input: message(37, xml.FRIEND_REQUEST_XML),
    expected: ok('unknown', '[Unsupported message]', { rawType: 37, rawSubType: null }),
  },
  {
    name: 'an app message of an unmodelled subtype (49/53) as unknown, showing its title',
    input: message(49, xml.SOLITAIRE_XML),
    expected: ok('unknown', '#接龙 周六爬山报名', { rawType: 49, rawSubType: null, appMsgType: 53 }),
  },
  {
    name: 'an Android packed revoke type (268445456 = 0x10002710)',
    input: message(268445456, '"王五" 撤回了一条消息'),
    expected: ok('revoke', '"王五" 撤回了一条消息', { text: '"王五" 撤回了一条消息' }),
  },
  {
    name: 'an Android packed file type (1090519089 = 0x41000031), subtype from the XML',
    input: message(1090519089, xml.FILE_XML),
    expected: ok('file', '2024年度报告.pdf', {
      fileName: '2024年度报告.pdf',
      size: 1048576,
      ext: 'pdf',
      md5: 'd41d8cd98f00b204e9800998ecf8427e',
    }),
  },
  {
    name: 'a 4.x local_type with the subtype in its high 32 bits (57 << 32 | 49)',
    input: message(57 * 2 ** 32 + 49, xml.QUOTE_OF_TEXT_XML),
    expected: ok('quote', '好的，就这么定了', {
      text: '好的，就这么定了',
      quoted: {
        sourceId: '7285417310297469113',
        sender: 'wxid_friend01',
        senderName: '王五',
        kind: 'text',
        text: '周六早上8点出发？',
        time: 1714527012,
      },
    }),
  },
  {
    name: 'an image with an empty body, which is not malformed',
    input: message(3, ''),
    expected: ok('image', '[Image]', {}),
  },
];

describe('classifyMessage: each kind', () => {
  it.each(KIND_CASES)('classifies $name', ({ input, expected }) => {
    expect(classifyMessage(input)).toStrictEqual(expected);
  });
});

describe('classifyMessage: text (type 1) is not XML', () => {
  it.each([
    ['a Chinese sentence', '你好，周末一起吃饭吗？'],
    ['a body containing ":\\n" like a group prefix', 'wxid_abc:\n这不是前缀，是正文'],
    ['emoji, WeChat bracket codes and old private-use smileys', '太好了😀👍🏽[微笑][强]\ue415'],
    ['text that looks like XML', '<msg><img md5="x"/></msg>'],
    ['text with an entity-like sequence', 'Tom &amp; Jerry &lt;3'],
    ['surrounding whitespace and newlines', '  第一行\n第二行\n  '],
    ['an empty body', ''],
  ])('returns %s unchanged', (_name, content) => {
    expect(classifyMessage(message(1, content))).toStrictEqual(ok('text', content, {}));
  });
});

describe('classifyMessage: malformed XML', () => {
  const cases: Case[] = [
    {
      name: 'a truncated image keeps its kind and placeholder',
      input: message(3, '<msg><img md5="abc" length="5'),
      expected: malformed('image', '[Image]', { raw: '<msg><img md5="abc" length="5' }),
    },
    {
      name: 'a media body that is not XML at all',
      input: message(3, '[图片]'),
      expected: malformed('image', '[Image]', { raw: '[图片]' }),
    },
    {
      name: 'a mismatched app message keeps its kind and its file name',
      input: message(49, '<msg><appmsg><title>a.pdf</title><type>6</type></msg>', 6),
      expected: malformed('file', 'a.pdf', {
        fileName: 'a.pdf',
        ext: 'pdf',
        raw: '<msg><appmsg><title>a.pdf</title><type>6</type></msg>',
      }),
    },
    {
      name: 'a mismatched app message without <type> takes its kind from the SubType column',
      input: message(49, '<msg><appmsg><title>a.pdf</title></msg>', 6),
      expected: malformed('file', 'a.pdf', {
        fileName: 'a.pdf',
        ext: 'pdf',
        raw: '<msg><appmsg><title>a.pdf</title></msg>',
      }),
    },
    {
      name: 'a mismatched app message without a subtype is unknown and keeps its types',
      input: message(49, '<msg><appmsg><title>x</title></msg>'),
      expected: malformed('unknown', '[Unsupported message]', {
        raw: '<msg><appmsg><title>x</title></msg>',
        rawType: 49,
        rawSubType: null,
      }),
    },
    {
      name: 'a truncated revoke is still a revoke, shown without markup',
      input: message(
        10002,
        '<sysmsg type="revokemsg"><revokemsg><replacemsg><![CDATA["王五" 撤回了一条消息]]></replacemsg>',
      ),
      expected: malformed('revoke', '"王五" 撤回了一条消息', {
        raw: '<sysmsg type="revokemsg"><revokemsg><replacemsg><![CDATA["王五" 撤回了一条消息]]></replacemsg>',
      }),
    },
    {
      name: 'a truncated call shows its status',
      input: message(50, '<voipmsg type="VoIPBubbleMsg"><VoIPBubbleMsg><msg><![CDATA[已取消]]></msg>'),
      expected: malformed('call', '[Call] 已取消', {
        raw: '<voipmsg type="VoIPBubbleMsg"><VoIPBubbleMsg><msg><![CDATA[已取消]]></msg>',
      }),
    },
    {
      name: 'a bare ampersand in text is not well-formed, and the link is still read',
      input: message(49, '<msg><appmsg><title>A & B</title><type>5</type></appmsg></msg>'),
      expected: malformed('link', 'A & B', {
        title: 'A & B',
        raw: '<msg><appmsg><title>A & B</title><type>5</type></appmsg></msg>',
      }),
    },
  ];

  it.each(cases)('$name', ({ input, expected }) => {
    expect(classifyMessage(input)).toStrictEqual(expected);
  });

  it('marks a record whose inner document is damaged, keeping the title', () => {
    expect(classifyMessage(message(49, xml.RECORD_DAMAGED_XML))).toStrictEqual(
      malformed('record', '群聊的聊天记录', { title: '群聊的聊天记录', items: [] }),
    );
  });

  it('refuses nesting deeper than the parser allows instead of throwing', () => {
    const deep = `<msg>${'<a>'.repeat(300)}x${'</a>'.repeat(300)}</msg>`;
    expect(classifyMessage(message(3, deep))).toStrictEqual(malformed('image', '[Image]', { raw: deep }));
  });

  it('never throws on odd input of any type', () => {
    const bodies = [
      '',
      '\0\0',
      '<',
      '<>',
      '<?xml?>',
      '<![CDATA[',
      '<msg',
      '&#xD800;',
      '<msg/><msg/>',
      'plain',
      '<msg><appmsg><type>19</type><recorditem>&lt;</recorditem></appmsg></msg>',
    ];
    const types = [0, 1, 3, 34, 42, 43, 47, 48, 49, 50, 62, 9999, 10000, 10002, -1879048186, 2 ** 40 + 49];
    for (const rawType of types) {
      for (const content of bodies) {
        const result = classifyMessage({ rawType, rawSubType: 57, content });
        expect(typeof result.text).toBe('string');
        expect(JSON.parse(JSON.stringify(result.payload))).toStrictEqual(result.payload);
      }
    }
  });
});

describe('classifyMessage: damaged app messages keep what can be read (§7.4)', () => {
  const cases: Case[] = [
    {
      name: 'a link cut off before </appmsg></msg>, with bare ampersands: its title, description and URL',
      input: message(49, xml.LINK_CUT_OFF_XML),
      expected: malformed('link', 'Q&A 会议纪要', {
        title: 'Q&A 会议纪要',
        description: '周五例会的问题与回答',
        url: 'https://a.example/?a=1&b=2',
        raw: xml.LINK_CUT_OFF_XML,
      }),
    },
    {
      name: 'a file cut off inside <appattach>: its name, size and extension',
      input: message(49, xml.FILE_CUT_OFF_XML, 6),
      expected: malformed('file', '2024年度报告.pdf', {
        fileName: '2024年度报告.pdf',
        size: 1048576,
        ext: 'pdf',
        raw: xml.FILE_CUT_OFF_XML,
      }),
    },
    {
      name: 'a transfer cut off inside <wcpayinfo>, its values in CDATA',
      input: message(49, xml.TRANSFER_CUT_OFF_XML),
      expected: malformed('transfer', '[Transfer] ￥100.00', {
        amount: '100.00',
        memo: '房租&水电',
        feeDesc: '￥100.00',
        payType: 1,
        raw: xml.TRANSFER_CUT_OFF_XML,
      }),
    },
    {
      name: 'an unmodelled subtype as unknown with its title, keeping its types',
      input: message(49, xml.SOLITAIRE_BARE_AMPERSAND_XML),
      expected: malformed('unknown', '#接龙 周六爬山 & 烧烤报名', {
        raw: xml.SOLITAIRE_BARE_AMPERSAND_XML,
        rawType: 49,
        rawSubType: null,
        appMsgType: 53,
      }),
    },
    {
      name: 'a body cut off before its <type> falls back as before',
      input: message(49, xml.APP_CUT_BEFORE_TYPE_XML),
      expected: malformed('unknown', '[Unsupported message]', {
        raw: xml.APP_CUT_BEFORE_TYPE_XML,
        rawType: 49,
        rawSubType: null,
      }),
    },
    {
      name: 'a <type> nested in weappinfo is not taken for the subtype',
      input: message(49, xml.MINIPROGRAM_NESTED_TYPE_ONLY_XML),
      expected: malformed('unknown', '[Unsupported message]', {
        raw: xml.MINIPROGRAM_NESTED_TYPE_ONLY_XML,
        rawType: 49,
        rawSubType: null,
      }),
    },
    {
      name: 'a body without <appmsg> falls back to the SubType column’s placeholder as before',
      input: message(49, '[文件] a.pdf', 6),
      expected: malformed('file', '[File]', { raw: '[文件] a.pdf' }),
    },
  ];

  it.each(cases)('$name', ({ input, expected }) => {
    expect(classifyMessage(input)).toStrictEqual(expected);
  });

  it('reads a long damaged body in one pass', () => {
    const bodies = [
      `<msg><appmsg>${'<refermsg '.repeat(50_000)}`,
      `<msg><appmsg><title>${' '.repeat(500_000)}`,
      `<msg><appmsg>${'<title><![CDATA['.repeat(30_000)}`,
    ];
    const started = performance.now();
    const kinds = bodies.map((content) => classifyMessage(message(49, content)).kind);
    expect(kinds).toStrictEqual(['unknown', 'unknown', 'unknown']);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('classifyMessage: nested XML (§7.5)', () => {
  it('parses a quoted link from escaped XML behind a group sender prefix', () => {
    expect(classifyMessage(message(49, xml.QUOTE_OF_ESCAPED_LINK_XML))).toStrictEqual(
      ok('quote', '这篇写得好', {
        text: '这篇写得好',
        quoted: {
          sourceId: '7285417310297469114',
          sender: 'wxid_bob',
          senderName: 'Bob',
          kind: 'link',
          text: '备份 & 恢复指南',
          time: 1714527012,
        },
      }),
    );
  });

  it('shows a quoted image as its placeholder', () => {
    expect(classifyMessage(message(49, xml.QUOTE_OF_ESCAPED_IMAGE_XML))).toStrictEqual(
      ok('quote', '这是哪里？', {
        text: '这是哪里？',
        quoted: {
          sourceId: '7285417310297469115',
          sender: 'wxid_friend01',
          senderName: '王五',
          kind: 'image',
          text: '[Image]',
        },
      }),
    );
  });

  it('shows a quoted file (PC 3.x, escaped XML behind a group prefix) as a file named by its title', () => {
    expect(classifyMessage(message(49, xml.QUOTE_OF_ESCAPED_FILE_XML, 57))).toStrictEqual(
      ok('quote', '这份报告的第三页有问题', {
        text: '这份报告的第三页有问题',
        quoted: {
          sourceId: '7285417310297469117',
          sender: 'wxid_bob',
          senderName: 'Bob',
          kind: 'file',
          text: '2024年度报告.pdf',
          time: 1714527012,
        },
      }),
    );
  });

  it('shows a quoted file whose nested XML has a bare ampersand as a file named by its title', () => {
    expect(classifyMessage(message(49, xml.QUOTE_OF_DAMAGED_FILE_XML, 57))).toStrictEqual(
      ok('quote', '纪要收到', {
        text: '纪要收到',
        quoted: {
          sourceId: '7285417310297469118',
          sender: 'wxid_bob',
          senderName: 'Bob',
          kind: 'file',
          text: 'Q&A 会议纪要.docx',
          time: 1714527012,
        },
      }),
    );
  });

  it('shows a quoted link whose nested URL has a bare ampersand as a link named by its title', () => {
    expect(classifyMessage(message(49, xml.QUOTE_OF_DAMAGED_LINK_XML, 57))).toStrictEqual(
      ok('quote', '这个链接打不开', {
        text: '这个链接打不开',
        quoted: {
          sourceId: '7285417310297469119',
          sender: 'wxid_bob',
          senderName: 'Bob',
          kind: 'link',
          text: '季度复盘会议议程',
          time: 1714527012,
        },
      }),
    );
  });

  it('shows a quoted app message kept only as its title by that title', () => {
    expect(classifyMessage(message(49, xml.QUOTE_OF_FILE_TITLE_XML, 57))).toStrictEqual(
      ok('quote', '单价还能再优惠一点吗？', {
        text: '单价还能再优惠一点吗？',
        quoted: {
          sourceId: '7285417310297469120',
          sender: 'wxid_bob',
          senderName: 'Bob',
          kind: 'unknown',
          text: '报价单 Quotation Q-2025-118.pdf',
          time: 1714527012,
        },
      }),
    );
  });

  it('follows a quote one level: a reply to a reply shows the inner reply', () => {
    expect(classifyMessage(message(49, xml.QUOTE_OF_QUOTE_XML))).toStrictEqual(
      ok('quote', '同意楼上', {
        text: '同意楼上',
        quoted: {
          sourceId: '7285417310297469116',
          sender: 'wxid_friend01',
          senderName: '王五',
          kind: 'quote',
          text: '内层回复',
        },
      }),
    );
  });

  it('shortens a long quoted text to 100 characters without splitting an emoji', () => {
    const long = `${'长'.repeat(99)}😀😀😀`;
    const body = `<msg><appmsg><title>嗯</title><type>57</type><refermsg><type>1</type><svrid>5</svrid><content>${long}</content></refermsg></appmsg></msg>`;
    const quoted = (classifyMessage(message(49, body)).payload as { quoted: { text: string } }).quoted;
    expect(quoted.text).toBe(`${'长'.repeat(99)}😀…`);
  });

  it('reads a record whose inner document is entity-escaped rather than CDATA', () => {
    expect(classifyMessage(message(49, xml.RECORD_ESCAPED_XML))).toStrictEqual(
      ok('record', '张三和李四的聊天记录', { title: '张三和李四的聊天记录', items: RECORD_ITEMS }),
    );
  });
});

describe("classifyMessage: a quote's time (refermsg/createtime)", () => {
  const quote = (createtime: string) =>
    `<msg><appmsg><title>收到</title><type>57</type><refermsg><type>1</type><svrid>7285417310297469121</svrid>` +
    `<fromusr>wxid_friend01</fromusr><displayname>王五</displayname><content>明天见</content>${createtime}</refermsg></appmsg></msg>`;
  const quotedOf = (body: string) => (classifyMessage(message(49, body)).payload as StoredPayload<'quote'>).quoted;

  it('keeps when the quoted message was sent, in UTC seconds like a message time', () => {
    expect(quotedOf(quote('<createtime>1714527012</createtime>'))?.time).toBe(1_714_527_012);
  });

  it.each([
    ['absent', ''],
    ['empty', '<createtime></createtime>'],
    ['negative', '<createtime>-1714527012</createtime>'],
    ['not a number', '<createtime>昨天</createtime>'],
    ['in milliseconds', '<createtime>1714527012000</createtime>'],
    ['before 1990', '<createtime>12</createtime>'],
    ['past 2100', '<createtime>99999999999</createtime>'],
    ['a fraction', '<createtime>1714527012.5</createtime>'],
  ])('leaves the time out when createtime is %s, and still reads the quote whole', (_name, createtime) => {
    const classified = classifyMessage(message(49, quote(createtime)));
    expect(classified).toStrictEqual(
      ok('quote', '收到', {
        text: '收到',
        quoted: {
          sourceId: '7285417310297469121',
          sender: 'wxid_friend01',
          senderName: '王五',
          kind: 'text',
          text: '明天见',
        },
      }),
    );
  });

  it('keeps the sender and time of a quote whose XML is cut off, with the reply salvaged', () => {
    const cut = quote('<createtime>1714527012</createtime>').replace('</appmsg></msg>', '');
    const classified = classifyMessage(message(49, `${cut}<appattach><totallen>1</totallen>`, 57));
    expect(classified.kind).toBe('quote');
    expect(classified.isMalformed).toBe(true);
    expect(classified.text).toBe('收到');
    expect((classified.payload as StoredPayload<'quote'>).quoted).toStrictEqual({
      sourceId: '7285417310297469121',
      sender: 'wxid_friend01',
      senderName: '王五',
      kind: 'text',
      text: '[Message]',
      time: 1_714_527_012,
    });
  });
});

describe('classifyMessage: XML safety and escapes', () => {
  const LAUGHS = [
    '<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ].join('\n ');

  it('does not expand a billion-laughs DOCTYPE: the output stays small and the call fast', () => {
    const body = `<?xml version="1.0"?>\n<!DOCTYPE msg [\n ${LAUGHS}\n]>\n<msg><appmsg><title>&lol9;</title><des>&lol;</des><type>5</type></appmsg></msg>`;
    const started = performance.now();
    const result = classifyMessage(message(49, body));
    const elapsedMs = performance.now() - started;
    expect(result).toStrictEqual(ok('link', '&lol9;', { title: '&lol9;', description: '&lol;' }));
    expect(JSON.stringify(result).length).toBeLessThan(200);
    expect(elapsedMs).toBeLessThan(500);
  });

  it('does not expand an internal entity', () => {
    const body = `<!DOCTYPE msg [<!ENTITY secret "EXPANDED">]><msg><appmsg><title>&secret;</title><des>x&secret;y</des><type>5</type></appmsg></msg>`;
    expect(classifyMessage(message(49, body))).toStrictEqual(
      ok('link', '&secret;', { title: '&secret;', description: 'x&secret;y' }),
    );
  });

  it('refuses a document declaring an external entity as malformed, without reading it', () => {
    const body = `<!DOCTYPE msg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><msg><appmsg><title>&xxe;</title><type>5</type></appmsg></msg>`;
    expect(classifyMessage(message(49, body, 5))).toStrictEqual(malformed('link', '[Link]', { raw: body }));
  });

  it('decodes the standard escapes and character references once', () => {
    const body = `<msg><appmsg><title>A &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#20320;&#x597D; &#128512; &amp;lt;</title><type>5</type></appmsg></msg>`;
    expect(classifyMessage(message(49, body)).text).toBe(`A <b> & "c" 'd' 你好 😀 &lt;`);
  });

  it('leaves escapes inside CDATA as written', () => {
    const body = `<msg><appmsg><title><![CDATA[&lt;literal&gt; & more]]></title><type>5</type></appmsg></msg>`;
    expect(classifyMessage(message(49, body)).text).toBe('&lt;literal&gt; & more');
  });

  it('accepts a BOM, whitespace, a declaration and trailing NULs around the XML', () => {
    const body = `\uFEFF  <?xml version="1.0" encoding="UTF-8"?>\n${xml.VOICE_SHORT_XML}\0\0\0`;
    expect(classifyMessage(message(34, body))).toStrictEqual(ok('voice', '[Voice 1s]', { durationMs: 800 }));
  });

  it('refuses tag names that could reach Object.prototype as malformed', () => {
    const body = `<msg><__proto__><polluted>yes</polluted></__proto__><img md5="abc" /></msg>`;
    expect(classifyMessage(message(3, body))).toStrictEqual(malformed('image', '[Image]', { raw: body }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('classifyMessage: 64-bit ids stay exact strings', () => {
  // 2^53 = 9007199254740992; as JS numbers these three collapse into two values.
  const IDS = ['9007199254740993', '9007199254740992', '9007199254740995'];

  it('keeps quoted svrids above 2^53 that differ only in their low bits', () => {
    const sourceIds = IDS.map((id) => {
      const body = `<msg><appmsg><title>回复</title><type>57</type><refermsg><type>1</type><svrid>${id}</svrid><content>原文</content></refermsg></appmsg></msg>`;
      return (classifyMessage(message(49, body)).payload as { quoted: { sourceId: unknown } }).quoted.sourceId;
    });
    expect(sourceIds).toStrictEqual(IDS);
    expect(Number(IDS[0])).toBe(Number(IDS[1]));
  });

  it('keeps revoked newmsgids up to the unsigned 64-bit maximum', () => {
    const ids = ['18446744073709551615', '18446744073709551614', ...IDS];
    const revoked = ids.map((id) => {
      const body = `<sysmsg type="revokemsg"><revokemsg><msgid>1</msgid><newmsgid>${id}</newmsgid><replacemsg><![CDATA[你撤回了一条消息]]></replacemsg></revokemsg></sysmsg>`;
      return (classifyMessage(message(10002, body)).payload as StoredPayload<'revoke'>).revokedSourceId;
    });
    expect(revoked).toStrictEqual(ids);
  });

  it('treats a zero svrid as no id', () => {
    const body = `<msg><appmsg><title>回复</title><type>57</type><refermsg><type>1</type><svrid>0</svrid><content>原文</content></refermsg></appmsg></msg>`;
    expect(
      (classifyMessage(message(49, body)).payload as { quoted: { sourceId: unknown } }).quoted.sourceId,
    ).toBeNull();
  });
});
