// The demo page: a connection form (pre-filled from the URL's query: gateway,
// token, destination, username, password, domain, width, height; autoconnect=1
// connects on load; scale=real starts at 1:1; audio=1 plays the remote sound, with a mute toggle; tokenUrl names a service that mints a fresh token for each
// connection, as npm start runs one), the stages as they pass, the desktop, a
// toolbar, and errors in plain words. The clipboard works both ways: a paste
// into the desktop offers the page's clipboard to the server (the session does
// it), and when the server's clipboard changes its text is written here on the
// next click or key press (or with the "Copy remote clipboard" button where the
// browser wants one). The desktop follows the window's size through display
// control (the session's ResizeObserver), or is scaled when the server has none.
import './webrdp-desktop.mjs';
import { describeError } from './dist/webrdp.mjs';

const $ = (id) => document.getElementById(id);
const desktop = $('desktop');
const form = $('form');
const FIELDS = ['gateway', 'token', 'destination', 'username', 'password', 'domain', 'width', 'height'];
const STAGE_WORDS = {
  RdcleanpathRequest: 'gateway', ConnectionInitiationSendRequest: 'negotiation',
  ConnectionInitiationWaitConfirm: 'negotiation', EnhancedSecurityUpgrade: 'TLS', Credssp: 'NLA (CredSSP)',
  CredsspEarlyUserAuthResult: 'NLA result', BasicSettingsExchangeSendInitial: 'settings',
  BasicSettingsExchangeWaitResponse: 'settings', ChannelConnection: 'channels', SecurityExchange: 'security',
  SecureSettingsExchange: 'logon info', ConnectTimeAutoDetection: 'auto-detection', LicensingExchange: 'licensing',
  MultitransportBootstrapping: 'multitransport', CapabilitiesExchange: 'capabilities',
  ConnectionFinalization: 'finalization', Connected: 'connected',
};

const q = new URLSearchParams(location.search);
const defaults = { gateway: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/jet/rdp` };
for (const f of FIELDS) $(f).value = q.get(f) ?? defaults[f] ?? '';

function setState(state, text) {
  document.body.dataset.state = state;
  $('status').textContent = text;
  $('tools').hidden = state !== 'connected';
}

let noticeTimer;
function notice(text, ms = 6000) {
  const el = $('notice');
  clearTimeout(noticeTimer);
  el.textContent = text || '';
  el.hidden = !text;
  if (text && ms) noticeTimer = setTimeout(() => { el.hidden = true; }, ms);
}

function showError(detail) {
  const el = $('error');
  if (!detail) { el.hidden = true; el.textContent = ''; return; }
  el.textContent = describeError(detail);
  el.dataset.kind = detail.kind;
  el.hidden = false;
}

desktop.addEventListener('stage', (e) => {
  const word = STAGE_WORDS[e.detail.state] || e.detail.state;
  if ($('stages').lastElementChild?.textContent === word) return;
  const li = document.createElement('li');
  li.textContent = word;
  li.dataset.state = e.detail.state;
  $('stages').append(li);
  setState('connecting', `Connecting: ${li.textContent}…`);
});
desktop.addEventListener('connected', (e) => {
  setState('connected', `Connected to ${$('destination').value} (${e.detail.width}×${e.detail.height})`);
  $('stages').replaceChildren();
});
desktop.addEventListener('resize', (e) => {
  $('status').textContent = `Connected to ${$('destination').value} (${e.detail.width}×${e.detail.height})`;
});
desktop.addEventListener('terminated', (e) => {
  const failed = e.detail.kind && e.detail.kind !== 'none';
  setState(failed ? 'error' : 'disconnected', failed ? 'Connection failed' : 'Disconnected');
  showError(failed ? e.detail : null);
  $('stages').replaceChildren();
});

// ---- clipboard: remote -> local on the next user gesture, local -> remote on paste (and on focus when allowed)
let remoteText = null;
async function copyRemote(fromGesture) {
  if (remoteText === null) return;
  const text = remoteText;
  try {
    if (!navigator.clipboard?.writeText) throw new Error('this browser has no asynchronous clipboard API');
    await navigator.clipboard.writeText(text);
    if (remoteText === text) remoteText = null;
    $('copyRemote').hidden = true;
    notice(`Copied the remote clipboard (${text.length} characters) to this computer.`);
  } catch (e) {
    $('copyRemote').hidden = false;
    notice(fromGesture
      ? `The browser refused to write the clipboard (${e.message}). Use "Copy remote clipboard", or allow clipboard access for this page.`
      : 'The remote clipboard changed: click the desktop, press a key or use "Copy remote clipboard" to copy it here.', 0);
  }
}
desktop.addEventListener('clipboard', (e) => {
  if (e.detail.type !== 'text/plain') return;
  remoteText = e.detail.text;
  copyRemote(false);
});
for (const type of ['pointerdown', 'keydown']) desktop.addEventListener(type, () => copyRemote(true), true);
$('copyRemote').onclick = () => copyRemote(true);
desktop.addEventListener('localclipboard', (e) => {
  notice(`Pasted: the remote computer's clipboard now holds your text (${e.detail.text.length} characters).`);
});
desktop.addEventListener('clipboarderror', (e) => {
  notice(e.detail.direction === 'local' ? `The paste did not reach the server: ${e.detail.message}.` : '');
});
// On focus, when the page may read the clipboard without asking (permission granted), offer it to the server.
let lastOffered = null;
window.addEventListener('focus', async () => {
  if (desktop.session?.state !== 'connected' || !navigator.clipboard?.readText || !navigator.permissions) return;
  try {
    if ((await navigator.permissions.query({ name: 'clipboard-read' })).state !== 'granted') return;
    const text = await navigator.clipboard.readText();
    if (text && text !== lastOffered) { lastOffered = text; desktop.setClipboard([{ type: 'text/plain', data: text }]); }
  } catch { /* not allowed: paste still works */ }
});
desktop.addEventListener('resizefallback', () => {
  notice('The server cannot change its desktop size (no display control): the picture is scaled to the window instead.');
});

