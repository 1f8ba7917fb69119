import { expect, vi } from 'vitest';
import background from '@/entrypoints/background';

/**
 * Starts the background worker in WXT's fakeBrowser. The fake has no permissions events, so the
 * worker's site registration reports that once and the worker goes on serving the catalog: the
 * report is expected here (and kept out of the test log).
 */
export function startBackground(): void {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    background.main();
    expect(warn).toHaveBeenCalledWith(
      'Remit Lens: site registration failed',
      expect.objectContaining({ message: expect.stringContaining('permissions.onAdded') }),
    );
  } finally {
    warn.mockRestore();
  }
}
