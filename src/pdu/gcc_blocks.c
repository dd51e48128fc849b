/* Client and server settings data blocks (MS-RDPBCGR 2.2.1.3.2 - 2.2.1.3.9,
 * 2.2.1.4.2 - 2.2.1.4.6), each read from its body (after the TS_UD_HEADER),
 * and the server certificate (2.2.1.4.3.1). */
#include <string.h>

#include "webrdp/pdu.h"

/* ---- Client Core Data ------------------------------------------------------ */

static const uint8_t core_optional_size[WRDP_GCC_CORE_OPTIONAL_FIELDS] = {2, 2, 4, 2, 2, 2, 64, 1, 1, 4, 4, 4, 2, 4, 4};

static void core_read_optional(wrdp_cursor *c, wrdp_gcc_client_core_data *o, int i)
{
    switch (i) {
    case 0: o->postBeta2ColorDepth = wrdp_rd_u16le(c, "postBeta2ColorDepth"); break;
    case 1: o->clientProductId = wrdp_rd_u16le(c, "clientProductId"); break;
    case 2: o->serialNumber = wrdp_rd_u32le(c, "serialNumber"); break;
    case 3: o->highColorDepth = wrdp_rd_u16le(c, "highColorDepth"); break;
    case 4: o->supportedColorDepths = wrdp_rd_u16le(c, "supportedColorDepths"); break;
    case 5: o->earlyCapabilityFlags = wrdp_rd_u16le(c, "earlyCapabilityFlags"); break;
    case 6: wrdp_rd_copy(c, o->clientDigProductId, 64, "clientDigProductId"); break;
    case 7: o->connectionType = wrdp_rd_u8(c, "connectionType"); break;
    case 8: o->pad1octet = wrdp_rd_u8(c, "pad1octet"); break;
    case 9: o->serverSelectedProtocol = wrdp_rd_u32le(c, "serverSelectedProtocol"); break;
    case 10: o->desktopPhysicalWidth = wrdp_rd_u32le(c, "desktopPhysicalWidth"); break;
    case 11: o->desktopPhysicalHeight = wrdp_rd_u32le(c, "desktopPhysicalHeight"); break;
    case 12: o->desktopOrientation = wrdp_rd_u16le(c, "desktopOrientation"); break;
    case 13: o->desktopScaleFactor = wrdp_rd_u32le(c, "desktopScaleFactor"); break;
    default: o->deviceScaleFactor = wrdp_rd_u32le(c, "deviceScaleFactor"); break;
    }
}

static void core_write_optional(wrdp_writer *w, const wrdp_gcc_client_core_data *o, int i)
{
    switch (i) {
    case 0: wrdp_wr_u16le(w, o->postBeta2ColorDepth); break;
    case 1: wrdp_wr_u16le(w, o->clientProductId); break;
    case 2: wrdp_wr_u32le(w, o->serialNumber); break;
    case 3: wrdp_wr_u16le(w, o->highColorDepth); break;
    case 4: wrdp_wr_u16le(w, o->supportedColorDepths); break;
    case 5: wrdp_wr_u16le(w, o->earlyCapabilityFlags); break;
    case 6: wrdp_wr_bytes(w, o->clientDigProductId, 64); break;
    case 7: wrdp_wr_u8(w, o->connectionType); break;
    case 8: wrdp_wr_u8(w, o->pad1octet); break;
    case 9: wrdp_wr_u32le(w, o->serverSelectedProtocol); break;
    case 10: wrdp_wr_u32le(w, o->desktopPhysicalWidth); break;
    case 11: wrdp_wr_u32le(w, o->desktopPhysicalHeight); break;
    case 12: wrdp_wr_u16le(w, o->desktopOrientation); break;
    case 13: wrdp_wr_u32le(w, o->desktopScaleFactor); break;
    default: wrdp_wr_u32le(w, o->deviceScaleFactor); break;
    }
}

