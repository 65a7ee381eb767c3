/**
 * The visible labels the browser tests click by, in both languages. Kept here (not imported from the renderer's
 * message tables) so the tests also check that each language really shows its own words.
 */
export interface Labels {
  createVault: string;
  openVault: string;
  createSubmit: string;
  advanced: string;
  copy: string;
  copied: string;
  continue: string;
  check: string;
  import: string;
  openChats: string;
  unlock: string;
  lock: string;
  forgot: string;
  recoverSubmit: string;
  wrongPassphrase: string;
  notImported: string;
  cancel: string;
  cancelled: string;
  chats: string;
  importNav: string;
  settings: string;
  openInBrowser: string;
  go: string;
  dark: string;
  light: string;
  trySample: string;
  openSample: string;
  demoBanner: string;
  retention: string;
  auditTab: string;
  newClass: string;
  saveClass: string;
  placeHold: string;
  makeDefault: string;
  /** The chat header's and the selection bar's hold buttons. */
  holdChat: string;
  holdSelection: string;
  release: string;
  releaseSubmit: string;
  apply: string;
  showMessages: string;
  preview: string;
  saveCertificate: string;
  verify: string;
  select: string;
  setClass: string;
  setClassSubmit: string;
  done: string;
  selectThis: string;
  exportSelection: string;
  exportResults: string;
  exportSubmit: string;
  /** Two of the classes a new vault starts with, as the app names them. */
  transient: string;
  businessRecords: string;
}

export const EN: Labels = {
  createVault: 'Create a new vault',
  openVault: 'Open an existing vault',
  createSubmit: 'Create vault',
  advanced: 'Advanced',
  copy: 'Copy',
  copied: 'Copied',
  continue: 'Continue',
  check: 'Check',
  import: 'Import',
  openChats: 'Open the chats',
  unlock: 'Unlock',
  lock: 'Lock',
  forgot: 'Forgot your passphrase? Use your recovery code',
  recoverSubmit: 'Set passphrase and unlock',
  wrongPassphrase: 'That passphrase does not open this vault.',
  notImported: 'What was not imported',
  cancel: 'Cancel',
  cancelled: 'The import was cancelled.',
  chats: 'Chats',
  importNav: 'Import',
  settings: 'Settings',
  openInBrowser: 'Open in browser',
  go: 'Go',
  dark: 'Dark',
  light: 'Light',
  trySample: 'Try the sample archive',
  openSample: 'Open the sample',
  demoBanner: 'Demo vault — sample data only',
  retention: 'Retention',
  auditTab: 'Audit',
  newClass: 'New class',
  saveClass: 'Save class',
  placeHold: 'Place hold',
  makeDefault: 'Make default',
  holdChat: 'Hold…',
  holdSelection: 'Hold these…',
  release: 'Release',
  releaseSubmit: 'Release hold',
  apply: 'Apply',
  showMessages: 'Show these messages',
  preview: 'Preview',
  saveCertificate: 'Save certificate…',
  verify: 'Verify',
  select: 'Select',
  setClass: 'Set retention class…',
  setClassSubmit: 'Set class',
  done: 'Done',
  selectThis: 'Select this message',
  exportSelection: 'Export…',
  exportResults: 'Export results…',
  exportSubmit: 'Choose where and export…',
  transient: 'Transient',
  businessRecords: 'Business records',
};

export const ZH: Labels = {
  createVault: '新建保险库',
  openVault: '打开已有保险库',
  createSubmit: '创建保险库',
  advanced: '高级选项',
  copy: '复制',
  copied: '已复制',
  continue: '继续',
  check: '检查',
  import: '导入',
  openChats: '查看聊天',
  unlock: '解锁',
  lock: '锁定',
  forgot: '忘记密码？使用恢复码',
  recoverSubmit: '设置密码并解锁',
  wrongPassphrase: '密码不正确，无法打开这个保险库。',
  notImported: '未导入的内容',
  cancel: '取消',
  cancelled: '导入已取消。',
  chats: '聊天',
  importNav: '导入',
  settings: '设置',
  openInBrowser: '在浏览器中打开',
  go: '前往',
  dark: '深色',
  light: '浅色',
  trySample: '试用示例档案',
  openSample: '打开示例',
  demoBanner: '演示保险库 — 仅含示例数据',
  retention: '留存',
  auditTab: '审计',
  newClass: '新建类别',
  saveClass: '保存类别',
  placeHold: '设置保全',
  makeDefault: '设为默认',
  holdChat: '保全…',
  holdSelection: '保全所选…',
  release: '解除',
  releaseSubmit: '解除保全',
  apply: '应用',
  showMessages: '查看这些消息',
  preview: '预览',
  saveCertificate: '保存证书…',
  verify: '校验',
  select: '多选',
  setClass: '设置留存类别…',
  setClassSubmit: '设置类别',
  done: '完成',
  selectThis: '选择这条消息',
  exportSelection: '导出…',
  exportResults: '导出结果…',
  exportSubmit: '选择位置并导出…',
  transient: '临时',
  businessRecords: '业务记录',
};
