/* GCC Conference Create Request / Response (MS-RDPBCGR 2.2.1.3 / 2.2.1.4,
 * T.124 ConnectData in aligned PER) and the settings block lists they carry. */
#include <string.h>

#include "core/asn1.h"
#include "webrdp/pdu.h"

static const uint8_t t124_oid[6] = {0, 0, 20, 124, 0, 1};

/* ---- block lists -------------------------------------------------------------- */

/* Writes a TS_UD_HEADER whose length is patched by block_end. */
static size_t block_begin(wrdp_writer *w, uint16_t type)
{
    size_t mark = w->len;
    wrdp_wr_u16le(w, type);
    wrdp_wr_u16le(w, 0);
    return mark;
}

static int block_end(wrdp_writer *w, size_t mark)
{
    if (w->failed)
        return WRDP_ERR;
    size_t len = w->len - mark;
    if (len > 0xFFFF)
        return wrdp_writer_fail(w, "GCC block of %zu bytes does not fit its 16-bit length", len);
    wrdp_wr_put_u16le_at(w, mark + 2, (uint16_t)len);
    return wrdp_writer_status(w);
}

/* Reads one header and hands back the body; *type is the block type. */
static int block_header(wrdp_cursor *c, uint16_t *type, wrdp_cursor *body, size_t count)
{
    *type = wrdp_rd_u16le(c, "TS_UD_HEADER.type");
    uint16_t len = wrdp_rd_u16le(c, "TS_UD_HEADER.length");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (len < 4)
        return wrdp_cursor_fail(c, "TS_UD_HEADER.length", "%u, shorter than the header", len);
    if (count >= WRDP_GCC_BLOCKS_MAX)
        return wrdp_cursor_fail(c, "TS_UD_HEADER", "more than %d blocks", WRDP_GCC_BLOCKS_MAX);
    return wrdp_cursor_sub(c, (size_t)len - 4, body, "TS_UD_HEADER.length");
}

static int other_decode(wrdp_cursor *body, uint16_t type, wrdp_gcc_other_block *other, size_t *count)
{
    if (*count >= WRDP_GCC_OTHER_BLOCKS_MAX)
        return wrdp_cursor_fail(body, "TS_UD_HEADER.type", "more than %d blocks of unknown types",
                                WRDP_GCC_OTHER_BLOCKS_MAX);
    other[*count].type = type;
    other[*count].data = wrdp_rd_rest(body);
    (*count)++;
    return WRDP_OK;
}

static int duplicate(wrdp_cursor *c, bool *present, uint16_t type)
{
    if (*present)
        return wrdp_cursor_fail(c, "TS_UD_HEADER.type", "block 0x%04x appears twice", type);
    *present = true;
    return WRDP_OK;
}

