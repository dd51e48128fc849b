#!/usr/bin/env python3
"""Which graphics path a server used: counts the graphics updates of a
`webrdp --record` recording by kind, independently of webrdp's own parser.

Usage: update_paths.py RECORDING
Prints one line, e.g.
  paths: bitmap/planar-32bpp=150 bitmap/raw-32bpp=42 surface/rfx=1 frame-marker=2
Kinds: bitmap/<planar|interleaved|raw>-<bpp>bpp (TS_BITMAP_DATA rectangles of
Bitmap Updates, fast-path or slow-path), surface/<rfx|nsc|none|id-N> (Set/Stream
Surface Bits, by the codec ids webrdp assigns: 1 NSCodec, 3 RemoteFX), orders
(drawing orders updates), palette, frame-marker; 'encrypted' counts frames this
script cannot read (standard RDP security with encryption: the recording holds
them as sent), 'bulk-compressed' updates it does not decompress. The bytes
received after the Connected state are split into frames by their own lengths:
a recv line may hold a partial frame or several (the session records reads).
"""
import struct
import sys
from collections import Counter

CODECS = {0: "none", 1: "nsc", 3: "rfx"}


def bitmap_update(data, n):
    """TS_UPDATE_BITMAP_DATA (updateType included)."""
    if len(data) < 4:
        return
    _, count = struct.unpack_from("<HH", data, 0)
    off = 4
    for _ in range(count):
        if off + 18 > len(data):
            n["bitmap/truncated"] += 1
            return
        (_l, _t, _r, _b, _w, _h, bpp, flags, length) = struct.unpack_from("<9H", data, off)
        off += 18
        if flags & 0x0001:  # BITMAP_COMPRESSION
            kind = "planar" if bpp == 32 else "interleaved"
        else:
            kind = "raw"
        n["bitmap/%s-%dbpp" % (kind, bpp)] += 1
        off += length


def surface_commands(data, n):
    off = 0
    while off + 2 <= len(data):
        (cmd,) = struct.unpack_from("<H", data, off)
        off += 2
        if cmd in (0x0001, 0x0006):  # SETSURFACEBITS, STREAMSURFACEBITS
            if off + 20 > len(data):
                n["surface/truncated"] += 1
                return
            flags, codec = data[off + 9], data[off + 11]
            (length,) = struct.unpack_from("<I", data, off + 16)
            off += 20 + (24 if flags & 0x01 else 0) + length
            n["surface/" + CODECS.get(codec, "id-%d" % codec)] += 1
        elif cmd == 0x0004:  # FRAMEMARKER
            off += 6
            n["frame-marker"] += 1
        else:
            n["surface/unknown-cmd-%d" % cmd] += 1
            return


def update(code, data, n):
    if code == 0x1:
        bitmap_update(data, n)
    elif code == 0x4:
        surface_commands(data, n)
    elif code == 0x0:
        n["orders"] += 1
    elif code == 0x2:
        n["palette"] += 1


def fastpath(frame, n, frags):
    b0 = frame[0]
    off = 2 if frame[1] & 0x80 == 0 else 3
    if b0 & 0xC0:  # FASTPATH_OUTPUT_ENCRYPTED / SECURE_CHECKSUM
        n["encrypted"] += 1
        return
    while off < len(frame):
        h = frame[off]
        off += 1
        code, frag, comp = h & 0x0F, (h >> 4) & 3, (h >> 6) & 3
        cflags = 0
        if comp & 0x2:
            cflags = frame[off]
            off += 1
        (size,) = struct.unpack_from("<H", frame, off)
        off += 2
        data = frame[off:off + size]
        off += size
        if cflags & 0x20:  # PACKET_COMPRESSED
            n["bulk-compressed"] += 1
            continue
        if frag == 0:  # SINGLE
            update(code, data, n)
        elif frag == 2:  # FIRST
            frags[code] = bytearray(data)
        elif frag == 3:  # NEXT
            frags.setdefault(code, bytearray()).extend(data)
        else:  # LAST
            whole = frags.pop(code, bytearray()) + data
            update(code, bytes(whole), n)


def slowpath(frame, n):
    # TPKT(4) X.224 DT(3) MCS SDIN: type(1) user(2) channel(2) flags(1) length(1|2)
    if len(frame) < 8 or frame[7] >> 2 != 26:  # SendDataIndication
        return
    off = 8 + 5
    off += 1 if frame[off] & 0x80 == 0 else 2
    body = frame[off:]
    # ShareControlHeader(6) ShareDataHeader: shareId(4) pad(1) streamId(1) len(2) pduType2(1) ...(3)
    if len(body) < 18 or struct.unpack_from("<H", body, 2)[0] & 0x0F != 0x7:
        return
    if body[14] != 2:  # PDUTYPE2_UPDATE
        return
    if body[15] & 0x20:
        n["bulk-compressed"] += 1
        return
    data = body[18:]
    (utype,) = struct.unpack_from("<H", data, 0)
    if utype == 1:
        bitmap_update(data, n)
    elif utype == 0:
        n["orders"] += 1
    elif utype == 2:
        n["palette"] += 1


def frames(stream):
    """Splits the bytes received after Connected into frames by their own lengths
    (a recording's recv line may hold part of a frame or several: reads, not frames)."""
    off = 0
    while off + 2 <= len(stream):
        b0 = stream[off]
        if b0 == 0x03:  # TPKT
            if off + 4 > len(stream):
                return
            n = (stream[off + 2] << 8) | stream[off + 3]
        elif b0 & 0x03 == 0:  # fast-path
            b1 = stream[off + 1]
            n = b1 if b1 & 0x80 == 0 else ((b1 & 0x7F) << 8) | stream[off + 2]
        else:
            return
        if n < 2 or off + n > len(stream):
            return
        yield stream[off:off + n]
        off += n


def main(path):
    n = Counter()
    frags = {}
    connected = False
    stream = bytearray()
    with open(path) as f:
        for line in f:
            tag, _, rest = line.rstrip("\n").partition(" ")
            if tag == "state" and rest == "Connected":
                connected = True
            elif tag == "recv" and connected:
                stream += bytes.fromhex(rest)
    for frame in frames(bytes(stream)):
        if frame[0] == 0x03:
            slowpath(frame, n)
        else:
            fastpath(frame, n, frags)
    print("paths: " + (" ".join("%s=%d" % kv for kv in sorted(n.items())) or "none"))


if __name__ == "__main__":
    main(sys.argv[1])
