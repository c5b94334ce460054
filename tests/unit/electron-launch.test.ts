/**
 * `npm start`'s launcher (electron/launch.ts): the one reason it gives when Electron's binary cannot be
 * fetched, from what Electron's installer wrote to stderr.
 */
import { describe, expect, it } from 'vitest';
import { installFailureReason } from '../../electron/launch.ts';

describe('installFailureReason', () => {
  it('keeps the line that says why, without the error class or the stack', () => {
    const offline =
      'RequestError: getaddrinfo ENOTFOUND github.com\n    at ClientRequest.<anonymous> (/x/node_modules/got/dist/source/core/index.js:970:111)\n    at Object.onceWrapper (node:events:632:26)';
    expect(installFailureReason(offline, 1)).toBe('getaddrinfo ENOTFOUND github.com');
    const blocked =
      'HTTPError: Response code 403 (Forbidden) for https://proxy.example/electron-v45.5.0-linux-x64.zip\n    at Request.<anonymous> (x.js:1:1)';
    expect(installFailureReason(blocked, 1)).toBe('Response code 403 (Forbidden) for https://proxy.example/electron-v45.5.0-linux-x64.zip');
    expect(installFailureReason("Downloading Electron binary...\nError: EACCES: permission denied, mkdir '/opt/cache'", 1)).toBe(
      "EACCES: permission denied, mkdir '/opt/cache'",
    );
  });

  it('says something when the installer said nothing, timed out or could not be started', () => {
    expect(installFailureReason('', 1)).toBe('its installer exited with code 1');
    const timeout = Object.assign(new Error('spawnSync node ETIMEDOUT'), { code: 'ETIMEDOUT' });
    expect(installFailureReason('', null, timeout)).toBe('the download did not finish within 10 minutes');
    expect(installFailureReason('x'.repeat(400), 1)).toHaveLength(158);
  });
});