int wrdp_gcc_client_data_blocks_decode(wrdp_cursor *c, wrdp_gcc_client_data_blocks *out)
{
    memset(out, 0, sizeof *out);
    while (wrdp_cursor_ok(c) && wrdp_cursor_remaining(c) > 0) {
        uint16_t type;
        wrdp_cursor b;
        if (block_header(c, &type, &b, out->blockCount))
            return WRDP_ERR;
        int rc;
        switch (type) {
        case WRDP_CS_CORE:
            rc = duplicate(&b, &out->clientCoreDataPresent, type) ||
                 wrdp_gcc_client_core_data_decode(&b, &out->clientCoreData);
            break;
        case WRDP_CS_SECURITY:
            rc = duplicate(&b, &out->clientSecurityDataPresent, type) ||
                 wrdp_gcc_client_security_data_decode(&b, &out->clientSecurityData);
            break;
        case WRDP_CS_NET:
            rc = duplicate(&b, &out->clientNetworkDataPresent, type) ||
                 wrdp_gcc_client_network_data_decode(&b, &out->clientNetworkData);
            break;
        case WRDP_CS_CLUSTER:
            rc = duplicate(&b, &out->clientClusterDataPresent, type) ||
                 wrdp_gcc_client_cluster_data_decode(&b, &out->clientClusterData);
            break;
        case WRDP_CS_MONITOR:
            rc = duplicate(&b, &out->clientMonitorDataPresent, type) ||
                 wrdp_gcc_client_monitor_data_decode(&b, &out->clientMonitorData);
            break;
        case WRDP_CS_MCS_MSGCHANNEL:
            rc = duplicate(&b, &out->clientMessageChannelDataPresent, type) ||
                 wrdp_gcc_client_message_channel_data_decode(&b, &out->clientMessageChannelData);
            break;
        case WRDP_CS_MONITOR_EX:
            rc = duplicate(&b, &out->clientMonitorExtendedDataPresent, type) ||
                 wrdp_gcc_client_monitor_extended_data_decode(&b, &out->clientMonitorExtendedData);
            break;
        case WRDP_CS_MULTITRANSPORT:
            rc = duplicate(&b, &out->clientMultitransportChannelDataPresent, type) ||
                 wrdp_gcc_client_multitransport_channel_data_decode(&b, &out->clientMultitransportChannelData);
            break;
        default: rc = other_decode(&b, type, out->other, &out->otherCount); break;
        }
        if (rc || wrdp_cursor_expect_end(&b))
            return WRDP_ERR;
        out->blockTypes[out->blockCount++] = type;
    }
    if (wrdp_cursor_ok(c) && out->blockCount == 0)
        return wrdp_cursor_fail(c, "TS_UD_HEADER", "no data blocks");
    return wrdp_cursor_status(c);
}

/* The types to write: the recorded order, or the usual one for the present blocks. */
static size_t order_or_default(size_t count, const uint16_t *recorded, const uint16_t *known, const bool *present,
                               size_t nknown, const wrdp_gcc_other_block *other, size_t otherCount,
                               uint16_t out[WRDP_GCC_BLOCKS_MAX + WRDP_GCC_OTHER_BLOCKS_MAX + 8])
{
    size_t n = 0;
    if (count) {
        for (size_t i = 0; i < count && i < WRDP_GCC_BLOCKS_MAX; i++)
            out[n++] = recorded[i];
        return n;
    }
    for (size_t i = 0; i < nknown; i++)
        if (present[i])
            out[n++] = known[i];
    for (size_t i = 0; i < otherCount && i < WRDP_GCC_OTHER_BLOCKS_MAX; i++)
        out[n++] = other[i].type;
    return n;
}

/* Common checks of a block list before it is written. */
static int check_list(wrdp_writer *w, const char *what, size_t count, size_t otherCount, size_t npresent,
                      size_t written)
{
    if (count > WRDP_GCC_BLOCKS_MAX || otherCount > WRDP_GCC_OTHER_BLOCKS_MAX)
        return wrdp_writer_fail(w, "%s: too many blocks", what);
    if (written != npresent + otherCount)
        return wrdp_writer_fail(w, "%s: blockTypes does not list each present block once", what);
    return WRDP_OK;
}

