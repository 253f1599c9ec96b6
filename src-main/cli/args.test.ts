import { describe, expect, it } from 'vitest';
import { parseCli } from './args';

describe('parseCli', () => {
  it('shows help when asked or given nothing', () => {
    expect(parseCli([])).toEqual({ kind: 'help' });
    expect(parseCli(['--help'])).toEqual({ kind: 'help' });
    expect(parseCli(['-h'])).toEqual({ kind: 'help' });
    expect(parseCli(['serve', '--help'])).toEqual({ kind: 'help' });
  });

  it('shows the version', () => {
    expect(parseCli(['--version'])).toEqual({ kind: 'version' });
    expect(parseCli(['-v'])).toEqual({ kind: 'version' });
  });

  it('serves on loopback and a free port by default', () => {
    expect(parseCli(['serve'])).toEqual({
      kind: 'serve',
      host: '127.0.0.1',
      port: 0,
      dataDir: null,
    });
  });

  it('takes host, port and data dir for serve', () => {
    expect(parseCli(['serve', '--host', '0.0.0.0', '--port=8080', '--data-dir', '/tmp/b'])).toEqual(
      {
        kind: 'serve',
        host: '0.0.0.0',
        port: 8080,
        dataDir: '/tmp/b',
      },
    );
  });

  it('names an unknown command', () => {
    expect(parseCli(['train'])).toEqual({
      kind: 'usage-error',
      message: 'Unknown command "train".',
    });
  });

  it('names an unknown or incomplete flag', () => {
    expect(parseCli(['serve', '--prot', '1'])).toEqual({
      kind: 'usage-error',
      message: "Unknown option '--prot'.",
    });
    expect(parseCli(['--verbose'])).toEqual({
      kind: 'usage-error',
      message: "Unknown option '--verbose'.",
    });
    expect(parseCli(['serve', '--port'])).toEqual({
      kind: 'usage-error',
      message: "Option '--port <value>' argument missing.",
    });
  });

  it('rejects a port that is not one, saying what it received', () => {
    for (const port of ['http', '-1', '65536', '80.5']) {
      const parsed = parseCli(['serve', `--port=${port}`]);
      expect(parsed).toEqual({
        kind: 'usage-error',
        message: `--port must be a whole number from 0 to 65535, received "${port}".`,
      });
    }
  });
});
