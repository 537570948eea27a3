// The activation time as VS Code itself measures it (code loading + the activate call, shown by
// Developer: Show Running Extensions), against the 150 ms budget.
import assert from 'node:assert/strict';
import { quickOpen, runCommand, until } from './helpers.mjs';

/** The activation time VS Code shows for us in Running Extensions, e.g. "Activation: 55ms". */
async function activationTime(page) {
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
  // Right after a reload the row says "Activating..." until the extension is up.
  return until('the activation time', async () => {
    const text = await row.locator('.activation-time').innerText();
    return /\d+\s*ms/.test(text) && text;
  });
}

export default async function runningExtensions({ page, screenshot, log }) {
  // One activation on a busy machine can stall on disk or CPU: over budget, the window is reloaded (a new
  // extension host, a new activation) and measured again; a real regression is over budget every time.
  let text = await activationTime(page);
  log(`VS Code reports ${text}`);
  await screenshot('running-extensions');
  for (let retry = 0; retry < 2 && Number(/(\d+)\s*ms/.exec(text)?.[1]) > 150; retry++) {
    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    text = await activationTime(page);
    log(`VS Code reports ${text} after a reload`);
  }
  const ms = Number(/(\d+)\s*ms/.exec(text)?.[1]);
  assert.ok(ms <= 150, `activation took ${text}, over the 150 ms budget (three activations measured)`);
}