int wrdp_gcc_client_core_data_decode(wrdp_cursor *c, wrdp_gcc_client_core_data *out)
{
    memset(out, 0, sizeof *out);
    out->version = wrdp_rd_u32le(c, "version");
    out->desktopWidth = wrdp_rd_u16le(c, "desktopWidth");
    out->desktopHeight = wrdp_rd_u16le(c, "desktopHeight");
    out->colorDepth = wrdp_rd_u16le(c, "colorDepth");
    out->SASSequence = wrdp_rd_u16le(c, "SASSequence");
    out->keyboardLayout = wrdp_rd_u32le(c, "keyboardLayout");
    out->clientBuild = wrdp_rd_u32le(c, "clientBuild");
    wrdp_rd_copy(c, out->clientName, sizeof out->clientName, "clientName");
    out->keyboardType = wrdp_rd_u32le(c, "keyboardType");
    out->keyboardSubType = wrdp_rd_u32le(c, "keyboardSubType");
    out->keyboardFunctionKey = wrdp_rd_u32le(c, "keyboardFunctionKey");
    wrdp_rd_copy(c, out->imeFileName, sizeof out->imeFileName, "imeFileName");
    /* Each optional field is present only if all the earlier ones are; a
     * field cut in the middle is an error. */
    for (int i = 0; i < WRDP_GCC_CORE_OPTIONAL_FIELDS; i++) {
        size_t left = wrdp_cursor_remaining(c);
        if (!wrdp_cursor_ok(c) || left == 0)
            break;
        if (left < core_optional_size[i])
            return wrdp_cursor_fail(c, "optional fields", "%zu bytes left, a partial optional field #%d", left,
                                    i + 1);
        core_read_optional(c, out, i);
        out->optionalFieldCount = (uint8_t)(i + 1);
    }
    if (out->optionalFieldCount == WRDP_GCC_CORE_OPTIONAL_FIELDS)
        out->trailing = wrdp_rd_rest(c);
    return wrdp_cursor_status(c);
}

int wrdp_gcc_client_core_data_encode(const wrdp_gcc_client_core_data *in, wrdp_writer *w)
{
    if (in->optionalFieldCount > WRDP_GCC_CORE_OPTIONAL_FIELDS)
        return wrdp_writer_fail(w, "client core data: optionalFieldCount %u over %d", in->optionalFieldCount,
                                WRDP_GCC_CORE_OPTIONAL_FIELDS);
    if (in->trailing.len && in->optionalFieldCount != WRDP_GCC_CORE_OPTIONAL_FIELDS)
        return wrdp_writer_fail(w, "client core data: trailing bytes need every optional field");
    wrdp_wr_u32le(w, in->version);
    wrdp_wr_u16le(w, in->desktopWidth);
    wrdp_wr_u16le(w, in->desktopHeight);
    wrdp_wr_u16le(w, in->colorDepth);
    wrdp_wr_u16le(w, in->SASSequence);
    wrdp_wr_u32le(w, in->keyboardLayout);
    wrdp_wr_u32le(w, in->clientBuild);
    wrdp_wr_bytes(w, in->clientName, sizeof in->clientName);
    wrdp_wr_u32le(w, in->keyboardType);
    wrdp_wr_u32le(w, in->keyboardSubType);
    wrdp_wr_u32le(w, in->keyboardFunctionKey);
    wrdp_wr_bytes(w, in->imeFileName, sizeof in->imeFileName);
    for (int i = 0; i < in->optionalFieldCount; i++)
        core_write_optional(w, in, i);
    if (in->trailing.len)
        wrdp_wr_bytes(w, in->trailing.data, in->trailing.len);
    return wrdp_writer_status(w);
}

/* ---- Client Security / Cluster / Message Channel / Multitransport -------------- */

int wrdp_gcc_client_security_data_decode(wrdp_cursor *c, wrdp_gcc_client_security_data *out)
{
    out->encryptionMethods = wrdp_rd_u32le(c, "encryptionMethods");
    out->extEncryptionMethods = wrdp_rd_u32le(c, "extEncryptionMethods");
    return wrdp_cursor_status(c);
}

int wrdp_gcc_client_security_data_encode(const wrdp_gcc_client_security_data *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->encryptionMethods);
    wrdp_wr_u32le(w, in->extEncryptionMethods);
    return wrdp_writer_status(w);
}

int wrdp_gcc_client_cluster_data_decode(wrdp_cursor *c, wrdp_gcc_client_cluster_data *out)
{
    out->Flags = wrdp_rd_u32le(c, "Flags");
    out->RedirectedSessionID = wrdp_rd_u32le(c, "RedirectedSessionID");
    return wrdp_cursor_status(c);
}