int wrdp_gcc_client_data_blocks_encode(const wrdp_gcc_client_data_blocks *in, wrdp_writer *w)
{
    static const uint16_t known[8] = {WRDP_CS_CORE,           WRDP_CS_SECURITY,   WRDP_CS_NET,
                                      WRDP_CS_CLUSTER,        WRDP_CS_MONITOR,    WRDP_CS_MCS_MSGCHANNEL,
                                      WRDP_CS_MONITOR_EX,     WRDP_CS_MULTITRANSPORT};
    const bool present[8] = {in->clientCoreDataPresent,     in->clientSecurityDataPresent,
                             in->clientNetworkDataPresent,  in->clientClusterDataPresent,
                             in->clientMonitorDataPresent,  in->clientMessageChannelDataPresent,
                             in->clientMonitorExtendedDataPresent, in->clientMultitransportChannelDataPresent};
    size_t npresent = 0;
    for (int i = 0; i < 8; i++)
        npresent += present[i];
    uint16_t types[WRDP_GCC_BLOCKS_MAX + WRDP_GCC_OTHER_BLOCKS_MAX + 8];
    size_t n = order_or_default(in->blockCount, in->blockTypes, known, present, 8, in->other, in->otherCount, types);
    if (in->blockCount > WRDP_GCC_BLOCKS_MAX || in->otherCount > WRDP_GCC_OTHER_BLOCKS_MAX)
        return wrdp_writer_fail(w, "client data blocks: too many blocks");
    bool seen[8] = {false};
    size_t k = 0, written = 0;
    for (size_t i = 0; i < n; i++) {
        uint16_t type = types[i];
        int idx = -1;
        for (int j = 0; j < 8; j++)
            if (known[j] == type)
                idx = j;
        if (idx >= 0 && (!present[idx] || seen[idx]))
            return wrdp_writer_fail(w, "client data blocks: block 0x%04x absent or listed twice", type);
        if (idx < 0 && (k >= in->otherCount || in->other[k].type != type))
            return wrdp_writer_fail(w, "client data blocks: blockTypes and other[] disagree at 0x%04x", type);
        size_t mark = block_begin(w, type);
        switch (idx) {
        case 0: wrdp_gcc_client_core_data_encode(&in->clientCoreData, w); break;
        case 1: wrdp_gcc_client_security_data_encode(&in->clientSecurityData, w); break;
        case 2: wrdp_gcc_client_network_data_encode(&in->clientNetworkData, w); break;
        case 3: wrdp_gcc_client_cluster_data_encode(&in->clientClusterData, w); break;
        case 4: wrdp_gcc_client_monitor_data_encode(&in->clientMonitorData, w); break;
        case 5: wrdp_gcc_client_message_channel_data_encode(&in->clientMessageChannelData, w); break;
        case 6: wrdp_gcc_client_monitor_extended_data_encode(&in->clientMonitorExtendedData, w); break;
        case 7: wrdp_gcc_client_multitransport_channel_data_encode(&in->clientMultitransportChannelData, w); break;
        default: wrdp_wr_bytes(w, in->other[k].data.data, in->other[k].data.len); k++; break;
        }
        if (idx >= 0)
            seen[idx] = true;
        written++;
        if (block_end(w, mark))
            return WRDP_ERR;
    }
    if (written == 0)
        return wrdp_writer_fail(w, "client data blocks: no blocks");
    if (check_list(w, "client data blocks", in->blockCount, in->otherCount, npresent, written))
        return WRDP_ERR;
    return wrdp_writer_status(w);
}

int wrdp_gcc_server_data_blocks_decode(wrdp_cursor *c, wrdp_gcc_server_data_blocks *out)
{
    memset(out, 0, sizeof *out);
    while (wrdp_cursor_ok(c) && wrdp_cursor_remaining(c) > 0) {
        uint16_t type;
        wrdp_cursor b;
        if (block_header(c, &type, &b, out->blockCount))
            return WRDP_ERR;
        int rc;
        switch (type) {
        case WRDP_SC_CORE:
            rc = duplicate(&b, &out->serverCoreDataPresent, type) ||
                 wrdp_gcc_server_core_data_decode(&b, &out->serverCoreData);
            break;
        case WRDP_SC_SECURITY:
            rc = duplicate(&b, &out->serverSecurityDataPresent, type) ||
                 wrdp_gcc_server_security_data_decode(&b, &out->serverSecurityData);
            break;
        case WRDP_SC_NET:
            rc = duplicate(&b, &out->serverNetworkDataPresent, type) ||
                 wrdp_gcc_server_network_data_decode(&b, &out->serverNetworkData);
            break;
        case WRDP_SC_MCS_MSGCHANNEL:
            rc = duplicate(&b, &out->serverMessageChannelDataPresent, type) ||
                 wrdp_gcc_server_message_channel_data_decode(&b, &out->serverMessageChannelData);
            break;
        case WRDP_SC_MULTITRANSPORT:
            rc = duplicate(&b, &out->serverMultitransportChannelDataPresent, type) ||
                 wrdp_gcc_server_multitransport_channel_data_decode(&b, &out->serverMultitransportChannelData);
            break;
        default: rc = other_decode(&b, type, out->other, &out->otherCount); break;
        }
        if (rc || wrdp_cursor_expect_end(&b))
            return WRDP_ERR;
        out->blockTypes[out->blockCount++] = type;
    }
    if (wrdp_cursor_ok(c) && out->blockCount == 0)
        return wrdp_cursor_fail(c, "TS_UD_HEADER", "no data blocks");
    return wrdp_cursor_status(c);
}

