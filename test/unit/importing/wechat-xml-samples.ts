/**
 * Message bodies shaped like real WeChat XML (docs/wechat-formats.md §6.1–§6.4): element and attribute names, the
 * `<?xml?>` prologue, CDATA where WeChat uses it and the empty siblings real messages carry. Values are invented.
 */

export const IMAGE_XML = `<?xml version="1.0"?>
<msg>
	<img aeskey="0123456789abcdef0123456789abcdef" encryver="1" cdnthumbaeskey="0123456789abcdef0123456789abcdef" cdnthumburl="3057020100044b30490201000204a1b2c3d402032f5a110204d2e3f4a5020465a1b2c30424" cdnthumblength="3420" cdnthumbheight="120" cdnthumbwidth="67" cdnmidheight="0" cdnmidwidth="0" cdnhdheight="0" cdnhdwidth="0" cdnmidimgurl="3057020100044b30490201000204a1b2c3d402032f5a110204d2e3f4a5020465a1b2c30424" length="51227" md5="5d41402abc4b2a76b9719d911017c592" hevc_mid_size="51227" />
	<platform_signature></platform_signature>
	<imgdatahash></imgdatahash>
</msg>
`;

export const IMAGE_HD_XML = `<msg><img aeskey="00" cdnthumbheight="120" cdnthumbwidth="90" cdnhdheight="1920" cdnhdwidth="1440" cdnbigimgurl="3057" hdlength="802145" length="402187" md5="7d793037a0760186574b0282f2f435e7" /></msg>`;

export const VOICE_XML = `<msg><voicemsg endflag="1" cancelflag="0" forwardflag="0" voiceformat="4" voicelength="3120" length="5148" bufid="0" aeskey="" voiceurl="" voicemd5="" clientmsgid="41386135623665316531383637354400121706052324efa0f2c102" fromusername="wxid_friend01" /><voicetrans transtext="明天下午三点见" istransend="1" /></msg>`;

export const VOICE_SHORT_XML = `<msg><voicemsg endflag="1" voiceformat="4" voicelength="800" length="1320" bufid="0" fromusername="wxid_friend01" /></msg>`;

export const VIDEO_XML = `<?xml version="1.0"?>
<msg>
	<videomsg aeskey="abcd" cdnvideourl="3057020100" cdnthumbaeskey="abcd" cdnthumburl="3057020100" length="2462382" playlength="12" cdnthumblength="8372" cdnthumbwidth="224" cdnthumbheight="398" fromusername="wxid_friend01" md5="e3b0c44298fc1c149afbf4c8996fb924" newmd5="a3b0c44298fc1c149afbf4c8996fb924" isplaceholder="0" rawmd5="" rawlength="0" cdnrawvideourl="" cdnrawvideoaeskey="" overwritenewmsgid="0" originsourcemd5="" isad="0" />
</msg>
`;

export const STICKER_XML = `<msg><emoji fromusername="wxid_friend01" tousername="wxid_me" type="2" idbuffer="media:0_0" md5="9e107d9d372bb6826bd81d3542a419d6" len="48732" productid="" androidmd5="9e107d9d372bb6826bd81d3542a419d6" androidlen="48732" cdnurl="http://wxapp.tc.qq.com/262/20304/stodownload?m=9e107d9d372bb6826bd81d3542a419d6&amp;filekey=30340201&amp;hy=SH&amp;storeid=323032" designerid="" thumburl="" encrypturl="" aeskey="" externurl="" externmd5="" width="240" height="240" /></msg>`;

export const LOCATION_XML = `<?xml version="1.0"?>
<msg>
	<location x="39.908692" y="116.397477" scale="15" label="北京市东城区东长安街" maptype="roadmap" poiname="天安门广场" poiid="nearby_123" buildingId="" floorName="" poiCategoryTips="" poiBusinessHour="" poiPhone="" poiPriceTips="" isFromPoiList="true" adcode="" cityname="北京市" fromusername="" />
</msg>
`;

/** A place picked from WeChat's list: `poiname` is the place, `label` its address (what the bubble shows). */
export const LOCATION_POI_XML = `<?xml version="1.0"?>
<msg>
	<location x="39.908123" y="116.459876" scale="16" label="北京市朝阳区建国门外大街1号" maptype="roadmap" poiname="星巴克(国贸店)" poiid="qqmap_8814629358290513762" buildingId="" floorName="" poiCategoryTips="美食:咖啡厅" poiBusinessHour="07:00-22:00" poiPhone="010-65051234" poiPriceTips="38.0" isFromPoiList="true" adcode="110105" cityname="北京市" fromusername="wxid_friend01" />
</msg>
`;