int wrdp_gcc_client_cluster_data_encode(const wrdp_gcc_client_cluster_data *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->Flags);
    wrdp_wr_u32le(w, in->RedirectedSessionID);
    return wrdp_writer_status(w);
}

int wrdp_gcc_client_message_channel_data_decode(wrdp_cursor *c, wrdp_gcc_client_message_channel_data *out)
{
    out->flags = wrdp_rd_u32le(c, "flags");
    return wrdp_cursor_status(c);
}

int wrdp_gcc_client_message_channel_data_encode(const wrdp_gcc_client_message_channel_data *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->flags);
    return wrdp_writer_status(w);
}

int wrdp_gcc_client_multitransport_channel_data_decode(wrdp_cursor *c,
                                                       wrdp_gcc_client_multitransport_channel_data *out)
{
    out->flags = wrdp_rd_u32le(c, "flags");
    return wrdp_cursor_status(c);
}

int wrdp_gcc_client_multitransport_channel_data_encode(const wrdp_gcc_client_multitransport_channel_data *in,
                                                       wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->flags);
    return wrdp_writer_status(w);
}

/* ---- Client Network Data ------------------------------------------------------- */

int wrdp_gcc_client_network_data_decode(wrdp_cursor *c, wrdp_gcc_client_network_data *out)
{
    memset(out, 0, sizeof *out);
    out->channelCount = wrdp_rd_u32le(c, "channelCount");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->channelCount > WRDP_GCC_CHANNELS_MAX)
        return wrdp_cursor_fail(c, "channelCount", "%u channels, at most %d", out->channelCount,
                                WRDP_GCC_CHANNELS_MAX);
    for (uint32_t i = 0; i < out->channelCount; i++) {
        wrdp_rd_copy(c, out->channelDefArray[i].name, 8, "channelDefArray.name");
        out->channelDefArray[i].options = wrdp_rd_u32le(c, "channelDefArray.options");
    }
    return wrdp_cursor_status(c);
}

int wrdp_gcc_client_network_data_encode(const wrdp_gcc_client_network_data *in, wrdp_writer *w)
{
    if (in->channelCount > WRDP_GCC_CHANNELS_MAX)
        return wrdp_writer_fail(w, "client network data: %u channels, at most %d", in->channelCount,
                                WRDP_GCC_CHANNELS_MAX);
    wrdp_wr_u32le(w, in->channelCount);
    for (uint32_t i = 0; i < in->channelCount; i++) {
        wrdp_wr_bytes(w, in->channelDefArray[i].name, 8);
        wrdp_wr_u32le(w, in->channelDefArray[i].options);
    }
    return wrdp_writer_status(w);
}

/* ---- Client Monitor Data / Monitor Extended Data -------------------------------- */

int wrdp_gcc_client_monitor_data_decode(wrdp_cursor *c, wrdp_gcc_client_monitor_data *out)
{
    memset(out, 0, sizeof *out);
    out->flags = wrdp_rd_u32le(c, "flags");
    out->monitorCount = wrdp_rd_u32le(c, "monitorCount");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->monitorCount > WRDP_GCC_MONITORS_MAX)
        return wrdp_cursor_fail(c, "monitorCount", "%u monitors, at most %d", out->monitorCount,
                                WRDP_GCC_MONITORS_MAX);
    for (uint32_t i = 0; i < out->monitorCount; i++) {
        wrdp_gcc_monitor_def *m = &out->monitorDefArray[i];
        m->left = (int32_t)wrdp_rd_u32le(c, "monitorDefArray.left");
        m->top = (int32_t)wrdp_rd_u32le(c, "monitorDefArray.top");
        m->right = (int32_t)wrdp_rd_u32le(c, "monitorDefArray.right");
        m->bottom = (int32_t)wrdp_rd_u32le(c, "monitorDefArray.bottom");
        m->flags = wrdp_rd_u32le(c, "monitorDefArray.flags");
    }
    return wrdp_cursor_status(c);
}

