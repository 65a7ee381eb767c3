import { describe, expect, it } from 'vitest';
import { mcpClientConfig, mcpCommandLine, PASSPHRASE_FILE_PLACEHOLDER } from './ai-access-command';

describe('the AI access command', () => {
  it('quotes a vault path and scope name with spaces and quotes for a shell', () => {
    expect(mcpCommandLine("/home/li/Li's Evidence 2026.locket", 'Supplier X')).toBe(
      `locket mcp '/home/li/Li'\\''s Evidence 2026.locket' --scope 'Supplier X' --passphrase-file ${PASSPHRASE_FILE_PLACEHOLDER}`,
    );
  });

  it('gives a client the same arguments as a list, under a key made from the scope name', () => {
    const config = JSON.parse(mcpClientConfig('C:\\Users\\li\\Vault.locket', '家人 Family')) as {
      mcpServers: Record<string, { command: string; args: string[] }>;
    };
    expect(config.mcpServers).toEqual({
      'locket-family': {
        command: 'locket',
        args: [
          'mcp',
          'C:\\Users\\li\\Vault.locket',
          '--scope',
          '家人 Family',
          '--passphrase-file',
          PASSPHRASE_FILE_PLACEHOLDER,
        ],
      },
    });
  });
});
