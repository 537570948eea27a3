// The preview page as one self-contained HTML document: the bundled page script and style inlined under a nonce,
// a Content-Security-Policy that allows nothing else (no network, no other scripts), and the render model as
// inert JSON for `o11y render`'s static snapshots. The webview host writes its own page (with webview URIs).
import type { PreviewModel } from './types';

export interface PageParts {
  /** media/dist/dashboardPreview.js and .css. */
  js: string;
  css: string;
  nonce: string;
  title: string;
  /** The model to show without a host (a static snapshot). */
  model?: PreviewModel;
  /** A script run before the page's own (tests stand in for the VS Code host with it). */
  before?: string;
}

/** `<`, `>`, `&` and the line separators escaped, so JSON (or script text) cannot close the element it is in. */
export function scriptSafe(text: string): string {
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function pageHtml(p: PageParts): string {
  const csp = `default-src 'none'; style-src 'nonce-${p.nonce}'; script-src 'nonce-${p.nonce}'; img-src data:`;
  const model = p.model ? `<script type="application/json" id="o11y-model">${scriptSafe(JSON.stringify(p.model))}</script>\n` : '';
  const before = p.before ? `<script nonce="${p.nonce}">${p.before}</script>\n` : '';
  // A `</script` inside the bundle would end its element early; esbuild's output has none, but make sure.
  const js = p.js.replace(/<\/(script)/gi, '<\\/$1');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(p.title)}</title>
<style nonce="${p.nonce}">${p.css.replace(/<\/(style)/gi, '<\\/$1')}</style>
</head>
<body>
<main id="app"><p>Loading the dashboard…</p></main>
${model}${before}<script nonce="${p.nonce}">${js}</script>
</body>
</html>
`;
}