/** A dropped pin: WeChat writes the address but no place name. */
export const LOCATION_ADDRESS_ONLY_XML = `<?xml version="1.0"?>
<msg>
	<location x="31.230416" y="121.473701" scale="15" label="上海市黄浦区人民大道200号" maptype="roadmap" poiname="" poiid="" buildingId="" floorName="" poiCategoryTips="" poiBusinessHour="" poiPhone="" poiPriceTips="" isFromPoiList="false" adcode="" cityname="上海市" fromusername="wxid_friend01" />
</msg>
`;

/** Neither name nor address, and a longitude outside ±180 that is not kept as a coordinate. */
export const LOCATION_UNNAMED_XML = `<msg><location x="22.543096" y="914.057865" scale="15" label="" maptype="roadmap" poiname="" poiid="" buildingId="" floorName="" poiCategoryTips="" poiBusinessHour="" poiPhone="" poiPriceTips="" isFromPoiList="false" adcode="" cityname="" fromusername="wxid_friend01" /></msg>`;

export const CARD_XML = `<?xml version="1.0"?>
<msg bigheadimgurl="http://wx.qlogo.cn/mmhead/ver_1/abc/0" smallheadimgurl="http://wx.qlogo.cn/mmhead/ver_1/abc/132" username="wxid_card01" nickname="李四" fullpy="lisi" shortpy="LS" alias="lisi_88" imagestatus="3" scene="17" province="广东" city="深圳" sign="" sex="1" certflag="0" certinfo="" brandIconUrl="" brandHomeUrl="" brandSubscriptConfigUrl="" brandFlags="0" regionCode="CN_Guangdong_Shenzhen" biznamecardinfo="" antispamticket="v2_abc" />
`;

export const LINK_XML = `<?xml version="1.0"?>
<msg>
	<appmsg appid="" sdkver="0">
		<title>如何备份微信聊天记录</title>
		<des>三种方法，一次讲清楚</des>
		<action>view</action>
		<type>5</type>
		<showtype>0</showtype>
		<content />
		<url>https://mp.weixin.qq.com/s?__biz=MzA3&amp;mid=2650&amp;idx=1&amp;sn=abc#rd</url>
		<dataurl />
		<lowurl />
		<appattach>
			<totallen>0</totallen>
			<attachid />
			<fileext />
		</appattach>
		<extinfo />
		<sourceusername>gh_0123456789ab</sourceusername>
		<sourcedisplayname>数码指南</sourcedisplayname>
		<thumburl>https://mmbiz.qpic.cn/abc/0</thumburl>
	</appmsg>
	<fromusername>wxid_friend01</fromusername>
	<scene>0</scene>
	<appinfo>
		<version>1</version>
		<appname></appname>
	</appinfo>
	<commenturl></commenturl>
</msg>
`;

/** A shared link without `<type>` (the subtype then comes from the PC SubType column) and with an app name. */
export const LINK_WITHOUT_TYPE_XML = `<msg><appmsg appid="wx0123456789abcdef" sdkver="0"><title>本周歌单</title><des>十首适合通勤的歌</des><url>https://y.qq.com/n/playlist?id=42</url></appmsg><appinfo><version>3</version><appname>QQ音乐</appname></appinfo></msg>`;

export const FILE_XML = `<?xml version="1.0"?>
<msg>
	<appmsg appid="" sdkver="0">
		<title>2024年度报告.pdf</title>
		<des />
		<action>view</action>
		<type>6</type>
		<showtype>0</showtype>
		<content />
		<url />
		<appattach>
			<totallen>1048576</totallen>
			<attachid>@cdn_3057020100_abc_1</attachid>
			<emoticonmd5 />
			<fileext>pdf</fileext>
			<cdnattachurl>3057020100</cdnattachurl>
			<aeskey>0123</aeskey>
			<encryver>1</encryver>
			<overwrite_newmsgid>9007199254740993</overwrite_newmsgid>
			<fileuploadtoken>v1_abc</fileuploadtoken>
		</appattach>
		<md5>d41d8cd98f00b204e9800998ecf8427e</md5>
	</appmsg>
	<fromusername>wxid_friend01</fromusername>
	<scene>0</scene>
	<appinfo>
		<version>1</version>
		<appname />
	</appinfo>
</msg>
`;

