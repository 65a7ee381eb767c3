import { Fragment, useMemo } from 'react';
import { splitEmoticons } from '../../../../../electron/common/wechat-emoticons';

/**
 * Text with WeChat's bracket emoticons ("[微笑]") drawn as emoji in the bundled-with-the-system Noto Color Emoji font
 * (SIL OFL), as WeChat draws its own pictures. The stored text is not changed: the name stays the emoji's label and
 * tooltip, and copying a message copies its stored text.
 */
export function EmoticonText({ text }: { text: string }) {
  const parts = useMemo(() => splitEmoticons(text), [text]);
  return (
    <>
      {parts.map((part, index) =>
        'emoji' in part ? (
          <span key={index} className="emoticon" role="img" aria-label={`[${part.name}]`} title={`[${part.name}]`}>
            {part.emoji}
          </span>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
