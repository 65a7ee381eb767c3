import type { EventName, HostRequestName, RequestName } from './contract';

/**
 * The runtime list of request channels, checked against the contract in both directions:
 * a request missing here or a name that is not a request fails the type check.
 */
const requestTable: { [K in RequestName]: true } = {
  'vault.create': true,
  'vault.unlock': true,
  'vault.lock': true,
  'vault.createDemo': true,
  'vault.status': true,
  'vault.changePassphrase': true,
  'vault.resetPassphraseWithRecoveryCode': true,
  'vault.check': true,
  'vault.cancelCheck': true,
  'vault.compact': true,
  'vault.cancelCompact': true,
  'vault.compactStatus': true,
  'import.detect': true,
  'import.run': true,
  'import.cancel': true,
  'import.finishIndex': true,
  'conversations.list': true,
  'messages.list': true,
  'messages.context': true,
  'conversations.participants': true,
  'search.query': true,
  'search.count': true,
  'search.cancel': true,
  'media.get': true,
  'media.info': true,
  'media.voice': true,
  'retention.listClasses': true,
  'retention.saveClass': true,
  'retention.setDefaultClass': true,
  'retention.assign': true,
  'retention.previewChange': true,
  'retention.coverage': true,
  'retention.classChanges': true,
  'holds.counts': true,
  'holds.list': true,
  'holds.place': true,
  'holds.release': true,
  'wipe.preview': true,
  'wipe.execute': true,
  'audit.list': true,
  'audit.verify': true,
  'audit.names': true,
  'audit.exportPdf': true,
  'certificates.verify': true,
  'certificates.list': true,
  'certificates.get': true,
  'settings.get': true,
  'settings.update': true,
  'settings.aiScopes': true,
  'settings.saveAiScope': true,
  'settings.deleteAiScope': true,
  'export.run': true,
  'export.cancel': true,
  'bags.verify': true,
  'stats.messages': true,
  'backup.run': true,
  'backup.cancel': true,
  'backup.list': true,
  'backup.restore': true,
};

const eventTable: { [K in EventName]: true } = {
  'vault.locked': true,
  'import.progress': true,
  'search.results': true,
  'export.progress': true,
  'backup.progress': true,
  'vault.checkProgress': true,
  'vault.compactProgress': true,
};

const hostRequestTable: { [K in HostRequestName]: true } = {
  'dialog.pickFolder': true,
  'dialog.pickFile': true,
  'dialog.pickSavePath': true,
  'media.openExternally': true,
  'media.saveCopy': true,
  'file.saveText': true,
  'idleLock.hold': true,
  'file.showInFolder': true,
};

export const requestNames = Object.keys(requestTable) as RequestName[];
/** Answered by the main process itself (electron/main/host-requests.ts), never forwarded to the vault worker. */
export const hostRequestNames = Object.keys(hostRequestTable) as HostRequestName[];
export const eventNames = Object.keys(eventTable) as EventName[];

export function isRequestName(value: unknown): value is RequestName {
  return typeof value === 'string' && Object.hasOwn(requestTable, value);
}