int wrdp_gcc_client_monitor_data_encode(const wrdp_gcc_client_monitor_data *in, wrdp_writer *w)
{
    if (in->monitorCount > WRDP_GCC_MONITORS_MAX)
        return wrdp_writer_fail(w, "client monitor data: %u monitors, at most %d", in->monitorCount,
                                WRDP_GCC_MONITORS_MAX);
    wrdp_wr_u32le(w, in->flags);
    wrdp_wr_u32le(w, in->monitorCount);
    for (uint32_t i = 0; i < in->monitorCount; i++) {
        const wrdp_gcc_monitor_def *m = &in->monitorDefArray[i];
        wrdp_wr_u32le(w, (uint32_t)m->left);
        wrdp_wr_u32le(w, (uint32_t)m->top);
        wrdp_wr_u32le(w, (uint32_t)m->right);
        wrdp_wr_u32le(w, (uint32_t)m->bottom);
        wrdp_wr_u32le(w, m->flags);
    }
    return wrdp_writer_status(w);
}

int wrdp_gcc_client_monitor_extended_data_decode(wrdp_cursor *c, wrdp_gcc_client_monitor_extended_data *out)
{
    memset(out, 0, sizeof *out);
    out->flags = wrdp_rd_u32le(c, "flags");
    uint32_t size = wrdp_rd_u32le(c, "monitorAttributeSize");
    out->monitorCount = wrdp_rd_u32le(c, "monitorCount");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (size != WRDP_GCC_MONITOR_ATTRIBUTE_SIZE)
        return wrdp_cursor_fail(c, "monitorAttributeSize", "%u, must be %d", size, WRDP_GCC_MONITOR_ATTRIBUTE_SIZE);
    if (out->monitorCount > WRDP_GCC_MONITORS_MAX)
        return wrdp_cursor_fail(c, "monitorCount", "%u monitors, at most %d", out->monitorCount,
                                WRDP_GCC_MONITORS_MAX);
    for (uint32_t i = 0; i < out->monitorCount; i++) {
        wrdp_gcc_monitor_attributes *m = &out->monitorAttributesArray[i];
        m->physicalWidth = wrdp_rd_u32le(c, "physicalWidth");
        m->physicalHeight = wrdp_rd_u32le(c, "physicalHeight");
        m->orientation = wrdp_rd_u32le(c, "orientation");
        m->desktopScaleFactor = wrdp_rd_u32le(c, "desktopScaleFactor");
        m->deviceScaleFactor = wrdp_rd_u32le(c, "deviceScaleFactor");
    }
    return wrdp_cursor_status(c);
}

int wrdp_gcc_client_monitor_extended_data_encode(const wrdp_gcc_client_monitor_extended_data *in, wrdp_writer *w)
{
    if (in->monitorCount > WRDP_GCC_MONITORS_MAX)
        return wrdp_writer_fail(w, "client monitor extended data: %u monitors, at most %d", in->monitorCount,
                                WRDP_GCC_MONITORS_MAX);
    wrdp_wr_u32le(w, in->flags);
    wrdp_wr_u32le(w, WRDP_GCC_MONITOR_ATTRIBUTE_SIZE);
    wrdp_wr_u32le(w, in->monitorCount);
    for (uint32_t i = 0; i < in->monitorCount; i++) {
        const wrdp_gcc_monitor_attributes *m = &in->monitorAttributesArray[i];
        wrdp_wr_u32le(w, m->physicalWidth);
        wrdp_wr_u32le(w, m->physicalHeight);
        wrdp_wr_u32le(w, m->orientation);
        wrdp_wr_u32le(w, m->desktopScaleFactor);
        wrdp_wr_u32le(w, m->deviceScaleFactor);
    }
    return wrdp_writer_status(w);
}

/* ---- Server Core Data ------------------------------------------------------------ */

int wrdp_gcc_server_core_data_decode(wrdp_cursor *c, wrdp_gcc_server_core_data *out)
{
    memset(out, 0, sizeof *out);
    out->version = wrdp_rd_u32le(c, "version");
    if (!wrdp_cursor_ok(c) || wrdp_cursor_remaining(c) == 0)
        return wrdp_cursor_status(c);
    out->clientRequestedProtocols = wrdp_rd_u32le(c, "clientRequestedProtocols");
    out->optionalFieldCount = 1;
    if (!wrdp_cursor_ok(c) || wrdp_cursor_remaining(c) == 0)
        return wrdp_cursor_status(c);
    out->earlyCapabilityFlags = wrdp_rd_u32le(c, "earlyCapabilityFlags");
    out->optionalFieldCount = 2;
    out->trailing = wrdp_rd_rest(c);
    return wrdp_cursor_status(c);
}

