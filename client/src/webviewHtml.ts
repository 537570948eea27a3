import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** What a webview page of ours loads: its bundle in media/dist (`<bundle>.js` and `.css`), title and first words. */
export interface WebviewPage {
  bundle: string;
  title: string;
  /** HTML shown until the script draws (constant text of ours, never data). */
  placeholder: string;
}

/**
 * The HTML of a webview: a strict Content-Security-Policy (nothing by default, our stylesheet, our one script by
 * nonce, images only from our folder or data URIs) around an empty `#app` that the script fills from messages.
 */
export function webviewHtml(webview: vscode.Webview, media: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset(`${page.bundle}.css`)}">
<title>${page.title}</title>
</head>
<body>
<main id="app">${page.placeholder}</main>
<script nonce="${nonce}" src="${asset(`${page.bundle}.js`)}"></script>
</body>
</html>`;
}
