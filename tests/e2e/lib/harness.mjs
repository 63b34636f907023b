// A small runner for the browser scenario: named steps, a screenshot per page, every browser
// console error and page error counted as a failure unless a step said it expects that HTTP
// status from that path, and a closing "N passed, N failed" line. E2E_ONLY=TEXT runs only the
// steps whose names contain TEXT (while working on them); unset, every step runs.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

export class Harness {
  constructor({ artifacts }) {
    this.artifacts = artifacts;
    this.passed = 0;
    this.failed = 0;
    this.skipped = 0;
    this.only = process.env.E2E_ONLY || '';
    this.expected = []; // [{ status, path }] the current step allows
    this.unexpected = [];
    this.pages = new Map(); // label → page, for screenshots of a failed step
  }

  async init() {
    await mkdir(this.artifacts, { recursive: true });
  }

  /** Listens to a page for console errors, uncaught exceptions and failed requests. */
  watch(page, label) {
    this.pages.set(label, page);
    page.on('close', () => this.pages.delete(label));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      const url = msg.location()?.url ?? '';
      // Chromium logs every 4xx answer to fetch as "Failed to load resource".
      const status = /status of (\d{3})/.exec(text)?.[1];
      if (status && this.expected.some((e) => String(e.status) === status && url.includes(e.path)))
        return;
      this.unexpected.push(`[${label}] console error: ${text} ${url}`);
    });
    page.on('pageerror', (error) => this.unexpected.push(`[${label}] page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      // A download or a navigation away cancels requests; only real failures count.
      const reason = request.failure()?.errorText ?? '';
      if (!reason.includes('ERR_ABORTED'))
        this.unexpected.push(`[${label}] request failed: ${request.url()} ${reason}`);
    });
  }

  /** Lets the step's deliberate bad requests (a 400 for an invalid code, a 412) pass. */
  expectHttp(status, urlPart) {
    this.expected.push({ status, path: urlPart });
  }

  async step(name, body) {
    if (this.only && !name.includes(this.only)) {
      this.skipped++;
      return;
    }
    this.expected = [];
    const before = this.unexpected.length;
    const started = Date.now();
    try {
      await body();
      const errors = this.unexpected.slice(before);
      if (errors.length) throw new Error(errors.join('\n'));
      this.passed++;
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      this.failed++;
      console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).replace(/\n/g, '\n  ')}`);
      const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      for (const [label, page] of this.pages)
        await this.screenshot(page, `FAILED-${slug}-${label}`).catch(() => {});
    } finally {
      this.unexpected.length = before;
    }
  }

  async screenshot(page, name) {
    await page.screenshot({ path: path.join(this.artifacts, `${name}.png`), fullPage: true });
  }

  finish() {
    console.log(`${this.passed} passed, ${this.failed} failed${this.skipped ? `, ${this.skipped} skipped` : ''}`);
    return this.failed === 0 ? 0 : 1;
  }
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * Waits until `condition()` (evaluated here, in Node) holds, polling. page.waitForFunction
 * would poll by evaluating text in the page, which the server's Content-Security-Policy
 * (no 'unsafe-eval') refuses whenever the first evaluation is false.
 */
export async function until(condition, message, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
