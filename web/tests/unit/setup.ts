import { afterEach, expect, vi } from 'vitest';
import { takeViolations } from './openApiCheck';

// jsdom lacks ResizeObserver, which the chart wrapper uses to follow its container's size.
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;

// ECharts measures text on a canvas even when it draws SVG; jsdom has no canvas, and without a
// 2D context ECharts estimates text widths instead.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

// vi.waitFor and vi.waitUntil give up after 1 s by default, which a busy machine (the C++
// suites building or running beside these) can exceed while the page is still right. A wait
// is a bound on a hang, not a timing: without a timeout of its own, one waits 15 s.
const DEFAULT_WAIT_MS = 15_000;
type WaitOptions = number | { timeout?: number; interval?: number } | undefined;
const withDefaultTimeout = (options: WaitOptions) =>
  typeof options === 'number' ? options : { timeout: DEFAULT_WAIT_MS, ...options };
const waitFor = vi.waitFor;
const waitUntil = vi.waitUntil;
vi.waitFor = ((callback, options) => waitFor(callback, withDefaultTimeout(options))) as typeof vi.waitFor;
vi.waitUntil = ((callback, options) => waitUntil(callback, withDefaultTimeout(options))) as typeof vi.waitUntil;

// The fake server's answers (fakeServer.ts) are those the API document allows.
afterEach(() => {
  expect(takeViolations(), 'answers of the fake server that src/server/openapi.json does not allow').toEqual([]);
});
