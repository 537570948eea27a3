// The language status item: the `{}` next to "YAML" in the status bar tells which kind of file o11y sees.
import { quickOpen } from './helpers.mjs';

export default async function languageStatus({ page, screenshot }) {
  await quickOpen(page, 'prometheus.yml');
  await page.locator('.statusbar-item[id="status.languageStatus"] a').click();
  await page.locator('.hover-language-status', { hasText: 'Prometheus configuration' }).first().waitFor({ state: 'visible' });
  await screenshot('language-status');
  await page.keyboard.press('Escape');
}
