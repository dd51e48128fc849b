#!/usr/bin/env python3
"""Builds server_license_request_for_client_new_license_request_msg.bin: the Server
License Request that IronRDP's client_new_license_request_creates_correctly test
answers (SERVER_LICENSE_REQUEST in crates/ironrdp-pdu/src/rdp/server_license/
client_new_license_request/tests.rs, IronRDP 18e259cd, MIT OR Apache-2.0): that
file's SERVER_RANDOM_BUFFER and its two inline X.509 certificates, with the product
info, key exchange list and scope list fragments of ../pdu/licensing/. Preamble on
(no security header). Usage: python3 make.py <path to that tests.rs>"""
import re, struct, sys

src = open(sys.argv[1]).read()
L = "../pdu/licensing/"
rd = lambda n: open(L + n, "rb").read()
def arr(text): return bytes(int(x, 16) for x in re.findall(r"0x([0-9a-fA-F]{1,2})", text))

i = src.index("const SERVER_RANDOM_BUFFER")
server_random = arr(src[src.index("[", src.index("=", i)):src.index("];", i)])
assert len(server_random) == 32
i = src.index("certificate_array: vec![")
certs = [arr(m) for m in re.findall(r"vec!\[(.*?)\]", src[i + len("certificate_array: vec!["):], re.S)[:2]]
assert [len(c) for c in certs] == [0x3da + 4, 0x459 + 4]

chain = struct.pack("<II", 0x80000002, len(certs))
for c in certs:
    chain += struct.pack("<I", len(c)) + c
chain += b"\0" * (8 + 4 * len(certs))
body = (server_random + rd("server_license_request__product_info_buffer.bin")
        + rd("server_license_request__key_exchange_list_buffer.bin")
        + struct.pack("<HH", 0x0003, len(chain)) + chain
        + rd("server_license_request__scope_buffer_with_count.bin"))
msg = struct.pack("<BBH", 0x01, 0x03, len(body) + 4) + body
open("server_license_request_for_client_new_license_request_msg.bin", "wb").write(msg)
