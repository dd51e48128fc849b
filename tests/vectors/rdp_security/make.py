#!/usr/bin/env python3
"""Known answers for Standard RDP Security (MS-RDPBCGR 5.3), computed by a second,
independent route: Python's hashlib, a from-scratch RC4, big-integer pow for RSA and
the openssl command line for 3DES-CBC, each written straight from the spec's formulas
(5.3.4.1, 5.3.5.1, 5.3.5.2, 5.3.6.1, 5.3.6.1.1, 5.3.6.2, 5.3.7). No webrdp code is used.
Run from this folder: python3 make.py > known_answers.json"""
import hashlib, hmac, json, struct, subprocess

PAD1, PAD2 = b"\x36" * 40, b"\x5c" * 48
md5 = lambda b: hashlib.md5(b).digest()
sha1 = lambda b: hashlib.sha1(b).digest()

def rc4_stream(key):
    s = list(range(256)); j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 255; s[i], s[j] = s[j], s[i]
    i = j = 0
    while True:
        i = (i + 1) & 255; j = (j + s[i]) & 255; s[i], s[j] = s[j], s[i]
        yield s[(s[i] + s[j]) & 255]

def xor(stream, data): return bytes(b ^ next(stream) for b in data)

def salted_hash(s, i, r1, r2): return md5(s + sha1(i + s + r1 + r2))

def salt(key, method):
    if method == "40bit": return b"\xd1\x26\x9e" + key[3:8]
    if method == "56bit": return b"\xd1" + key[1:8]
    return key

def keys(method, cr, sr):
    pre = cr[:24] + sr[:24]
    master = b"".join(salted_hash(pre, l, cr, sr) for l in (b"A", b"BB", b"CCC"))
    blob = b"".join(salted_hash(master, l, cr, sr) for l in (b"X", b"YY", b"ZZZ"))
    mac = blob[:16]
    dec = md5(blob[16:32] + cr + sr)   # InitialServerEncryptKey = client decrypt
    enc = md5(blob[32:48] + cr + sr)   # InitialServerDecryptKey = client encrypt
    n = 16 if method == "128bit" else 8
    return salt(mac, method)[:n], salt(enc, method)[:n], salt(dec, method)[:n]

def mac(key, data, count=None):
    inner = key + PAD1 + struct.pack("<I", len(data)) + data
    if count is not None: inner += struct.pack("<I", count)
    return md5(key + PAD2 + sha1(inner))

def update(initial, current, method):
    temp = md5(initial + PAD2 + sha1(initial + PAD1 + current))[:len(initial)]
    return salt(xor(rc4_stream(temp), temp), method)

def fips_expand(k21):
    # 5.3.5.2 as worded: reverse each byte, insert a zero bit after every 7 bits,
    # reverse each byte, then fix the least significant bit for odd parity
    rev = lambda b: int(format(b, "08b")[::-1], 2)
    bits = "".join(format(rev(b), "08b") for b in k21)
    out = bytearray()
    for g in range(24):
        o = rev(int(bits[7 * g:7 * g + 7], 2) << 1) & 0xfe
        out.append(o | (0 if bin(o).count("1") % 2 else 1))
    return bytes(out)

def des3_cbc(key, iv, data):
    r = subprocess.run(["openssl", "enc", "-des-ede3-cbc", "-nopad", "-K", key.hex(), "-iv", iv.hex()],
                       input=data, capture_output=True, check=True)
    return r.stdout

CR = sha1(b"webrdp client random")[:16] + sha1(b"webrdp client random 2")[:16]
SR = sha1(b"webrdp server random")[:16] + sha1(b"webrdp server random 2")[:16]
MSG1 = b"The quick brown fox jumps over the lazy dog"
MSG2 = bytes(range(37))
out = {"client_random": CR.hex(), "server_random": SR.hex(), "msg1": MSG1.hex(), "msg2": MSG2.hex(), "methods": {}}

for method in ("40bit", "56bit", "128bit"):
    mk, ek, dk = keys(method, CR, SR)
    st = rc4_stream(ek)
    c1 = xor(st, MSG1); c2 = xor(st, MSG2)
    row = {"mac_key": mk.hex(), "encrypt_key": ek.hex(), "decrypt_key": dk.hex(),
           # packet 1 and 2 client -> server, plain MAC; then the same with the salted MAC (counts 0, 1)
           "packet1": c1.hex(), "signature1": mac(mk, MSG1)[:8].hex(),
           "packet2": c2.hex(), "signature2": mac(mk, MSG2)[:8].hex(),
           "salted_signature1": mac(mk, MSG1, 0)[:8].hex(), "salted_signature2": mac(mk, MSG2, 1)[:8].hex()}
    # server -> client: the server encrypts with our decrypt key
    row["server_packet1"] = xor(rc4_stream(dk), MSG1).hex()
    # key update (5.3.7): packet 4097 is encrypted with the updated key from a fresh RC4 state
    ek2 = update(ek, ek, method)
    row["encrypt_key_after_4096"] = ek2.hex()
    row["packet4097"] = xor(rc4_stream(ek2), MSG1).hex()
    row["salted_signature4097"] = mac(mk, MSG1, 4096)[:8].hex()
    row["encrypt_key_after_8192"] = update(ek, ek2, method).hex()
    out["methods"][method] = row

# FIPS (5.3.5.2, 5.3.6.2)
et = sha1(CR[16:] + SR[16:]); dt = sha1(CR[:16] + SR[:16])
fe, fd = fips_expand(et + et[:1]), fips_expand(dt + dt[:1])
sign = sha1(dt + et)
iv = bytes.fromhex("1234567890abcdef")
pad = lambda m: m + b"\0" * (-len(m) % 8)
both = des3_cbc(fe, iv, pad(MSG1) + pad(MSG2))   # the CBC chain runs on from one packet to the next
p1 = both[:len(pad(MSG1))]
row = {"encrypt_key": fe.hex(), "decrypt_key": fd.hex(), "sign_key": sign.hex(),
       "packet1": p1.hex(), "pad1": len(pad(MSG1)) - len(MSG1),
       "signature1": hmac.new(sign, MSG1 + struct.pack("<I", 0), "sha1").digest()[:8].hex(),
       "packet2": both[len(p1):].hex(), "pad2": len(pad(MSG2)) - len(MSG2),
       "signature2": hmac.new(sign, MSG2 + struct.pack("<I", 1), "sha1").digest()[:8].hex(),
       "server_packet1": des3_cbc(fd, iv, pad(MSG1)).hex()}
out["methods"]["fips"] = row

# 5.3.4.1: the client random encrypted with the server key of ../pdu/gcc/server_security_data_rsa.bin
d = open("../pdu/gcc/server_security_data_rsa.bin", "rb").read()
_, _, rl, cl = struct.unpack("<IIII", d[:16]); cert = d[16 + rl:16 + rl + cl]
blob = cert[16:16 + struct.unpack("<H", cert[14:16])[0]]
e = struct.unpack("<I", blob[16:20])[0]; n = blob[20:20 + struct.unpack("<I", blob[4:8])[0] - 8]
c = pow(int.from_bytes(CR, "little"), e, int.from_bytes(n, "little")).to_bytes(len(n), "little") + b"\0" * 8
out["encrypted_client_random"] = c.hex()
print(json.dumps(out, indent=1))
