#!/usr/bin/env python3
"""Builds whole fast-path PDUs from the TS_FP_UPDATE / payload vectors of ../fastpath/
(IronRDP commit 18e259cd, MIT OR Apache-2.0) plus a few synthetic input PDUs.
Layouts follow MS-RDPBCGR 2.2.8.1.2 and 2.2.9.1.2. Run from this folder."""
import struct

def rd(name):
    with open('../fastpath/' + name, 'rb') as f:
        return f.read()

def fp(first, body, force_long=False):
    if not force_long and len(body) + 2 <= 0x7F:
        return bytes([first, len(body) + 2]) + body
    n = len(body) + 3
    assert n <= 0x7FFF
    return bytes([first, 0x80 | (n >> 8), n & 0xFF]) + body

def update(code, data, frag=0, comp=None):
    hdr = bytes([code | frag << 4 | (0x80 if comp is not None else 0)])
    if comp is not None:
        hdr += bytes([comp])
    return hdr + struct.pack('<H', len(data)) + data

def w(name, data):
    with open(name, 'wb') as f:
        f.write(data)

surfcmds = rd('fast_path_update_pdu_buffer.bin')
palette = rd('fast_path_palette_buffer.bin')
w('update_pdu_surfcmds.bin', fp(0x00, surfcmds))
w('update_pdu_palette_surfcmds.bin', fp(0x00, palette + surfcmds))
w('update_pdu_forced_long.bin', fp(0x00, surfcmds, force_long=True))
# a 1217-byte surface-bits command as one SURFCMDS update: 2-byte length form
w('update_pdu_surface_bits.bin', fp(0x00, update(0x4, rd('surface_bits_buffer.bin'))))
# bitmap update split in two fragments, the first one flagged as compressed (flags only, data as is)
bitmap = rd('bitmap_buffer.bin')
w('update_pdu_bitmap_fragments.bin',
  fp(0x00, update(0x1, bitmap[:60], frag=2, comp=0x21) + update(0x1, bitmap[60:], frag=1)))
# orders payload, then pointer-null / pointer-default / synchronize (empty updates)
w('update_pdu_orders_pointers.bin',
  fp(0x00, update(0x0, rd('orders_payload.bin')) + update(0x5, b'') + update(0x6, b'') + update(0x3, b'')))
# encrypted: header 0x80 (FASTPATH_OUTPUT_ENCRYPTED), 8-byte signature, opaque data
w('update_pdu_encrypted.bin', fp(0x80, bytes(range(1, 9)) + surfcmds))
# must fail: the update's size (0xff) runs past the PDU
w('err_update_pdu_update_too_long.bin', fp(0x00, rd('fast_path_update_pdu_with_long_len_buffer.bin')))

# ---- synthetic input PDUs ----
def ev(code, flags=0, data=b''):
    return bytes([code << 5 | flags]) + data
events = [
    ev(0, 0x03, b'\x1d'),                              # scancode, RELEASE|EXTENDED
    ev(0, 0x04, b'\x45'),                              # scancode, EXTENDED1
    ev(1, 0, struct.pack('<HHH', 0x0800, 0x1234, 0xFFFF)),  # mouse move
    ev(2, 0, struct.pack('<HHH', 0x8001, 10, 20)),     # mousex button 4 down
    ev(3, 0x0a),                                        # sync NUM|KANA
    ev(4, 0x01, struct.pack('<H', 0x20AC)),            # unicode release
    ev(5, 0, struct.pack('<Hhh', 0x0800, -3, 300)),    # relative mouse
    ev(6, 0, struct.pack('<I', 0x01020304)),           # QoE timestamp
]
w('input_pdu_all_events.bin', fp(len(events) << 2, b''.join(events)))
many = [ev(0, i & 1, bytes([0x10 + i])) for i in range(40)]
w('input_pdu_40_events.bin', fp(0x00, bytes([40]) + b''.join(many)))
w('input_pdu_forced_forms.bin', fp(0x00, bytes([2]) + ev(3) + ev(3, 1), force_long=True))
# encrypted with SECURE_CHECKSUM: header numEvents 3, signature, opaque data
w('input_pdu_encrypted.bin', fp(0xC0 | 3 << 2, bytes(8) + b'\xde\xad\xbe\xef'))
w('err_input_pdu_unknown_event.bin', fp(1 << 2, b'\xe0'))
w('err_input_pdu_missing_event.bin', fp(2 << 2, ev(3)))
