// Types for the <webrdp-desktop> element (web/webrdp-desktop.mjs, dist/webrdp-desktop.mjs).
import type { ClipboardItemData, ConnectOptions, KeyEntry, Session } from './webrdp.mjs';

export class WebrdpDesktop extends HTMLElement {
  /** Secret: the user's password (never an attribute). */
  password: string;
  /** Secret: the gateway token (never an attribute). */
  token: string;
  /** Anything else connect() takes; wins over the attributes. */
  options: Partial<ConnectOptions>;
  /** The current (or last) session. */
  readonly session: Session | null;
  /** The canvas the desktop is drawn on (inside the shadow root). */
  readonly canvas: HTMLCanvasElement | null;
  /** Connects with the attributes gateway, destination, username, domain, width, height, scale,
   *  security, codecs and the properties; sets data-state and data-error. */
  connect(): Promise<Session>;
  disconnect(): Promise<void>;
  sendKeys(keys: KeyEntry[]): void;
  sendText(text: string, options?: { unicode?: boolean }): void;
  ctrlAltDel(): void;
  releaseAllInputs(): void;
  setScale(mode: 'fit' | 'real'): void;
  screenshot(): Promise<Blob>;
  setClipboard(items: ClipboardItemData[]): void;
  setMuted(muted: boolean): void;
}

declare global {
  interface HTMLElementTagNameMap { 'webrdp-desktop': WebrdpDesktop; }
}