// ---- sound (audio=1): starts on the first click or key press (autoplay rules)
const audio = q.get('audio') === '1';
if (audio) desktop.options = { ...desktop.options, audio: true };
$('mute').onclick = () => {
  const muted = $('mute').textContent === 'Mute';
  desktop.setMuted(muted);
  $('mute').textContent = muted ? 'Unmute' : 'Mute';
};
desktop.addEventListener('connected', () => {
  $('mute').hidden = !audio;
  if (audio) notice('Sound plays after your first click or key press in the page.');
});

async function connect() {
  showError(null);
  $('stages').replaceChildren();
  for (const f of ['gateway', 'destination', 'username', 'domain', 'width', 'height']) {
    const v = $(f).value.trim();
    if (v) desktop.setAttribute(f, v); else desktop.removeAttribute(f);
  }
  desktop.token = $('token').value;
  // tokenUrl (npm start's token service): a fresh token for every connection, tokens being single-use.
  if (q.get('tokenUrl')) {
    try {
      const r = await fetch(q.get('tokenUrl'), { cache: 'no-store' });
      if (r.ok) desktop.token = $('token').value = (await r.text()).trim();
    } catch { /* keep the token of the form */ }
  }
  desktop.password = $('password').value;
  setState('connecting', 'Connecting…');
  try {
    await desktop.connect();
  } catch (e) {
    // The terminated event already told the user; errors before the session existed land here.
    if (document.body.dataset.state !== 'error') {
      setState('error', 'Connection failed');
      showError({ kind: e.kind || 'internal', message: e.message });
    }
  }
}

form.addEventListener('submit', (e) => { e.preventDefault(); connect(); });
$('cad').onclick = () => { desktop.ctrlAltDel(); desktop.canvas?.focus(); };
$('win').onclick = () => { desktop.sendKeys(['MetaLeft']); desktop.canvas?.focus(); };
$('scale').onclick = () => {
  const real = desktop.getAttribute('scale') !== 'real';
  desktop.setScale(real ? 'real' : 'fit');
  $('scale').textContent = real ? 'Fit' : 'Real size';
};
$('fullscreen').onclick = () => {
  if (document.fullscreenElement) document.exitFullscreen();
  else desktop.requestFullscreen?.().then(() => desktop.canvas?.focus()).catch(() => {});
};
$('shot').onclick = async () => {
  const blob = await desktop.screenshot();
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob),
    download: `webrdp-${new Date().toISOString().replace(/[:.]/g, '-')}.png` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
};
$('disconnect').onclick = () => desktop.disconnect();

if (q.get('scale') === 'real') { desktop.setScale('real'); $('scale').textContent = 'Fit'; }
setState('disconnected', 'Not connected');
if (q.get('autoconnect') === '1') connect();