export const QUOTE_OF_TEXT_XML = `<msg>
	<appmsg appid="" sdkver="0">
		<title>好的，就这么定了</title>
		<des />
		<action />
		<type>57</type>
		<showtype>0</showtype>
		<url />
		<appattach>
			<totallen>0</totallen>
			<attachid />
			<emoticonmd5 />
			<fileext />
		</appattach>
		<refermsg>
			<type>1</type>
			<svrid>7285417310297469113</svrid>
			<fromusr>wxid_friend01</fromusr>
			<chatusr />
			<displayname>王五</displayname>
			<msgsource>&lt;msgsource&gt;&lt;sec_msg_node&gt;&lt;uuid&gt;abc&lt;/uuid&gt;&lt;/sec_msg_node&gt;&lt;/msgsource&gt;</msgsource>
			<content>周六早上8点出发？</content>
			<strid />
			<createtime>1714527012</createtime>
		</refermsg>
		<weappinfo>
			<pagepath />
			<username />
			<appid />
			<appservicetype>0</appservicetype>
		</weappinfo>
		<finderFeed />
	</appmsg>
	<fromusername>wxid_me</fromusername>
	<scene>0</scene>
	<appinfo>
		<version>1</version>
		<appname />
	</appinfo>
	<commenturl />
</msg>`;

/**
 * A reply in a group to a shared link: the quoted body is the link's whole XML, entity-escaped once more, behind
 * the original sender's `wxid:\n` prefix. `&amp;amp;` is an `&` escaped in both documents.
 */
export const QUOTE_OF_ESCAPED_LINK_XML = `<msg><appmsg appid="" sdkver="0"><title>这篇写得好</title><type>57</type><refermsg><type>49</type><svrid>7285417310297469114</svrid><fromusr>20811234567@chatroom</fromusr><chatusr>wxid_bob</chatusr><displayname>Bob</displayname><content>wxid_bob:
&lt;?xml version="1.0"?&gt;
&lt;msg&gt;&lt;appmsg appid="" sdkver="0"&gt;&lt;title&gt;备份 &amp;amp; 恢复指南&lt;/title&gt;&lt;des&gt;&lt;/des&gt;&lt;type&gt;5&lt;/type&gt;&lt;url&gt;https://example.com/a?x=1&amp;amp;y=2&lt;/url&gt;&lt;/appmsg&gt;&lt;fromusername&gt;wxid_bob&lt;/fromusername&gt;&lt;/msg&gt;</content><createtime>1714527012</createtime></refermsg></appmsg><fromusername>wxid_me</fromusername></msg>`;

/** A reply to an image: `refermsg/content` holds the image's `<msg><img/>` escaped. */
export const QUOTE_OF_ESCAPED_IMAGE_XML = `<msg><appmsg appid="" sdkver="0"><title>这是哪里？</title><type>57</type><refermsg><type>3</type><svrid>7285417310297469115</svrid><fromusr>wxid_friend01</fromusr><displayname>王五</displayname><content>&lt;?xml version="1.0"?&gt;&lt;msg&gt;&lt;img aeskey="00" length="51227" md5="5d41402abc4b2a76b9719d911017c592" /&gt;&lt;/msg&gt;</content></refermsg></appmsg></msg>`;

/** A reply to a reply: the inner quote is classified, its own quoted message is not followed. */
export const QUOTE_OF_QUOTE_XML = `<msg><appmsg><title>同意楼上</title><type>57</type><refermsg><type>49</type><svrid>7285417310297469116</svrid><fromusr>wxid_friend01</fromusr><displayname>王五</displayname><content>&lt;msg&gt;&lt;appmsg&gt;&lt;title&gt;内层回复&lt;/title&gt;&lt;type&gt;57&lt;/type&gt;&lt;refermsg&gt;&lt;type&gt;1&lt;/type&gt;&lt;svrid&gt;1&lt;/svrid&gt;&lt;content&gt;最早的话&lt;/content&gt;&lt;/refermsg&gt;&lt;/appmsg&gt;&lt;/msg&gt;</content></refermsg></appmsg></msg>`;

