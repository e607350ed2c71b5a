import { type ConsoleBrowser, type Viewport } from '@rapport/console';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export { launchBrowser, VIEWPORTS, type ConsoleBrowser, type Viewport } from '@rapport/console';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * A new tab at the viewport's size that records every console error and uncaught exception.
 * The browser's own "Failed to load resource" line for an API refusal (a 4xx the screen handles
 * and explains) is not an error of the page; anything else is.
 */
export async function openPage(browser: ConsoleBrowser, viewport: Viewport) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: viewport.width, height: viewport.height });
  // Generous: the first call of each handler loads its module, slow on a shared 2-core machine.
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const refusal = /Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()) && /\/v1\//.test(message.location().url);
    if (!refusal) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return { page, errors };
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string) {
  // Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') allows.
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target.join(' ')).join(', ') + ')'))`,
  )) as string[];
  expect(violations, `accessibility of ${what}`).toEqual([]);
}

/** A unique address for a person of one test. */
export function uniqueEmail(who: string) {
  return `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}
