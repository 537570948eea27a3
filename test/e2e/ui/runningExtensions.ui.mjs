// The activation time as VS Code itself measures it (code loading + the activate call, shown by
// Developer: Show Running Extensions). The budget is 150 ms; loading code is at the mercy of the machine (CI runs
// this beside other tests and saw 50-300 ms for the same build), so the figure is printed against the budget and
// only a gross regression fails. The activate call itself is held to the budget in the extension host suite.
import assert from 'node:assert/strict';
import { quickOpen, runCommand, until } from './helpers.mjs';

export default async function runningExtensions({ page, screenshot, log }) {
  await quickOpen(page, 'prometheus.yml');
  await runCommand(page, 'Developer: Show Running Extensions');
  const list = page.locator('.runtime-extensions-editor');
  await list.locator('.monaco-list-row').first().waitFor({ state: 'visible' });
  // The list is sorted by activation time and virtualised: scroll until our row is rendered.
  const row = list.locator('.monaco-list-row', { hasText: 'O11y Authoring' }).first();
  const box = await list.boundingBox();
  await until('O11y Authoring in Running Extensions', async () => {
    if (await row.locator('.activation-time').isVisible()) {
      return true;
    }
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 200);
    return false;
  });
  await row.scrollIntoViewIfNeeded();
  const text = await row.locator('.activation-time').innerText();
  log(`VS Code reports ${text} (budget 150 ms)`);
  await screenshot('running-extensions');
  const ms = Number(/(\d+)\s*ms/.exec(text)?.[1]);
  assert.ok(ms <= 1000, `activation took ${text}: far over the 150 ms budget`);
}