int wrdp_gcc_server_core_data_encode(const wrdp_gcc_server_core_data *in, wrdp_writer *w)
{
    if (in->optionalFieldCount > 2)
        return wrdp_writer_fail(w, "server core data: optionalFieldCount %u over 2", in->optionalFieldCount);
    if (in->trailing.len && in->optionalFieldCount != 2)
        return wrdp_writer_fail(w, "server core data: trailing bytes need both optional fields");
    wrdp_wr_u32le(w, in->version);
    if (in->optionalFieldCount >= 1)
        wrdp_wr_u32le(w, in->clientRequestedProtocols);
    if (in->optionalFieldCount >= 2)
        wrdp_wr_u32le(w, in->earlyCapabilityFlags);
    if (in->trailing.len)
        wrdp_wr_bytes(w, in->trailing.data, in->trailing.len);
    return wrdp_writer_status(w);
}

/* ---- Server Security Data ----------------------------------------------------------- */

static bool security_has_keys(uint32_t method, uint32_t level)
{
    return method != WRDP_ENCRYPTION_METHOD_NONE || level != WRDP_ENCRYPTION_LEVEL_NONE;
}

int wrdp_gcc_server_security_data_decode(wrdp_cursor *c, wrdp_gcc_server_security_data *out)
{
    memset(out, 0, sizeof *out);
    out->encryptionMethod = wrdp_rd_u32le(c, "encryptionMethod");
    out->encryptionLevel = wrdp_rd_u32le(c, "encryptionLevel");
    if (!wrdp_cursor_ok(c) || !security_has_keys(out->encryptionMethod, out->encryptionLevel))
        return wrdp_cursor_status(c);
    uint32_t randomLen = wrdp_rd_u32le(c, "serverRandomLen");
    uint32_t certLen = wrdp_rd_u32le(c, "serverCertLen");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (randomLen != WRDP_SERVER_RANDOM_LEN)
        return wrdp_cursor_fail(c, "serverRandomLen", "%u, must be %d", randomLen, WRDP_SERVER_RANDOM_LEN);
    wrdp_rd_bytes(c, randomLen, &out->serverRandom, "serverRandom");
    wrdp_rd_bytes(c, certLen, &out->serverCertificate, "serverCertificate");
    return wrdp_cursor_status(c);
}

int wrdp_gcc_server_security_data_encode(const wrdp_gcc_server_security_data *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->encryptionMethod);
    wrdp_wr_u32le(w, in->encryptionLevel);
    if (!security_has_keys(in->encryptionMethod, in->encryptionLevel))
        return wrdp_writer_status(w);
    if (in->serverRandom.len != WRDP_SERVER_RANDOM_LEN)
        return wrdp_writer_fail(w, "server security data: serverRandom of %zu bytes, must be %d",
                                in->serverRandom.len, WRDP_SERVER_RANDOM_LEN);
    if (in->serverCertificate.len > UINT32_MAX)
        return wrdp_writer_fail(w, "server security data: certificate too long");
    wrdp_wr_u32le(w, (uint32_t)in->serverRandom.len);
    wrdp_wr_u32le(w, (uint32_t)in->serverCertificate.len);
    wrdp_wr_bytes(w, in->serverRandom.data, in->serverRandom.len);
    wrdp_wr_bytes(w, in->serverCertificate.data, in->serverCertificate.len);
    return wrdp_writer_status(w);
}

/* ---- Server Certificate -------------------------------------------------------------- */