/**
 * A quote (49/57) as PC 3.x stores it in CompressContent, with the empty siblings real quotes carry (§6.3). `content`
 * is the quoted body exactly as it appears between `<content>` and `</content>`.
 */
function quoteXml(
  reply: string,
  refer: { type: number; svrid: string; chatusr: string; displayname: string; content: string },
): string {
  return `<?xml version="1.0"?>
<msg>
	<appmsg appid="" sdkver="0">
		<title>${reply}</title>
		<des />
		<action />
		<type>57</type>
		<showtype>0</showtype>
		<soundtype>0</soundtype>
		<mediatagname />
		<messageext />
		<messageaction />
		<content />
		<contentattr>0</contentattr>
		<url />
		<lowurl />
		<dataurl />
		<lowdataurl />
		<appattach>
			<totallen>0</totallen>
			<attachid />
			<emoticonmd5 />
			<fileext />
			<aeskey />
		</appattach>
		<extinfo />
		<sourceusername />
		<sourcedisplayname />
		<thumburl />
		<md5 />
		<statextstr />
		<refermsg>
			<type>${refer.type}</type>
			<svrid>${refer.svrid}</svrid>
			<fromusr>20811234567@chatroom</fromusr>
			<chatusr>${refer.chatusr}</chatusr>
			<displayname>${refer.displayname}</displayname>
			<msgsource>&lt;msgsource&gt;&lt;silence&gt;0&lt;/silence&gt;&lt;membercount&gt;12&lt;/membercount&gt;&lt;/msgsource&gt;</msgsource>
			<content>${refer.content}</content>
			<createtime>1714527012</createtime>
		</refermsg>
	</appmsg>
	<fromusername>wxid_me</fromusername>
	<scene>0</scene>
	<appinfo>
		<version>1</version>
		<appname></appname>
	</appinfo>
	<commenturl></commenturl>
</msg>
`;
}

/** A file message whose name has an `&`, as WeChat writes it on its own (`&amp;` in the title). */
const QA_FILE_XML = `<?xml version="1.0"?>
<msg>
	<appmsg appid="" sdkver="0">
		<title>Q&amp;A 会议纪要.docx</title>
		<des />
		<action>view</action>
		<type>6</type>
		<showtype>0</showtype>
		<content />
		<url />
		<appattach>
			<totallen>24576</totallen>
			<attachid>@cdn_3057020100_qa_1</attachid>
			<emoticonmd5 />
			<fileext>docx</fileext>
			<cdnattachurl>3057020100</cdnattachurl>
			<aeskey>0123</aeskey>
			<encryver>1</encryver>
		</appattach>
		<md5>0cc175b9c0f1b6a831c399e269772661</md5>
	</appmsg>
	<fromusername>wxid_bob</fromusername>
	<scene>0</scene>
	<appinfo>
		<version>1</version>
		<appname />
	</appinfo>
</msg>
`;

/** A group reply to a file: `refermsg/content` is the file's whole message, entity-escaped once (§6.3, §7.5). */
export const QUOTE_OF_ESCAPED_FILE_XML = quoteXml('这份报告的第三页有问题', {
  type: 49,
  svrid: '7285417310297469117',
  chatusr: 'wxid_bob',
  displayname: 'Bob',
  content: `wxid_bob:\n${escapeXml(FILE_XML)}`,
});

/**
 * The same kind of reply where the nested copy carried the name with its `&` unescaped before it was escaped into
 * `<content>` (the damage §7.4 warns of): after one decoding the name reads `Q&A` with a bare `&`, so the quoted
 * file is not well-formed XML although the quote around it is.
 */
export const QUOTE_OF_DAMAGED_FILE_XML = quoteXml('纪要收到', {
  type: 49,
  svrid: '7285417310297469118',
  chatusr: 'wxid_bob',
  displayname: 'Bob',
  content: escapeXml(QA_FILE_XML.replace('Q&amp;A', 'Q&A')),
});

