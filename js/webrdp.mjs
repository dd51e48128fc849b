// The package entry (dist/webrdp.mjs): the loader and the session API.
export { loadWebrdp, WebrdpError } from './loader.mjs';
export { connect, Session, SessionEvent, desktopSize, CONNECTOR_OPTIONS } from './session.mjs';
export { KEYMAP, scancodeOf } from './keymap.mjs';
export { describeError, ERROR_SENTENCES } from './errors.mjs';
export { AudioPlayer } from './audio.mjs';
export { loadWebrdp as default } from './loader.mjs';
