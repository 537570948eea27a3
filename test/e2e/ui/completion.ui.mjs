// Completion as a person gets it: open prometheus.yml, go to the end, Ctrl+Space, read the suggestion list.
import assert from 'node:assert/strict';
import { quickOpen, suggestUntil } from './helpers.mjs';

export default async function completion({ page, screenshot }) {
  await quickOpen(page, 'prometheus.yml');
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+End');
  const labels = await suggestUntil(page, 'rule_files');
  assert.ok(labels.includes('alerting'), `suggestions: ${labels.join(', ')}`);
  await screenshot('completion', { docs: true });
  await page.keyboard.press('Escape');
}
