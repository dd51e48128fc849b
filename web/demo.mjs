// The demo page: a connection form (pre-filled from the URL's query: gateway,
// token, destination, username, password, domain, width, height; autoconnect=1
// connects on load; scale=real starts at 1:1; tokenUrl names a service that mints a fresh token for each
// connection, as npm start runs one), the stages as they pass, the desktop, a
// toolbar, and errors in plain words.
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