/** A reply to a shared link whose nested copy has the same damage in its URL (after one decoding: `?a=1&b=2`). */
export const QUOTE_OF_DAMAGED_LINK_XML = quoteXml('这个链接打不开', {
  type: 49,
  svrid: '7285417310297469119',
  chatusr: 'wxid_bob',
  displayname: 'Bob',
  content: escapeXml(
    '<msg><appmsg appid="" sdkver="0"><title>季度复盘会议议程</title><des>周五下午两点</des><action>view</action><type>5</type><showtype>0</showtype><content /><url>https://a.example/agenda?a=1&b=2</url><appattach><totallen>0</totallen><attachid /><fileext /></appattach><sourceusername>gh_0123456789ab</sourceusername><sourcedisplayname>会议助手</sourcedisplayname></appmsg><fromusername>wxid_bob</fromusername><scene>0</scene></msg>',
  ),
});

/** A reply to a file whose `refermsg/content` keeps only the file's name, not its XML. */
export const QUOTE_OF_FILE_TITLE_XML = quoteXml('单价还能再优惠一点吗？', {
  type: 49,
  svrid: '7285417310297469120',
  chatusr: 'wxid_bob',
  displayname: 'Bob',
  content: '报价单 Quotation Q-2025-118.pdf',
});

const RECORD_INFO = `<recordinfo><title>张三和李四的聊天记录</title><desc>张三: 周末去爬山吗？</desc><info></info><favusername>wxid_me</favusername><isChatRoom>0</isChatRoom><datalist count="5"><dataitem datatype="1" dataid="a1" htmlid="h1"><datadesc>周末去爬山吗？</datadesc><sourcename>张三</sourcename><sourcetime>2024-05-01 09:30:12</sourcetime><srcMsgCreateTime>1714527012</srcMsgCreateTime><sourceheadurl>https://wx.qlogo.cn/a/132</sourceheadurl><dataitemsource><fromusr>wxid_zhangsan</fromusr></dataitemsource></dataitem><dataitem datatype="2" dataid="a2" htmlid="h2"><datafmt>jpg</datafmt><fullmd5>5d41402abc4b2a76b9719d911017c592</fullmd5><cdndataurl>3057</cdndataurl><sourcename>李四</sourcename><sourcetime>2024-05-01 09:31:40</sourcetime></dataitem><dataitem datatype="8" dataid="a3"><datatitle>路线.pdf</datatitle><datafmt>pdf</datafmt><datasize>20480</datasize><sourcename>李四</sourcename><sourcetime>2024-05-01 09:32:05</sourcetime></dataitem><dataitem datatype="6" dataid="a4"><location lat="30.2431" lng="120.1496" label="浙江省杭州市西湖区" poiname="宝石山"></location><sourcename>李四</sourcename><sourcetime>2024-05-01 09:33:00</sourcetime></dataitem><dataitem datatype="1" dataid="a5"><datadesc>好啊 &lt;3 &amp; 不见不散</datadesc><sourcename>张三</sourcename><sourcetime>2024-05-01 09:34:59</sourcetime></dataitem></datalist></recordinfo>`;

/** A forwarded chat record with its second document in CDATA (CL reads it this way). */
export const RECORD_CDATA_XML = `<msg>
	<appmsg appid="" sdkver="0">
		<title>张三和李四的聊天记录</title>
		<des>张三: 周末去爬山吗？
李四: [图片]
李四: [文件] 路线.pdf</des>
		<action>view</action>
		<type>19</type>
		<url>https://support.weixin.qq.com/cgi-bin/mmsupport-bin/readtemplate?t=page/favorite_record__w_unsupport&amp;from=singlemessage&amp;isappinstalled=0</url>
		<appattach>
			<cdnthumbaeskey />
			<aeskey />
		</appattach>
		<recorditem><![CDATA[${RECORD_INFO}]]></recorditem>
	</appmsg>
	<fromusername>wxid_friend01</fromusername>
	<scene>0</scene>
</msg>`;

/** The same record with its second document entity-escaped instead of in CDATA. */
export const RECORD_ESCAPED_XML = `<msg><appmsg appid="" sdkver="0"><title>张三和李四的聊天记录</title><type>19</type><recorditem>${escapeXml(RECORD_INFO)}</recorditem></appmsg></msg>`;

export const RECORD_DAMAGED_XML = `<msg><appmsg><title>群聊的聊天记录</title><type>19</type><recorditem><![CDATA[<recordinfo><datalist count="1"><dataitem datatype="1"><datadesc>半截]]></recorditem></appmsg></msg>`;

/**
 * Damaged app messages (§7.4). WeChat's own XML, cut off where a database or export truncated it, or with an `&`
 * that was never escaped.
 */
