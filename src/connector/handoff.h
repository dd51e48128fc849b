/* What the session takes over from the connector besides the public connection
 * result: the Standard RDP Security state (keys, RC4 streams, packet counts),
 * which must carry on exactly where the connection sequence left it. Internal. */
#ifndef WRDP_CONNECTOR_HANDOFF_H
#define WRDP_CONNECTOR_HANDOFF_H

#include "webrdp/connector.h"
#include "crypto/rdp_security.h"

/* The security state once connected under Standard RDP Security with encryption,
 * else NULL. It belongs to the connector: copy it before wrdp_connector_free. */
wrdp_rdp_security *wrdp_connector_rdp_security(wrdp_connector *c);
/* The 32-byte client random of the security exchange (the auto-reconnect verifier's
 * input under Standard RDP Security), or NULL when there was none. */
const uint8_t *wrdp_connector_client_random(const wrdp_connector *c);

#endif