static int proprietary_decode(wrdp_cursor *c, wrdp_gcc_proprietary_certificate *p)
{
    p->dwSigAlgId = wrdp_rd_u32le(c, "dwSigAlgId");
    p->dwKeyAlgId = wrdp_rd_u32le(c, "dwKeyAlgId");
    p->wPublicKeyBlobType = wrdp_rd_u16le(c, "wPublicKeyBlobType");
    uint16_t keyBlobLen = wrdp_rd_u16le(c, "wPublicKeyBlobLen");
    wrdp_cursor blob;
    if (wrdp_cursor_sub(c, keyBlobLen, &blob, "PublicKeyBlob"))
        return WRDP_ERR;
    wrdp_gcc_rsa_public_key *k = &p->PublicKeyBlob;
    k->magic = wrdp_rd_u32le(&blob, "magic");
    uint32_t keylen = wrdp_rd_u32le(&blob, "keylen");
    k->bitlen = wrdp_rd_u32le(&blob, "bitlen");
    k->datalen = wrdp_rd_u32le(&blob, "datalen");
    k->pubExp = wrdp_rd_u32le(&blob, "pubExp");
    if (!wrdp_cursor_ok(&blob))
        return WRDP_ERR;
    if (k->magic != WRDP_RSA1_MAGIC)
        return wrdp_cursor_fail(&blob, "magic", "0x%08x, expected RSA1 (0x%08x)", k->magic, WRDP_RSA1_MAGIC);
    if (keylen != wrdp_cursor_remaining(&blob))
        return wrdp_cursor_fail(&blob, "keylen", "%u, but the key blob holds %zu modulus bytes", keylen,
                                wrdp_cursor_remaining(&blob));
    k->modulus = wrdp_rd_rest(&blob);
    p->wSignatureBlobType = wrdp_rd_u16le(c, "wSignatureBlobType");
    uint16_t sigLen = wrdp_rd_u16le(c, "wSignatureBlobLen");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    return wrdp_rd_bytes(c, sigLen, &p->SignatureBlob, "SignatureBlob");
}

static int x509_decode(wrdp_cursor *c, wrdp_gcc_x509_certificate_chain *x)
{
    x->NumCertBlobs = wrdp_rd_u32le(c, "NumCertBlobs");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (x->NumCertBlobs > WRDP_GCC_CERT_BLOBS_MAX)
        return wrdp_cursor_fail(c, "NumCertBlobs", "%u certificates, at most %d", x->NumCertBlobs,
                                WRDP_GCC_CERT_BLOBS_MAX);
    for (uint32_t i = 0; i < x->NumCertBlobs; i++) {
        uint32_t cb = wrdp_rd_u32le(c, "cbCert");
        if (!wrdp_cursor_ok(c) || wrdp_rd_bytes(c, cb, &x->CertBlobArray[i], "abCert"))
            return WRDP_ERR;
    }
    x->Padding = wrdp_rd_rest(c);
    return wrdp_cursor_status(c);
}

int wrdp_gcc_server_certificate_decode(wrdp_cursor *c, wrdp_gcc_server_certificate *out)
{
    memset(out, 0, sizeof *out);
    out->dwVersion = wrdp_rd_u32le(c, "dwVersion");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    switch (out->dwVersion & WRDP_CERT_CHAIN_VERSION_MASK) {
    case WRDP_CERT_CHAIN_VERSION_1: return proprietary_decode(c, &out->proprietary);
    case WRDP_CERT_CHAIN_VERSION_2: return x509_decode(c, &out->x509);
    default:
        return wrdp_cursor_fail(c, "dwVersion", "unknown certificate chain version %u",
                                out->dwVersion & WRDP_CERT_CHAIN_VERSION_MASK);
    }
}

