// A mistake as a person sees it: the squiggle, its hover message, and the Problems panel.
import { quickOpen, runCommand, settled, until } from './helpers.mjs';

export default async function diagnostics({ page, screenshot }) {
  await quickOpen(page, 'prometheus-broken.yml');
  const squiggle = page.locator('.editor-instance .squiggly-error').first();
  await squiggle.waitFor({ state: 'visible', timeout: 20_000 });
  await runCommand(page, 'Problems: Focus on Problems View');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'schema/invalid-duration' }).first().waitFor();
  const box = await squiggle.boundingBox();
  const hover = page.locator('.monaco-hover', { hasText: 'is not a valid duration' }).first();
  await until('the hover on the bad duration', async () => {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2);
    return hover.waitFor({ state: 'visible', timeout: 1500 }).then(() => true);
  });
  await settled(hover);
  await screenshot('diagnostics', { docs: true });
}