export const LINK_CUT_OFF_XML = `<?xml version="1.0"?>
<msg>
	<appmsg appid="" sdkver="0">
		<title>Q&A 会议纪要</title>
		<des>周五例会的问题与回答</des>
		<action>view</action>
		<type>5</type>
		<showtype>0</showtype>
		<content />
		<url>https://a.example/?a=1&b=2</url>
		<dataurl />
		<lowurl />
		<appattach>
			<totallen>0</totallen>
			<attachid />
			<fileext />
		</appattach>
		<extinfo />
		<sourceusername>gh_0123456789ab</sourceusername>
		<sourcedisplayname>会议助`;

export const FILE_CUT_OFF_XML = `<?xml version="1.0"?>
<msg>
	<appmsg appid="" sdkver="0">
		<title>2024年度报告.pdf</title>
		<des />
		<action>view</action>
		<type>6</type>
		<showtype>0</showtype>
		<content />
		<url />
		<appattach>
			<totallen>1048576</totallen>
			<attachid>@cdn_3057020100_abc_1</attachid>
			<emoticonmd5 />
			<fileext>pdf</fileext>
			<cdnattachurl>30570201`;

/** A transfer cut inside `<wcpayinfo>`, its values in CDATA as WeChat writes them. */
export const TRANSFER_CUT_OFF_XML = `<msg>
	<appmsg appid="" sdkver="">
		<title><![CDATA[微信转账]]></title>
		<des><![CDATA[收到转账100.00元。如需收钱，请点此升级至最新版本]]></des>
		<action />
		<type>2000</type>
		<content><![CDATA[]]></content>
		<url><![CDATA[https://support.weixin.qq.com/cgi-bin/mmsupport-bin/readtemplate?t=page/common_page__upgrade&text=text001&btn_text=btn_text_0]]></url>
		<wcpayinfo>
			<paysubtype>1</paysubtype>
			<feedesc><![CDATA[￥100.00]]></feedesc>
			<transcationid><![CDATA[100005010124050100065207]]></transcationid>
			<pay_memo><![CDATA[房租&水电]]></pay_memo>
			<receiver_username><![CDATA[wxid_`;

/** Cut off before its `<type>`: nothing says what it is. */
export const APP_CUT_BEFORE_TYPE_XML = `<?xml version="1.0"?>
<msg>
	<appmsg appid="" sdkver="0">
		<title>Q&A 会议纪要</title>
		<des>周五例会`;

/** A mini program with a bare `&` whose only readable `<type>` is its `weappinfo/type`, which is not the subtype. */
export const MINIPROGRAM_NESTED_TYPE_ONLY_XML = `<msg><appmsg appid="" sdkver="0"><title>点餐 & 外卖</title><des /><weappinfo><pagepath><![CDATA[pages/index.html]]></pagepath><username>gh_abcdef123456@app</username><appid>wx1234567890abcdef</appid><type>2</type></weappinfo></appmsg></msg>`;

/** A group solitaire (53, not modelled) with a bare `&` in its title. */
export const SOLITAIRE_BARE_AMPERSAND_XML = `<msg><appmsg appid="" sdkver="0"><title>#接龙 周六爬山 & 烧烤报名</title><des>1. 张三</des><type>53</type><extinfo><solitaire_info><![CDATA[<solitaire_info></solitaire_info>]]></solitaire_info></extinfo></appmsg></msg>`;

export const TRANSFER_XML = `<msg>
	<appmsg appid="" sdkver="">
		<title><![CDATA[微信转账]]></title>
		<des><![CDATA[收到转账100.00元。如需收钱，请点此升级至最新版本]]></des>
		<action />
		<type>2000</type>
		<content><![CDATA[]]></content>
		<url><![CDATA[https://support.weixin.qq.com/cgi-bin/mmsupport-bin/readtemplate?t=page/common_page__upgrade&text=text001&btn_text=btn_text_0]]></url>
		<thumburl><![CDATA[https://wx.gtimg.com/hongbao/1800/trans.png]]></thumburl>
		<lowurl />
		<extinfo />
		<wcpayinfo>
			<paysubtype>1</paysubtype>
			<feedesc><![CDATA[￥100.00]]></feedesc>
			<transcationid><![CDATA[100005010124050100065207]]></transcationid>
			<transferid><![CDATA[1000050001202405010221]]></transferid>
			<invalidtime><![CDATA[1714613412]]></invalidtime>
			<begintransfertime><![CDATA[1714527012]]></begintransfertime>
			<effectivedate><![CDATA[1]]></effectivedate>
			<pay_memo><![CDATA[房租]]></pay_memo>
			<receiver_username><![CDATA[wxid_me]]></receiver_username>
			<payer_username><![CDATA[wxid_friend01]]></payer_username>
		</wcpayinfo>
	</appmsg>
</msg>`;

