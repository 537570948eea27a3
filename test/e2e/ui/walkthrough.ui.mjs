// The Get Started walkthrough contributed by the manifest: it opens, and shows its four steps and their media.
import { runCommand, settled } from './helpers.mjs';

const STEPS = ['Connect Prometheus', 'Scaffold a stack', 'Run a rule test', 'Preview a dashboard'];

export default async function walkthrough({ page, screenshot }) {
  if (await page.locator('.part.panel').isVisible()) {
    await runCommand(page, 'View: Hide Panel');
  }
  await runCommand(page, 'Welcome: Open Walkthrough...');
  await page.locator('.quick-input-widget input').fill('O11y');
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with O11y Authoring' }).first();
  await pick.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  const steps = page.locator('.gettingStartedContainer .getting-started-step');
  for (const title of STEPS) {
    await steps.filter({ hasText: title }).first().waitFor({ state: 'visible' });
  }
  // The first step is expanded, with its markdown media beside it.
  await page.locator('.gettingStartedContainer .getting-started-media').first().waitFor({ state: 'visible' });
  await settled(page.locator('.gettingStartedContainer'));
  await screenshot('walkthrough');
  await runCommand(page, 'View: Close All Editors');
}
