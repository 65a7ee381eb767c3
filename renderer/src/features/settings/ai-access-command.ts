/** Stands for the file holding the passphrase; the person replaces it with their own file's path. */
export const PASSPHRASE_FILE_PLACEHOLDER = '/path/to/locket-passphrase.txt';

/** The arguments that start the assistant server on a saved scope. */
function mcpArgs(vaultPath: string, scopeName: string): string[] {
  return ['mcp', vaultPath, '--scope', scopeName, '--passphrase-file', PASSPHRASE_FILE_PLACEHOLDER];
}

/** A POSIX shell word: left bare when safe, else in single quotes (a quote inside becomes '\''). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line to start the server in a terminal, or to paste into a client that asks for one. */
export function mcpCommandLine(vaultPath: string, scopeName: string): string {
  return ['locket', ...mcpArgs(vaultPath, scopeName)].map(shellWord).join(' ');
}

/**
 * The `mcpServers` entry of Claude Desktop's claude_desktop_config.json (the shape other MCP clients, Cherry Studio
 * among them, also read): the client starts `locket` itself, with no shell, so the arguments are a list.
 */
export function mcpClientConfig(vaultPath: string, scopeName: string): string {
  const key = `locket-${
    scopeName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'scope'
  }`;
  return JSON.stringify({ mcpServers: { [key]: { command: 'locket', args: mcpArgs(vaultPath, scopeName) } } }, null, 2);
}
