import { createHash } from 'node:crypto';

/**
 * The md5 of a text's UTF-8 bytes in lowercase hex: WeChat names tables, folders and accounts by md5(username)
 * (docs/wechat-formats.md §1.1).
 */
export const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