export const RED_PACKET_XML = `<msg><appmsg appid="" sdkver=""><des><![CDATA[我给你发了一个红包，赶紧去拆!]]></des><url><![CDATA[https://wxapp.tenpay.com/mmpayhb/wxhb_personalreceive?showwxpaytitle=1&msgtype=1&channelid=1&sendid=100003]]></url><lowurl></lowurl><type><![CDATA[2001]]></type><title><![CDATA[微信红包]]></title><thumburl><![CDATA[https://wx.gtimg.com/hongbao/1800/hb.png]]></thumburl><wcpayinfo><templateid><![CDATA[7a2a165d31da7fce6dd77e05c300028a]]></templateid><url><![CDATA[https://wxapp.tenpay.com/mmpayhb/wxhb_personalreceive]]></url><iconurl><![CDATA[https://wx.gtimg.com/hongbao/1800/hb.png]]></iconurl><receivertitle><![CDATA[恭喜发财，大吉大利]]></receivertitle><sendertitle><![CDATA[恭喜发财，大吉大利]]></sendertitle><scenetext><![CDATA[微信红包]]></scenetext><senderdes><![CDATA[查看红包]]></senderdes><receiverdes><![CDATA[领取红包]]></receiverdes><nativeurl><![CDATA[wxpay://c2cbizmessagehandler/hongbao/receivehongbao?msgtype=1&channelid=1&sendid=100003&sendusername=wxid_friend01&ver=6&sign=abc]]></nativeurl><sceneid><![CDATA[1002]]></sceneid><innertype><![CDATA[0]]></innertype><paymsgid><![CDATA[100003]]></paymsgid><scenetext>微信红包</scenetext><locallogoicon><![CDATA[c2c_hongbao_icon_cn]]></locallogoicon><invalidtime><![CDATA[1714613412]]></invalidtime><broaden /></wcpayinfo></appmsg><fromusername><![CDATA[wxid_friend01]]></fromusername></msg>`;

export const MINIPROGRAM_XML = `<msg><appmsg appid="" sdkver="0"><title>来看看这家店</title><des /><type>33</type><url>https://mp.weixin.qq.com/mp/waerrpage?appid=wx1234567890abcdef&amp;type=upgrade&amp;upgradetype=3#wechat_redirect</url><sourceusername>gh_abcdef123456@app</sourceusername><sourcedisplayname>美团外卖</sourcedisplayname><weappinfo><pagepath><![CDATA[pages/store/index.html?id=42]]></pagepath><username>gh_abcdef123456@app</username><appid>wx1234567890abcdef</appid><type>2</type><version>187</version><weappiconurl><![CDATA[http://wx.qlogo.cn/mmhead/abc/96]]></weappiconurl><shareId><![CDATA[1_wx1234567890abcdef_abc]]></shareId><appservicetype>0</appservicetype></weappinfo></appmsg><fromusername>wxid_friend01</fromusername><appinfo><version>1</version><appname></appname></appinfo></msg>`;

export const APP_PAT_XML = `<msg><appmsg appid="" sdkver="0"><title><![CDATA["张三" 拍了拍我]]></title><des /><type>62</type><patMsg><chatUser>wxid_zhangsan</chatUser><records><recordNum>1</recordNum><record><fromUser>wxid_zhangsan</fromUser><pattedUser>wxid_me</pattedUser><templete><![CDATA["\${wxid_zhangsan}" 拍了拍我]]></templete><createTime>1714527012</createTime><svrId>9007199254740993</svrId><readStatus>1</readStatus></record></records></patMsg></appmsg></msg>`;

export const SOLITAIRE_XML = `<msg><appmsg appid="" sdkver="0"><title>#接龙 周六爬山报名</title><des>1. 张三</des><type>53</type><extinfo><solitaire_info><![CDATA[<solitaire_info></solitaire_info>]]></solitaire_info></extinfo></appmsg></msg>`;

