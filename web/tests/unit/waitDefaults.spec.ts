import { describe, expect, it, vi } from 'vitest';

// tests/unit/setup.ts gives vi.waitFor and vi.waitUntil a default bound of 15 s instead of
// Vitest's 1 s: a condition that holds only after 1.5 s is still waited for.
describe('waits without a timeout of their own', () => {
  it('vi.waitFor waits past Vitest’s 1 s default', async () => {
    const start = Date.now();
    await vi.waitFor(() => expect(Date.now() - start).toBeGreaterThanOrEqual(1_500));
  });

  it('vi.waitUntil waits past Vitest’s 1 s default', async () => {
    const start = Date.now();
    await expect(vi.waitUntil(() => Date.now() - start >= 1_500)).resolves.toBe(true);
  });

  it('a timeout given by the caller still ends the wait', async () => {
    await expect(vi.waitUntil(() => false, { timeout: 200 })).rejects.toThrow();
  });
});
