// KeyboardEvent.code → PC/AT set-1 scancode, as data (noVNC keeps its key
// tables apart from logic; so do we). A value is the scancode with its prefix
// in the high byte: 0x1C plain, 0xE01C extended (E0), 0xE11D the Pause key
// (E1 1D 45: the input database, include/webrdp/input.h, sends the sequence
// when given scancode 0x1D with the E1 prefix).
// https://w3c.github.io/uievents-code/ names the physical keys.

export const PAUSE = 0xe11d;

export const KEYMAP = Object.freeze({
  Escape: 0x01,
  Digit1: 0x02, Digit2: 0x03, Digit3: 0x04, Digit4: 0x05, Digit5: 0x06,
  Digit6: 0x07, Digit7: 0x08, Digit8: 0x09, Digit9: 0x0a, Digit0: 0x0b,
  Minus: 0x0c, Equal: 0x0d, Backspace: 0x0e, Tab: 0x0f,
  KeyQ: 0x10, KeyW: 0x11, KeyE: 0x12, KeyR: 0x13, KeyT: 0x14,
  KeyY: 0x15, KeyU: 0x16, KeyI: 0x17, KeyO: 0x18, KeyP: 0x19,
  BracketLeft: 0x1a, BracketRight: 0x1b, Enter: 0x1c, ControlLeft: 0x1d,
  KeyA: 0x1e, KeyS: 0x1f, KeyD: 0x20, KeyF: 0x21, KeyG: 0x22,
  KeyH: 0x23, KeyJ: 0x24, KeyK: 0x25, KeyL: 0x26,
  Semicolon: 0x27, Quote: 0x28, Backquote: 0x29, ShiftLeft: 0x2a, Backslash: 0x2b,
  KeyZ: 0x2c, KeyX: 0x2d, KeyC: 0x2e, KeyV: 0x2f, KeyB: 0x30, KeyN: 0x31, KeyM: 0x32,
  Comma: 0x33, Period: 0x34, Slash: 0x35, ShiftRight: 0x36,
  NumpadMultiply: 0x37, AltLeft: 0x38, Space: 0x39, CapsLock: 0x3a,
  F1: 0x3b, F2: 0x3c, F3: 0x3d, F4: 0x3e, F5: 0x3f,
  F6: 0x40, F7: 0x41, F8: 0x42, F9: 0x43, F10: 0x44,
  NumLock: 0x45, ScrollLock: 0x46,
  Numpad7: 0x47, Numpad8: 0x48, Numpad9: 0x49, NumpadSubtract: 0x4a,
  Numpad4: 0x4b, Numpad5: 0x4c, Numpad6: 0x4d, NumpadAdd: 0x4e,
  Numpad1: 0x4f, Numpad2: 0x50, Numpad3: 0x51, Numpad0: 0x52, NumpadDecimal: 0x53,
  IntlBackslash: 0x56, F11: 0x57, F12: 0x58, NumpadEqual: 0x59,
  F13: 0x64, F14: 0x65, F15: 0x66, F16: 0x67, F17: 0x68, F18: 0x69,
  F19: 0x6a, F20: 0x6b, F21: 0x6c, F22: 0x6d, F23: 0x6e, F24: 0x76,
  KanaMode: 0x70, Lang2: 0x71, Lang1: 0x72, IntlRo: 0x73,
  Convert: 0x79, NonConvert: 0x7b, IntlYen: 0x7d, NumpadComma: 0x7e,

  // E0-prefixed (extended) keys
  MediaTrackPrevious: 0xe010, MediaTrackNext: 0xe019,
  NumpadEnter: 0xe01c, ControlRight: 0xe01d,
  AudioVolumeMute: 0xe020, LaunchApp2: 0xe021, MediaPlayPause: 0xe022, MediaStop: 0xe024,
  AudioVolumeDown: 0xe02e, AudioVolumeUp: 0xe030, BrowserHome: 0xe032,
  NumpadDivide: 0xe035, PrintScreen: 0xe037, AltRight: 0xe038,
  Home: 0xe047, ArrowUp: 0xe048, PageUp: 0xe049, ArrowLeft: 0xe04b,
  ArrowRight: 0xe04d, End: 0xe04f, ArrowDown: 0xe050, PageDown: 0xe051,
  Insert: 0xe052, Delete: 0xe053,
  MetaLeft: 0xe05b, MetaRight: 0xe05c, ContextMenu: 0xe05d,
  Power: 0xe05e, Sleep: 0xe05f, WakeUp: 0xe063,
  BrowserSearch: 0xe065, BrowserFavorites: 0xe066, BrowserRefresh: 0xe067, BrowserStop: 0xe068,
  BrowserForward: 0xe069, BrowserBack: 0xe06a, LaunchApp1: 0xe06b, LaunchMail: 0xe06c,
  MediaSelect: 0xe06d,
  // Older names some browsers still send
  OSLeft: 0xe05b, OSRight: 0xe05c,

  // E1 1D 45
  Pause: PAUSE,
});

// Characters a US keyboard types without a dead key: char → [code, shift].
// sendText uses scancodes for these (servers without unicode input, such as
// X11 servers, still type them) and unicode events for everything else.
const US = [
  ['`1234567890-=', '~!@#$%^&*()_+', ['Backquote', 'Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5',
    'Digit6', 'Digit7', 'Digit8', 'Digit9', 'Digit0', 'Minus', 'Equal']],
  ['qwertyuiop[]\\', 'QWERTYUIOP{}|', ['KeyQ', 'KeyW', 'KeyE', 'KeyR', 'KeyT', 'KeyY', 'KeyU', 'KeyI',
    'KeyO', 'KeyP', 'BracketLeft', 'BracketRight', 'Backslash']],
  ["asdfghjkl;'", 'ASDFGHJKL:"', ['KeyA', 'KeyS', 'KeyD', 'KeyF', 'KeyG', 'KeyH', 'KeyJ', 'KeyK',
    'KeyL', 'Semicolon', 'Quote']],
  ['zxcvbnm,./', 'ZXCVBNM<>?', ['KeyZ', 'KeyX', 'KeyC', 'KeyV', 'KeyB', 'KeyN', 'KeyM', 'Comma',
    'Period', 'Slash']],
];
export const US_CHARS = (() => {
  const map = new Map([[' ', ['Space', false]], ['\n', ['Enter', false]], ['\r', ['Enter', false]],
    ['\t', ['Tab', false]]]);
  for (const [plain, shifted, codes] of US) {
    codes.forEach((code, i) => {
      map.set(plain[i], [code, false]);
      map.set(shifted[i], [code, true]);
    });
  }
  return map;
})();

/** Prefixes as the input database numbers them (WRDP_INPUT_PREFIX_*). */
export const PREFIX = Object.freeze({ none: 0, e0: 1, e1: 2 });

/** { scancode (one byte), prefix (0 none, 1 E0, 2 E1), extended } for a KeyboardEvent.code, or null. */
export function scancodeOf(code) {
  const v = KEYMAP[code];
  if (v === undefined) return null;
  const high = v >> 8;
  const prefix = high === 0xe0 ? PREFIX.e0 : high === 0xe1 ? PREFIX.e1 : PREFIX.none;
  return { scancode: v & 0xff, prefix, extended: prefix === PREFIX.e0 };
}
