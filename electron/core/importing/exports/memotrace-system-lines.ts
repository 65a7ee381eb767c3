/**
 * PC WeChat keeps some system lines (recalls among them) wrapped as `<![CDATA[…]]>`. MemoTrace's TXT exporter
 * removes the opening `<![CDATA[` and, only together with the owner's "重新编辑" link, the closing `]]>` (WM
 * `exporter_txt.py` `system_msg`), so a recall by the other side keeps a stray `]]>`: at the end of the line
 * (`"张三" 撤回了一条消息]]>`), or inside the recall's XML when MemoTrace wrote that (`…消息]]></revokemsg>`). Every
 * `]]>` without its opener goes: it is never text (XML forbids it outside CDATA). The same is done for CSV system
 * rows, should one carry it. A whole `<![CDATA[…]]>` is left alone: the classifier unwraps it.
 */
export function withoutStrayCdataEnd(text: string): string {
  if (!text.includes(']]>') || text.includes('<![CDATA[')) return text;
  return text.replace(/\s*\]\]>/g, '').trimEnd();
}
