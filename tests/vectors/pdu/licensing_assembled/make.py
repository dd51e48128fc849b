#!/usr/bin/env python3
"""Builds whole licensing PDUs out of the IronRDP fragments in ../licensing/,
the way IronRDP's own tests concatenate them (see README.md). Run from this folder."""
import struct

L = "../licensing/"
def rd(name): return open(L + name, "rb").read()
def blob(t, data): return struct.pack("<HH", t, len(data)) + data
def put(name, data): open(name, "wb").write(data)
def strip(pdu): return pdu[4:]  # drop the basic security header

SEC = bytes.fromhex("80000000")

# Server License Request with an X.509 chain (IronRDP server_license_request/tests.rs);
# wMsgSize counts the security header (0x089c), as Windows does.
body = (rd("server_license_request__server_random_buffer.bin") + rd("server_license_request__product_info_buffer.bin")
        + rd("server_license_request__key_exchange_list_buffer.bin")
        + rd("server_license_request__server_certificate_header_buffer_with_blob.bin")
        + rd("server_license_request__cert_header_buffer.bin") + rd("server_license_request__cert_1_buffer.bin")
        + rd("server_license_request__cert_2_len_buffer.bin") + rd("server_license_request__cert_2_buffer.bin")
        + rd("server_license_request__padding_buffer.bin") + rd("server_license_request__scope_buffer_with_count.bin"))
req = rd("server_license_request__license_header_buffer_with_cert.bin") + body
put("server_license_request.bin", req)
put("server_license_request_msg.bin", strip(req))
# ... and without a certificate (empty BB_CERTIFICATE_BLOB), wMsgSize 0x008a.
req = (rd("server_license_request__license_header_buffer_no_cert.bin")
       + rd("server_license_request__server_random_buffer.bin") + rd("server_license_request__product_info_buffer.bin")
       + rd("server_license_request__key_exchange_list_buffer.bin") + bytes.fromhex("03000000")
       + rd("server_license_request__scope_buffer_with_count.bin"))
put("server_license_request_no_cert.bin", req)

# Client New License Request (IronRDP client_new_license_request/tests.rs REQUEST_BUFFER).
body = (struct.pack("<II", 1, 0x04010000) + rd("client_new_license_request__client_random_buffer.bin")
        + blob(0x0002, rd("client_new_license_request__encrypted_premaster_secret.bin"))
        + blob(0x000F, b"sample-user\0") + blob(0x0010, b"sample-machine-name\0"))
req = rd("client_new_license_request__license_header_buffer_no_size.bin") + struct.pack("<H", len(body) + 4) + body
put("client_new_license_request.bin", req)
put("client_new_license_request_msg.bin", strip(req))

# The whole-PDU vectors of ../licensing/ without their security header.
put("server_platform_challenge_msg.bin", strip(rd("server_platform_challenge__platform_challenge_buffer.bin")))
put("server_new_license_msg.bin", strip(rd("server_upgrade_license__server_upgrade_license_buffer.bin")))
put("client_platform_challenge_response_msg.bin",
    strip(rd("client_platform_challenge_response__client_platform_challenge_response_buffer.bin")))
put("error_valid_client_msg.bin", strip(rd("common__status_valid_client_buffer.bin")))
# IronRDP licensing_error_message/test.rs: header (wMsgSize 0x14, security header counted) + message.
put("error_valid_client.bin", rd("licensing_error_message__header_message_buffer.bin")
    + rd("licensing_error_message__license_message_buffer.bin"))

# Synthetic (our own composition, no source implementation produced these bytes):
# an Upgrade License = the New License vector with bMsgType UPGRADE_LICENSE (same layout, 2.2.2.6) ...
up = bytearray(rd("server_upgrade_license__server_upgrade_license_buffer.bin")); up[4] = 0x04
put("server_upgrade_license.bin", bytes(up))
put("server_upgrade_license_msg.bin", strip(bytes(up)))
# ... and a Client License Information made of the fragments above (2.2.2.3).
body = (struct.pack("<II", 1, 0x04010000) + rd("client_new_license_request__client_random_buffer.bin")
        + blob(0x0002, rd("client_new_license_request__encrypted_premaster_secret.bin"))
        + blob(0x0001, rd("server_license_request__cert_1_buffer.bin"))
        + blob(0x0009, bytes.fromhex("f8b5e8253d0f3f701dda601916fe731a457e0271"))
        + rd("server_upgrade_license__mac_data.bin"))
info = SEC + struct.pack("<BBH", 0x12, 0x03, len(body) + 4) + body
put("client_license_info.bin", info)
put("client_license_info_msg.bin", strip(info))

# Must-fail inputs.
put("err_product_info_odd_length.bin", bytes.fromhex("00000600" "01000000" "00" "00000000"))  # IronRDP invalid strings test
put("err_scope_list_too_many.bin", struct.pack("<I", 0x01000000))
put("err_not_license_pkt.bin", bytes.fromhex("08000000") + rd("common__status_valid_client_buffer.bin")[4:])
put("err_unknown_msg_type.bin", bytes.fromhex("80000000" "05031000") + rd("licensing_error_message__license_message_buffer.bin"))
put("err_key_exchange_list_len.bin", bytes.fromhex("0d00030001000000")[:7])
