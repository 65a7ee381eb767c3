// The one check of message times, in electron/common so the archive and the renderer can apply it to stored payloads.
export { isPlausibleMessageTime, plausibleTimeOrUndefined } from '../../../common/message-time';
