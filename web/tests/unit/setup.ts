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