int wrdp_gcc_server_data_blocks_encode(const wrdp_gcc_server_data_blocks *in, wrdp_writer *w)
{
    static const uint16_t known[5] = {WRDP_SC_CORE, WRDP_SC_SECURITY, WRDP_SC_NET, WRDP_SC_MCS_MSGCHANNEL,
                                      WRDP_SC_MULTITRANSPORT};
    /* usual order: core, network, security, then the rest */
    static const uint16_t usual[5] = {WRDP_SC_CORE, WRDP_SC_NET, WRDP_SC_SECURITY, WRDP_SC_MCS_MSGCHANNEL,
                                      WRDP_SC_MULTITRANSPORT};
    const bool present[5] = {in->serverCoreDataPresent, in->serverSecurityDataPresent, in->serverNetworkDataPresent,
                             in->serverMessageChannelDataPresent, in->serverMultitransportChannelDataPresent};
    const bool present_usual[5] = {present[0], present[2], present[1], present[3], present[4]};
    size_t npresent = 0;
    for (int i = 0; i < 5; i++)
        npresent += present[i];
    uint16_t types[WRDP_GCC_BLOCKS_MAX + WRDP_GCC_OTHER_BLOCKS_MAX + 8];
    size_t n = order_or_default(in->blockCount, in->blockTypes, usual, present_usual, 5, in->other, in->otherCount,
                                types);
    if (in->blockCount > WRDP_GCC_BLOCKS_MAX || in->otherCount > WRDP_GCC_OTHER_BLOCKS_MAX)
        return wrdp_writer_fail(w, "server data blocks: too many blocks");
    bool seen[5] = {false};
    size_t k = 0, written = 0;
    for (size_t i = 0; i < n; i++) {
        uint16_t type = types[i];
        int idx = -1;
        for (int j = 0; j < 5; j++)
            if (known[j] == type)
                idx = j;
        if (idx >= 0 && (!present[idx] || seen[idx]))
            return wrdp_writer_fail(w, "server data blocks: block 0x%04x absent or listed twice", type);
        if (idx < 0 && (k >= in->otherCount || in->other[k].type != type))
            return wrdp_writer_fail(w, "server data blocks: blockTypes and other[] disagree at 0x%04x", type);
        size_t mark = block_begin(w, type);
        switch (idx) {
        case 0: wrdp_gcc_server_core_data_encode(&in->serverCoreData, w); break;
        case 1: wrdp_gcc_server_security_data_encode(&in->serverSecurityData, w); break;
        case 2: wrdp_gcc_server_network_data_encode(&in->serverNetworkData, w); break;
        case 3: wrdp_gcc_server_message_channel_data_encode(&in->serverMessageChannelData, w); break;
        case 4: wrdp_gcc_server_multitransport_channel_data_encode(&in->serverMultitransportChannelData, w); break;
        default: wrdp_wr_bytes(w, in->other[k].data.data, in->other[k].data.len); k++; break;
        }
        if (idx >= 0)
            seen[idx] = true;
        written++;
        if (block_end(w, mark))
            return WRDP_ERR;
    }
    if (written == 0)
        return wrdp_writer_fail(w, "server data blocks: no blocks");
    if (check_list(w, "server data blocks", in->blockCount, in->otherCount, npresent, written))
        return WRDP_ERR;
    return wrdp_writer_status(w);
}

/* ---- T.124 pieces ----------------------------------------------------------------- */

