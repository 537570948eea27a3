// Driving the workbench in Chromium like a person: keyboard and mouse, reading what is on the screen.

export const SUGGEST_ROWS = '.suggest-widget .monaco-list-row';

/** Polls `probe` (which may use the page) until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function until(what, probe, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe().catch((e) => e);
    if (last && !(last instanceof Error)) {
      return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${last}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Runs a command by its title from the command palette (F1). */
export async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input');
  // Under load a keystroke can land while the workbench moves focus: press again until the palette shows.
  await until('the command palette to open', async () => {
    if (!(await input.isVisible())) {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined);
    }
    return input.isVisible();
  });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  // Done when the palette closed, or when the command opened a quick pick of its own in its place.
  await until(`"${title}" to run`, async () => !(await input.isVisible()) || !(await input.inputValue()).startsWith('>'));
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor tab to be active. */
export async function quickOpen(page, fileName) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  // Fuzzy matching also offers longer names (prometheus.yml matches prometheus-broken.yml), and the list fills in
  // as results arrive: move the focus until it is on the exact name, then press Enter.
  await until(`${fileName} to be focused in Quick Open`, async () => {
    const focused = page.locator('.quick-input-list .monaco-list-row.focused .label-name');
    if ((await focused.innerText({ timeout: 1000 })).trim() === fileName) {
      return true;
    }
    await page.keyboard.press('ArrowDown');
    return false;
  });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[data-resource-name="${fileName}"]`).waitFor({ state: 'visible' });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

/** Labels of the rows the suggest widget shows now. */
export async function suggestLabels(page) {
  return page.locator(`${SUGGEST_ROWS} .label-name`).allInnerTexts();
}

/**
 * Presses Ctrl+Space until the suggest widget lists `expected`: the first request can reach the editor before the
 * language server is up, when only word suggestions come back.
 */
export async function suggestUntil(page, expected, timeoutMs = 20_000) {
  return until(
    `completion to offer ${expected}`,
    async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Space');
      await page.locator(SUGGEST_ROWS).first().waitFor({ state: 'visible', timeout: 3000 });
      const labels = await suggestLabels(page);
      return labels.includes(expected) && labels;
    },
    timeoutMs,
  );
}

/** Waits for the CSS animations inside `locator` (a hover fading in, say) to finish, so a screenshot shows the end state. */
export async function settled(locator) {
  await locator.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
}
