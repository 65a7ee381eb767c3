/**
 * PC WeChat keeps some system lines (recalls among them) wrapped as `<![CDATA[…]]>`. MemoTrace's TXT exporter
 * removes the opening `<![CDATA[` and, only together with the owner's "重新编辑" link, the closing `]]>` (WM
 * `exporter_txt.py` `system_msg`), so a recall by the other side ends in a stray `]]>`: `"张三" 撤回了一条消息]]>`.
 * The same tail is dropped from CSV system rows, should one carry it. A whole `<![CDATA[…]]>` is left alone: the
 * classifier unwraps it.
 */
export function withoutStrayCdataEnd(text: string): string {
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith(']]>') || trimmed.includes('<![CDATA[')) return text;
  return trimmed.slice(0, -3).trimEnd();
}
