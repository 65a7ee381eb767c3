/**
 * Whether a username is a group chat's: WeChat names every group `<digits>@chatroom`, in every client and in the
 * exports of other tools, and no person's username ends so. Every reader asks this one question here.
 */
export const isGroupChat = (username: string): boolean => username.endsWith('@chatroom');
