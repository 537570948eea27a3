// The messages between the dashboard preview's host (client/src/dashboardPreview/panel.ts) and its page
// (media/dashboardPreview/): the page never fetches anything, the host sends it every render.
import type { PreviewModel } from '../../../server/src/core/dashboardPreview/types';

export type HostMessage =
  /** A render; `rows` are the page's own row toggles the render was made with. */
  | { type: 'model'; model: PreviewModel; rows: Record<string, boolean> }
  | { type: 'loading' }
  /** The render could not be made at all; the page keeps what it shows and says why. */
  | { type: 'failed'; message: string };

export type WebviewMessage =
  /** The page is up; `width` (CSS px) is what panels' resolution (`$__interval`, max data points) follows. */
  | { type: 'ready'; width: number }
  /** The page was resized (debounced). */
  | { type: 'width'; width: number }
  | { type: 'variables'; values: Record<string, string[]> }
  | { type: 'time'; from: string; to: string }
  | { type: 'refresh' }
  | { type: 'rows'; rows: Record<string, boolean> }
  /** The user clicked a panel's title: show its JSON. */
  | { type: 'reveal'; key: string; offset: number; length: number };