static int expect_u8(wrdp_cursor *c, uint8_t want, const char *field, const char *what)
{
    uint8_t v = wrdp_rd_u8(c, field);
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (v != want)
        return wrdp_cursor_fail(c, field, "0x%02x, expected 0x%02x (%s)", v, want, what);
    return WRDP_OK;
}

/* ConnectData up to and including the connectPDU length. */
static int connect_data_decode(wrdp_cursor *c, uint16_t *connectPDULength)
{
    if (expect_u8(c, 0, "t124Identifier", "object identifier key") ||
        wrdp_per_read_object_identifier(c, t124_oid, "t124Identifier"))
        return WRDP_ERR;
    return wrdp_per_read_length(c, connectPDULength, "connectPDU length");
}

/* UserData SET OF with one h221NonStandard key; returns the value as a sub-cursor. */
static int user_data_decode(wrdp_cursor *c, const char key[4], wrdp_cursor *value)
{
    wrdp_bytes k;
    if (expect_u8(c, 1, "userData", "one user data set") ||
        expect_u8(c, 0xC0, "userData.key", "h221NonStandard key with a value") ||
        wrdp_per_read_octet_string(c, &k, 4, "h221NonStandard"))
        return WRDP_ERR;
    if (k.len != 4 || memcmp(k.data, key, 4) != 0)
        return wrdp_cursor_fail(c, "h221NonStandard", "unexpected key, expected \"%.4s\"", key);
    uint16_t len;
    if (wrdp_per_read_length(c, &len, "userData.value length"))
        return WRDP_ERR;
    return wrdp_cursor_sub(c, len, value, "userData.value");
}

static void user_data_begin(wrdp_writer *w, const char key[4])
{
    wrdp_wr_u8(w, 1);
    wrdp_wr_u8(w, 0xC0);
    wrdp_per_write_octet_string(w, key, 4, 4);
}

/* Inserts a PER length in front of the bytes written since mark. */
static int insert_length(wrdp_writer *w, size_t mark, size_t len)
{
    if (w->failed)
        return WRDP_ERR;
    if (len > 0x7FFF)
        return wrdp_writer_fail(w, "GCC: PER length %zu over 32767", len);
    size_t n = len >= 0x80 ? 2 : 1;
    uint8_t *p = wrdp_wr_insert(w, mark, n);
    if (!p)
        return WRDP_ERR;
    if (n == 2) {
        p[0] = (uint8_t)(0x80 | (len >> 8));
        p[1] = (uint8_t)len;
    } else {
        p[0] = (uint8_t)len;
    }
    return WRDP_OK;
}

/* ---- Conference Create Request ----------------------------------------------------------- */

int wrdp_gcc_conference_create_request_decode(wrdp_cursor *c, wrdp_gcc_conference_create_request *out)
{
    memset(out, 0, sizeof *out);
    if (connect_data_decode(c, &out->connectPDULength) ||
        expect_u8(c, 0x00, "ConnectGCCPDU", "conferenceCreateRequest") ||
        expect_u8(c, 0x08, "ConferenceCreateRequest", "only userData present"))
        return WRDP_ERR;
    uint16_t len;
    if (wrdp_per_read_length(c, &len, "conferenceName"))
        return WRDP_ERR;
    size_t chars = (size_t)len + 1;
    if (chars > WRDP_GCC_CONFERENCE_NAME_MAX)
        return wrdp_cursor_fail(c, "conferenceName", "%zu digits, at most %d", chars, WRDP_GCC_CONFERENCE_NAME_MAX);
    for (size_t i = 0; i < chars; i += 2) {
        uint8_t b = wrdp_rd_u8(c, "conferenceName");
        if (!wrdp_cursor_ok(c))
            return WRDP_ERR;
        uint8_t hi = b >> 4, lo = b & 15;
        if (hi > 9 || (i + 1 < chars && lo > 9))
            return wrdp_cursor_fail(c, "conferenceName", "0x%02x is not two digits", b);
        out->conferenceName[i] = (char)('0' + hi);
        if (i + 1 < chars)
            out->conferenceName[i + 1] = (char)('0' + lo);
    }
    wrdp_cursor value;
    if (expect_u8(c, 0x00, "ConferenceCreateRequest.flags", "unlocked, unlisted, not conductible, automatic") ||
        user_data_decode(c, "Duca", &value))
        return WRDP_ERR;
    if (wrdp_gcc_client_data_blocks_decode(&value, &out->userData))
        return WRDP_ERR;
    return wrdp_cursor_status(c);
}

