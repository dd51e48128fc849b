// <webrdp-desktop>: a remote desktop as an HTML element, wrapping connect().
//
//   <webrdp-desktop gateway="ws://127.0.0.1:7171/jet/rdp" destination="10.0.0.5:3389"
//                   username="alice" domain="" scale="fit"></webrdp-desktop>
//   el.token = '...'; el.password = '...'; await el.connect();
//
// Attributes: gateway, destination, username, domain, width, height, scale
// (fit|real), security (comma list), codecs (comma list), autoconnect.
// Properties for secrets (never attributes): password, token; `options` for
// anything else connect() takes. The session's events (stage, connected,
// resize, pointer, error, terminated, ...) are re-dispatched on the element;
// data-state is connecting | connected | disconnected | error, and data-error
// the error kind.
import { Session } from './dist/webrdp.mjs';

const STYLE = `
:host { display: block; position: relative; overflow: hidden; background: #111; min-height: 200px; }
:host([scale="real"]) { overflow: auto; }
.box { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; }
:host([scale="real"]) .box { align-items: flex-start; justify-content: flex-start; }
canvas { display: block; flex: none; }
`;

const FORWARDED = ['stage', 'connected', 'resize', 'pointer', 'error', 'terminated', 'errorinfo', 'logon',
  'clipboard', 'remoteclipboardchange', 'clipboarderror', 'clipboardready', 'localclipboard', 'displaycontrol',
  'resizefallback', 'resizerequest'];

export class WebrdpDesktop extends HTMLElement {
  static get observedAttributes() { return ['scale']; }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style><div class="box" part="box"></div>`;
    this._box = root.querySelector('.box');
    this.password = '';
    this.token = '';
    this.options = {};
    this.session = null;
  }

  connectedCallback() {
    if (!this.hasAttribute('data-state')) this.dataset.state = 'disconnected';
    if (this.hasAttribute('autoconnect') && !this.session) queueMicrotask(() => this.connect().catch(() => {}));
  }

  disconnectedCallback() { this.session?.disconnect(); }

  attributeChangedCallback(name, _old, value) {
    if (name === 'scale') this.session?.setScale(value === 'real' ? 'real' : 'fit');
  }

  /** Connects with the attributes, properties and `options`; resolves with the Session. */
  async connect() {
    if (this.session && this.session.state !== 'terminated') await this.session.disconnect();
    this.session?.destroy();
    const a = (n) => this.getAttribute(n) || undefined;
    const num = (n) => (a(n) ? Number(a(n)) : undefined);
    const list = (n) => (a(n) ? a(n).split(',').map((s) => s.trim()).filter(Boolean) : undefined);
    const options = {
      gateway: a('gateway'), destination: a('destination'), username: a('username') ?? '',
      domain: a('domain') ?? '', password: this.password ?? '', token: this.token ?? '',
      width: num('width'), height: num('height'), scale: a('scale') === 'real' ? 'real' : 'fit',
      security: list('security'), codecs: list('codecs'), container: this._box, ...this.options,
    };
    for (const k of Object.keys(options)) if (options[k] === undefined) delete options[k];
    const s = (this.session = new Session(options));
    for (const type of FORWARDED) {
      s.addEventListener(type, (e) => {
        if (s !== this.session) return;
        this.dispatchEvent(new CustomEvent(type, { detail: e.detail }));
      });
    }
    s.addEventListener('terminated', (e) => {
      if (s !== this.session) return;
      const kind = e.detail.kind;
      this.dataset.state = kind && kind !== 'none' ? 'error' : 'disconnected';
      if (kind && kind !== 'none') this.dataset.error = kind;
    });
    s.addEventListener('connected', () => {
      if (s !== this.session) return;
      this.dataset.state = 'connected';
      s.canvas?.focus({ preventScroll: true });
    });
    this.dataset.state = 'connecting';
    delete this.dataset.error;
    try {
      await s.connect();
    } catch (e) {
      if (s === this.session && this.dataset.state === 'connecting') {
        this.dataset.state = 'error';
        this.dataset.error = e.kind || 'internal';
      }
      throw e;
    }
    return s;
  }

  async disconnect() { await this.session?.disconnect(); }
  sendKeys(keys) { this.session?.sendKeys(keys); }
  sendText(text, options) { this.session?.sendText(text, options); }
  ctrlAltDel() { this.session?.ctrlAltDel(); }
  releaseAllInputs() { this.session?.releaseAllInputs(); }
  setScale(mode) { this.setAttribute('scale', mode === 'real' ? 'real' : 'fit'); }
  screenshot() { return this.session ? this.session.screenshot() : Promise.reject(new Error('not connected')); }
  /** Offers [{ type: 'text/plain' | 'text/html', data }] to the remote clipboard (see Session.setClipboard). */
  setClipboard(items) { this.session?.setClipboard(items); }
  setMuted(muted) { this.session?.setMuted(muted); }
  /** The canvas the desktop is drawn on (in the shadow root), or null. */
  get canvas() { return this.session?.canvas ?? null; }
}

if (!customElements.get('webrdp-desktop')) customElements.define('webrdp-desktop', WebrdpDesktop);