export const CALL_XML = `<voipmsg type="VoIPBubbleMsg"><VoIPBubbleMsg><msg><![CDATA[通话时长 02:41]]></msg><room_type>1</room_type><red_dot>false</red_dot><roomid>123456</roomid><roomkey>0</roomkey><inviteid>1714527012</inviteid><msg_type>100</msg_type><timestamp>1714527173</timestamp><identity><![CDATA[5678]]></identity><duration>0</duration><inviteid64>1714527012345</inviteid64><business>1</business><caller_memberid>0</caller_memberid><callee_memberid>1</callee_memberid></VoIPBubbleMsg></voipmsg>`;

export const CALL_CANCELLED_XML = `<voipmsg type="VoIPBubbleMsg"><VoIPBubbleMsg><msg><![CDATA[已取消]]></msg><room_type>0</room_type><red_dot>true</red_dot></VoIPBubbleMsg></voipmsg>`;

export const REVOKE_MOBILE_XML = `<sysmsg type="revokemsg"><revokemsg><session>wxid_friend01</session><msgid>1057012345</msgid><newmsgid>7285417310297469113</newmsgid><replacemsg><![CDATA["王五" 撤回了一条消息]]></replacemsg><announcement_id><![CDATA[]]></announcement_id></revokemsg></sysmsg>`;

export const REVOKE_LOCAL_XML = `<sysmsg type="revokemsg"><revokemsg><content>你撤回了一条消息</content><revoketime>1714527012</revoketime></revokemsg></sysmsg>`;

export const PAT_SYSMSG_XML = `<sysmsg type="pat">
<pat>
  <fromusername>wxid_zhangsan</fromusername>
  <chatusername>20811234567@chatroom</chatusername>
  <pattedusername>wxid_lisi</pattedusername>
  <patsuffix><![CDATA[]]></patsuffix>
  <patsuffixversion>0</patsuffixversion>
  <template><![CDATA["\${wxid_zhangsan}" 拍了拍 "\${wxid_lisi}"]]></template>
</pat>
</sysmsg>`;

export const INVITE_TEMPLATE_XML = `<sysmsg type="sysmsgtemplate">
	<sysmsgtemplate>
		<content_template type="tmpl_type_profile">
			<plain><![CDATA[]]></plain>
			<template><![CDATA["$username$"邀请"$names$"加入了群聊]]></template>
			<link_list>
				<link name="username" type="link_profile">
					<memberlist>
						<member>
							<username><![CDATA[wxid_zhangsan]]></username>
							<nickname><![CDATA[张三]]></nickname>
						</member>
					</memberlist>
				</link>
				<link name="names" type="link_profile">
					<memberlist>
						<member>
							<username><![CDATA[wxid_lisi]]></username>
							<nickname><![CDATA[李四]]></nickname>
						</member>
						<member>
							<username><![CDATA[wxid_wangwu]]></username>
							<nickname><![CDATA[王五]]></nickname>
						</member>
					</memberlist>
					<separator><![CDATA[、]]></separator>
				</link>
			</link_list>
		</content_template>
	</sysmsgtemplate>
</sysmsg>`;

export const REMOVE_MEMBER_XML = `<sysmsg type="delchatroommember"><delchatroommember><plain><![CDATA[你将"李四"移出了群聊]]></plain><text><![CDATA[你将"李四"移出了群聊]]></text><link><scene>invite</scene><text><![CDATA[撤销]]></text></link></delchatroommember></sysmsg>`;

export const FRIEND_REQUEST_XML = `<msg fromusername="wxid_stranger" encryptusername="v3_abc@stranger" fromnickname="陌生人" content="我是你同事" fullpy="moshengren" shortpy="MSR" imagestatus="3" scene="6" country="CN" province="" city="" sign="" percard="1" sex="1" alias="" weibo="" albumflag="0" albumstyle="0" albumbgimgid="" snsflag="1" snsbgimgid="" snsbgobjectid="0" mhash="" mfullhash="" bigheadimgurl="" smallheadimgurl="" ticket="v4_abc@stranger" opcode="2" googlecontact="" qrticket="" chatroomusername="" sourceusername="" sourcenickname="" sharecardusername="" sharecardnickname="" cardversion="" extflag="0"><brandlist count="0" ver="0"></brandlist></msg>`;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
