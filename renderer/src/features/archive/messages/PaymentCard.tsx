import { Icon } from '../../../components/Icon';
import { useI18n } from '../../../i18n/useI18n';
import type { MessageKey } from '../../../i18n/messages-en';
import { num, str, type ViewOf } from '../payload';

/** `wcpayinfo/paysubtype` (classify-message.ts): what happened to the transfer. */
const TRANSFER_STATES: Record<number, MessageKey> = {
  // 1 is the payer's side: who paid decides how it reads (see transferState).
  1: 'message.transferSent',
  3: 'message.transferReceived',
  4: 'message.transferRefunded',
  5: 'message.transferPending',
  7: 'message.transferPending',
};

/** A transfer or red packet, coloured as WeChat shows them. The amount is shown exactly as the source wrote it. */
export function PaymentCard({ message }: { message: ViewOf<'transfer' | 'red-packet'> }) {
  const t = useI18n();
  if (message.kind === 'red-packet') {
    return (
      <div className="card is-payment is-red-packet">
        <div className="payment-main">
          <Icon name="gift" size={26} />
          <span className="payment-title">{str(message.payload, 'title') ?? t.t('message.redPacketDefault')}</span>
        </div>
        <span className="payment-footer">{t.t('kind.red-packet')}</span>
      </div>
    );
  }
  const amount =
    str(message.payload, 'feeDesc') ??
    (str(message.payload, 'amount') ? `¥${str(message.payload, 'amount')}` : undefined);
  const memo = str(message.payload, 'memo');
  const payType = num(message.payload, 'payType');
  const stateKey =
    payType === 1 && !message.isSelf
      ? 'message.transferSentToYou'
      : payType !== undefined
        ? TRANSFER_STATES[payType]
        : undefined;
  return (
    <div className="card is-payment is-transfer">
      <div className="payment-main">
        <Icon name="transfer" size={26} />
        <span className="payment-text">
          <span className="payment-title">{amount ?? t.t('kind.transfer')}</span>
          {memo && <span className="payment-memo">{memo}</span>}
        </span>
      </div>
      <span className="payment-footer">
        {[t.t('message.wechatTransfer'), stateKey ? t.t(stateKey) : null].filter(Boolean).join(' · ')}
      </span>
    </div>
  );
}