int wrdp_gcc_server_certificate_encode(const wrdp_gcc_server_certificate *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->dwVersion);
    switch (in->dwVersion & WRDP_CERT_CHAIN_VERSION_MASK) {
    case WRDP_CERT_CHAIN_VERSION_1: {
        const wrdp_gcc_proprietary_certificate *p = &in->proprietary;
        const wrdp_gcc_rsa_public_key *k = &p->PublicKeyBlob;
        if (k->modulus.len > 0xFFFF - 20 || p->SignatureBlob.len > 0xFFFF)
            return wrdp_writer_fail(w, "server certificate: key or signature blob too long");
        wrdp_wr_u32le(w, p->dwSigAlgId);
        wrdp_wr_u32le(w, p->dwKeyAlgId);
        wrdp_wr_u16le(w, p->wPublicKeyBlobType);
        wrdp_wr_u16le(w, (uint16_t)(20 + k->modulus.len));
        wrdp_wr_u32le(w, k->magic);
        wrdp_wr_u32le(w, (uint32_t)k->modulus.len);
        wrdp_wr_u32le(w, k->bitlen);
        wrdp_wr_u32le(w, k->datalen);
        wrdp_wr_u32le(w, k->pubExp);
        wrdp_wr_bytes(w, k->modulus.data, k->modulus.len);
        wrdp_wr_u16le(w, p->wSignatureBlobType);
        wrdp_wr_u16le(w, (uint16_t)p->SignatureBlob.len);
        wrdp_wr_bytes(w, p->SignatureBlob.data, p->SignatureBlob.len);
        break;
    }
    case WRDP_CERT_CHAIN_VERSION_2: {
        const wrdp_gcc_x509_certificate_chain *x = &in->x509;
        if (x->NumCertBlobs > WRDP_GCC_CERT_BLOBS_MAX)
            return wrdp_writer_fail(w, "server certificate: %u certificates, at most %d", x->NumCertBlobs,
                                    WRDP_GCC_CERT_BLOBS_MAX);
        wrdp_wr_u32le(w, x->NumCertBlobs);
        for (uint32_t i = 0; i < x->NumCertBlobs; i++) {
            if (x->CertBlobArray[i].len > UINT32_MAX)
                return wrdp_writer_fail(w, "server certificate: certificate too long");
            wrdp_wr_u32le(w, (uint32_t)x->CertBlobArray[i].len);
            wrdp_wr_bytes(w, x->CertBlobArray[i].data, x->CertBlobArray[i].len);
        }
        wrdp_wr_bytes(w, x->Padding.data, x->Padding.len);
        break;
    }
    default:
        return wrdp_writer_fail(w, "server certificate: unknown chain version %u",
                                in->dwVersion & WRDP_CERT_CHAIN_VERSION_MASK);
    }
    return wrdp_writer_status(w);
}

/* ---- Server Network / Message Channel / Multitransport --------------------------------- */

int wrdp_gcc_server_network_data_decode(wrdp_cursor *c, wrdp_gcc_server_network_data *out)
{
    memset(out, 0, sizeof *out);
    out->MCSChannelId = wrdp_rd_u16le(c, "MCSChannelId");
    out->channelCount = wrdp_rd_u16le(c, "channelCount");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->channelCount > WRDP_GCC_CHANNELS_MAX)
        return wrdp_cursor_fail(c, "channelCount", "%u channels, at most %d", out->channelCount,
                                WRDP_GCC_CHANNELS_MAX);
    for (uint16_t i = 0; i < out->channelCount; i++)
        out->channelIdArray[i] = wrdp_rd_u16le(c, "channelIdArray");
    if (wrdp_cursor_ok(c) && (out->channelCount & 1) && wrdp_cursor_remaining(c) >= 2) {
        out->padPresent = true;
        out->Pad = wrdp_rd_u16le(c, "Pad");
    }
    return wrdp_cursor_status(c);
}

int wrdp_gcc_server_network_data_encode(const wrdp_gcc_server_network_data *in, wrdp_writer *w)
{
    if (in->channelCount > WRDP_GCC_CHANNELS_MAX)
        return wrdp_writer_fail(w, "server network data: %u channels, at most %d", in->channelCount,
                                WRDP_GCC_CHANNELS_MAX);
    wrdp_wr_u16le(w, in->MCSChannelId);
    wrdp_wr_u16le(w, in->channelCount);
    for (uint16_t i = 0; i < in->channelCount; i++)
        wrdp_wr_u16le(w, in->channelIdArray[i]);
    if ((in->channelCount & 1) && in->padPresent)
        wrdp_wr_u16le(w, in->Pad);
    return wrdp_writer_status(w);
}

int wrdp_gcc_server_message_channel_data_decode(wrdp_cursor *c, wrdp_gcc_server_message_channel_data *out)
{
    out->MCSChannelID = wrdp_rd_u16le(c, "MCSChannelID");
    return wrdp_cursor_status(c);
}

int wrdp_gcc_server_message_channel_data_encode(const wrdp_gcc_server_message_channel_data *in, wrdp_writer *w)
{
    wrdp_wr_u16le(w, in->MCSChannelID);
    return wrdp_writer_status(w);
}

int wrdp_gcc_server_multitransport_channel_data_decode(wrdp_cursor *c,
                                                       wrdp_gcc_server_multitransport_channel_data *out)
{
    out->flags = wrdp_rd_u32le(c, "flags");
    return wrdp_cursor_status(c);
}

int wrdp_gcc_server_multitransport_channel_data_encode(const wrdp_gcc_server_multitransport_channel_data *in,
                                                       wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->flags);
    return wrdp_writer_status(w);
}