int wrdp_gcc_conference_create_request_encode(const wrdp_gcc_conference_create_request *in, wrdp_writer *w)
{
    const char *nul = memchr(in->conferenceName, 0, sizeof in->conferenceName);
    size_t nlen = nul ? (size_t)(nul - in->conferenceName) : sizeof in->conferenceName;
    if (nlen == 0 || nlen > WRDP_GCC_CONFERENCE_NAME_MAX)
        return wrdp_writer_fail(w, "conference create request: conferenceName must have 1 to %d digits",
                                WRDP_GCC_CONFERENCE_NAME_MAX);
    for (size_t i = 0; i < nlen; i++)
        if (in->conferenceName[i] < '0' || in->conferenceName[i] > '9')
            return wrdp_writer_fail(w, "conference create request: conferenceName is not all digits");
    wrdp_wr_u8(w, 0);
    wrdp_per_write_object_identifier(w, t124_oid);
    size_t pdu = w->len;
    wrdp_wr_u8(w, 0x00);
    wrdp_wr_u8(w, 0x08);
    wrdp_per_write_numeric_string(w, in->conferenceName, nlen, 1);
    wrdp_wr_u8(w, 0x00);
    user_data_begin(w, "Duca");
    size_t value = w->len;
    if (wrdp_gcc_client_data_blocks_encode(&in->userData, w) || insert_length(w, value, w->len - value))
        return WRDP_ERR;
    size_t len = in->connectPDULength ? in->connectPDULength : w->len - pdu;
    if (insert_length(w, pdu, len))
        return WRDP_ERR;
    return wrdp_writer_status(w);
}

/* ---- Conference Create Response ------------------------------------------------------------ */

int wrdp_gcc_conference_create_response_decode(wrdp_cursor *c, wrdp_gcc_conference_create_response *out)
{
    memset(out, 0, sizeof *out);
    if (connect_data_decode(c, &out->connectPDULength) ||
        expect_u8(c, 0x14, "ConnectGCCPDU", "conferenceCreateResponse with userData") ||
        wrdp_per_read_integer16(c, &out->nodeID, WRDP_GCC_NODE_ID_MIN, "nodeID") ||
        wrdp_per_read_integer(c, &out->tag, "tag"))
        return WRDP_ERR;
    out->result = wrdp_rd_u8(c, "result");
    wrdp_cursor value;
    if (!wrdp_cursor_ok(c) || user_data_decode(c, "McDn", &value))
        return WRDP_ERR;
    if (wrdp_gcc_server_data_blocks_decode(&value, &out->userData))
        return WRDP_ERR;
    return wrdp_cursor_status(c);
}

int wrdp_gcc_conference_create_response_encode(const wrdp_gcc_conference_create_response *in, wrdp_writer *w)
{
    wrdp_wr_u8(w, 0);
    wrdp_per_write_object_identifier(w, t124_oid);
    size_t pdu = w->len;
    wrdp_wr_u8(w, 0x14);
    wrdp_per_write_integer16(w, in->nodeID, WRDP_GCC_NODE_ID_MIN);
    wrdp_per_write_integer(w, in->tag);
    wrdp_wr_u8(w, in->result);
    user_data_begin(w, "McDn");
    size_t value = w->len;
    if (wrdp_gcc_server_data_blocks_encode(&in->userData, w) || insert_length(w, value, w->len - value))
        return WRDP_ERR;
    size_t len = in->connectPDULength ? in->connectPDULength : w->len - pdu;
    if (insert_length(w, pdu, len))
        return WRDP_ERR;
    return wrdp_writer_status(w);
}
