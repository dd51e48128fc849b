/* Entry points the session uses to carry on with the connector's machinery
 * after the connection sequence: sending PDUs through the same security and
 * MCS layers, answering auto-detect requests, and re-running the capability
 * exchange and finalization after a Server Deactivate All (MS-RDPBCGR 1.3.1.3).
 * Internal (added for the session; the rest of the connector is unchanged). */
#ifndef WRDP_CONNECTOR_SESSION_HOOKS_H
#define WRDP_CONNECTOR_SESSION_HOOKS_H

#include <stdbool.h>

#include "webrdp/connector.h"

/* Sends `body` on `channel_id` with the connector's security layer (encrypted and
 * signed under Standard RDP Security) inside an MCS Send Data Request. sec_flags as
 * for the connector's own PDUs (0 for share control PDUs, SEC_AUTODETECT_RSP, ...). */
int wrdp_connector_send_pdu(wrdp_connector *c, uint16_t channel_id, uint16_t sec_flags, const uint8_t *body,
                            size_t len, wrdp_writer *out);
/* Writes an MCS Disconnect Provider Ultimatum (rn-user-requested). */
int wrdp_connector_send_disconnect(wrdp_connector *c, wrdp_writer *out);
/* Answers one auto-detect request (the data after the security header). */
int wrdp_connector_autodetect(wrdp_connector *c, uint16_t channel_id, const uint8_t *data, size_t len,
                              wrdp_writer *out);
/* After a Deactivate All: back to the capabilities exchange. */
void wrdp_connector_deactivate(wrdp_connector *c);
/* During reactivation: one Share Control PDU (Demand Active, or a finalization
 * Share Data PDU), decrypted. The connector is connected again once the Font Map
 * came (wrdp_connector_is_connected). */
int wrdp_connector_reactivation_pdu(wrdp_connector *c, const uint8_t *data, size_t len, wrdp_writer *out);
/* The bulk compression level the connector asked for (-1 none), and the Multifragment
 * Update MaxRequestSize it advertised. */
int wrdp_connector_compression(const wrdp_connector *c);
uint32_t wrdp_connector_max_request_size(const wrdp_connector *c);
/* Whether the Confirm Active carried the Frame Acknowledge capability. */
bool wrdp_connector_advertised_frame_ack(const wrdp_connector *c);
/* Whether Standard RDP Security uses FIPS (TS_FP_FIPS_INFO on fast-path PDUs). */
bool wrdp_connector_fips(const wrdp_connector *c);
/* Whether every slow-path PDU carries a security header (Standard RDP Security with encryption). */
bool wrdp_connector_security_headers(const wrdp_connector *c);

#endif
