/* Basic settings exchange (MS-RDPBCGR 1.3.1.1, 2.2.1.3, 2.2.1.4): the MCS
 * Connect-Initial carrying the client's GCC data blocks (core, security, network,
 * cluster), and the Connect-Response with the server's (core, security with the
 * server random and certificate, network with the channel ids, message channel). */
#include <string.h>

#include "connector_internal.h"
#include "crypto/crypto.h"
#include "licensing.h"

#define CONNECTION_TYPE_LAN 0x06
#define HIGH_COLOR_24BPP 0x0018
#define REDIRECTION_VERSION4 0x03

/* UTF-8 to a fixed, NUL-terminated UTF-16LE field of `cap` bytes, truncated to fit. */
static void utf16_field(const char *s, uint8_t *field, size_t cap)
{
    memset(field, 0, cap);
    if (!s)
        return;
    size_t n = wrdp_utf8_to_utf16le(s, strlen(s), field, cap - 2);
    if (n > cap - 2)
        n = cap - 2;
    n &= ~(size_t)1;
    memset(field + n, 0, cap - n);
}

/* Physical size at 96 dots per inch, which is what the scale factors are relative to. */
static uint32_t millimetres(uint16_t pixels)
{
    return (uint32_t)pixels * 254u / 960u;
}

static void client_core(const wrdp_connector *c, wrdp_gcc_client_core_data *core)
{
    const wrdp_connector_config *cfg = &c->cfg;
    memset(core, 0, sizeof *core);
    core->version = WRDP_RDP_VERSION_5_PLUS;
    core->desktopWidth = cfg->desktop_width;
    core->desktopHeight = cfg->desktop_height;
    core->colorDepth = WRDP_RNS_UD_COLOR_8BPP; /* superseded by highColorDepth */
    core->SASSequence = WRDP_RNS_UD_SAS_DEL;
    core->keyboardLayout = cfg->keyboard_layout;
    core->clientBuild = cfg->client_build;
    utf16_field(cfg->client_name ? cfg->client_name : "webrdp", core->clientName, sizeof core->clientName);
    core->keyboardType = cfg->keyboard_type;
    core->keyboardSubType = cfg->keyboard_subtype;
    core->keyboardFunctionKey = cfg->keyboard_function_keys;
    utf16_field(cfg->ime_file_name, core->imeFileName, sizeof core->imeFileName);
    core->postBeta2ColorDepth = WRDP_RNS_UD_COLOR_8BPP;
    core->clientProductId = 1;
    core->highColorDepth = cfg->color_depth == 32 ? HIGH_COLOR_24BPP : cfg->color_depth;
    core->supportedColorDepths = WRDP_RNS_UD_24BPP_SUPPORT | WRDP_RNS_UD_16BPP_SUPPORT |
                                 WRDP_RNS_UD_15BPP_SUPPORT | WRDP_RNS_UD_32BPP_SUPPORT;
    uint16_t early = WRDP_RNS_UD_CS_SUPPORT_ERRINFO_PDU | WRDP_RNS_UD_CS_VALID_CONNECTION_TYPE |
                     WRDP_RNS_UD_CS_SUPPORT_MONITOR_LAYOUT_PDU | WRDP_RNS_UD_CS_STRONG_ASYMMETRIC_KEYS |
                     WRDP_RNS_UD_CS_SUPPORT_SKIP_CHANNELJOIN;
    if (cfg->color_depth == 32)
        early |= WRDP_RNS_UD_CS_WANT_32BPP_SESSION;
    if (cfg->graphics_pipeline)
        early |= WRDP_RNS_UD_CS_SUPPORT_DYNVC_GFX_PROTOCOL;
    core->earlyCapabilityFlags = early;
    core->connectionType = CONNECTION_TYPE_LAN;
    core->serverSelectedProtocol = c->result.selected_protocol;
    core->desktopPhysicalWidth = millimetres(cfg->desktop_width);
    core->desktopPhysicalHeight = millimetres(cfg->desktop_height);
    core->desktopScaleFactor = cfg->desktop_scale_factor;
    core->deviceScaleFactor = cfg->device_scale_factor;
    core->optionalFieldCount = WRDP_GCC_CORE_OPTIONAL_FIELDS;
}

static void client_blocks(const wrdp_connector *c, wrdp_gcc_client_data_blocks *b)
{
    memset(b, 0, sizeof *b);
    b->clientCoreDataPresent = true;
    client_core(c, &b->clientCoreData);
    b->clientSecurityDataPresent = true;
    if (c->result.selected_protocol == WRDP_PROTOCOL_RDP)
        b->clientSecurityData.encryptionMethods = WRDP_ENCRYPTION_METHOD_40BIT | WRDP_ENCRYPTION_METHOD_56BIT |
                                                  WRDP_ENCRYPTION_METHOD_128BIT | WRDP_ENCRYPTION_METHOD_FIPS;
    b->clientNetworkDataPresent = true;
    b->clientNetworkData.channelCount = (uint32_t)c->cfg.channel_count;
    for (size_t i = 0; i < c->cfg.channel_count; i++) {
        memcpy(b->clientNetworkData.channelDefArray[i].name, c->cfg.channels[i].name, 8);
        b->clientNetworkData.channelDefArray[i].options = c->cfg.channels[i].options;
    }
    b->clientClusterDataPresent = true;
    b->clientClusterData.Flags = WRDP_REDIRECTION_SUPPORTED | (REDIRECTION_VERSION4 << 2);
}

static void domain_parameters(wrdp_mcs_domain_parameters *p, uint32_t channels, uint32_t users, uint32_t tokens,
                              uint32_t pdu_size)
{
    p->maxChannelIds = channels;
    p->maxUserIds = users;
    p->maxTokenIds = tokens;
    p->numPriorities = 1;
    p->minThroughput = 0;
    p->maxHeight = 1;
    p->maxMCSPDUsize = pdu_size;
    p->protocolVersion = 2;
}

int wrdp_conn_basic_settings_send(wrdp_connector *c, wrdp_writer *out)
{
    wrdp_gcc_conference_create_request gcc;
    memset(&gcc, 0, sizeof gcc);
    strcpy(gcc.conferenceName, "1");
    client_blocks(c, &gcc.userData);
    wrdp_writer *body = wrdp_conn_body(c);
    if (wrdp_gcc_conference_create_request_encode(&gcc, body))
        return wrdp_conn_fail(c, WRDP_ERROR_ENCODE, "GCC Conference Create Request: %s", c->err.message);

    static const uint8_t selector[] = {1};
    wrdp_mcs_frame f;
    memset(&f, 0, sizeof f);
    f.type = WRDP_MCS_FRAME_CONNECT_INITIAL;
    f.connectInitial.callingDomainSelector.data = selector;
    f.connectInitial.callingDomainSelector.len = 1;
    f.connectInitial.calledDomainSelector.data = selector;
    f.connectInitial.calledDomainSelector.len = 1;
    f.connectInitial.upwardFlag = true;
    domain_parameters(&f.connectInitial.targetParameters, 34, 2, 0, 0xFFFF);
    domain_parameters(&f.connectInitial.minimumParameters, 1, 1, 1, 0x420);
    domain_parameters(&f.connectInitial.maximumParameters, 0xFFFF, 0xFC17, 0xFFFF, 0xFFFF);
    f.connectInitial.userData.data = body->data;
    f.connectInitial.userData.len = body->len;
    if (wrdp_mcs_frame_encode(&f, out))
        return wrdp_conn_fail(c, WRDP_ERROR_ENCODE, "MCS Connect-Initial: %s", c->err.message);
    wrdp_conn_enter(c, WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_WAIT_RESPONSE);
    return WRDP_OK;
}

/* The server's RSA key for the security exchange, from its proprietary certificate
 * (whose signature by the Terminal Services key is checked) or the leaf of its X.509
 * chain; the certificate is kept for licensing, which may need it too. */
static int server_key(wrdp_connector *c, const wrdp_gcc_server_security_data *sd)
{
    wrdp_license_server_key key;
    if (wrdp_license_server_key_from_certificate(sd->serverCertificate.data, sd->serverCertificate.len, &key,
                                                 &c->err))
        return WRDP_ERR;
    if (key.proprietary && wrdp_rdp_security_verify_proprietary_cert(key.signed_part.data, key.signed_part.len,
                                                                     key.signature.data, key.signature.len, &c->err))
        return WRDP_ERR;
    if (key.modulus_len == 0 || key.modulus_len > sizeof c->server_modulus_le)
        return wrdp_error_set(&c->err, WRDP_ERROR_DECODE, "server certificate: a %zu-byte RSA modulus",
                              key.modulus_len);
    memcpy(c->server_modulus_le, key.modulus, key.modulus_len);
    c->server_modulus_len = key.modulus_len;
    c->server_exponent = key.exponent;
    uint8_t *copy = wrdp_alloc(sd->serverCertificate.len);
    if (!copy)
        return wrdp_error_set(&c->err, WRDP_ERROR_OUT_OF_MEMORY, "connector: out of memory");
    memcpy(copy, sd->serverCertificate.data, sd->serverCertificate.len);
    wrdp_free(c->server_certificate);
    c->server_certificate = copy;
    c->server_certificate_len = sd->serverCertificate.len;
    return WRDP_OK;
}

static int server_security(wrdp_connector *c, const wrdp_gcc_server_data_blocks *b)
{
    if (!b->serverSecurityDataPresent)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "the server sent no Server Security Data");
    const wrdp_gcc_server_security_data *sd = &b->serverSecurityData;
    c->server_encryption_method = sd->encryptionMethod;
    c->server_encryption_level = sd->encryptionLevel;
    c->result.encryption_method = sd->encryptionMethod;
    c->result.encryption_level = sd->encryptionLevel;
    if (sd->encryptionMethod == WRDP_ENCRYPTION_METHOD_NONE) {
        if (sd->encryptionLevel != WRDP_ENCRYPTION_LEVEL_NONE)
            return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "encryption level %u without an encryption method",
                                  (unsigned)sd->encryptionLevel);
        return WRDP_OK; /* Standard RDP Security without encryption: plain PDUs */
    }
    switch (sd->encryptionMethod) {
    case WRDP_ENCRYPTION_METHOD_40BIT:
    case WRDP_ENCRYPTION_METHOD_56BIT:
    case WRDP_ENCRYPTION_METHOD_128BIT:
    case WRDP_ENCRYPTION_METHOD_FIPS:
        break;
    default:
        return wrdp_conn_fail(c, WRDP_ERROR_NEGOTIATION_FAILURE, "the server chose encryption method 0x%x",
                              (unsigned)sd->encryptionMethod);
    }
    if (sd->serverRandom.len != WRDP_SERVER_RANDOM_LEN)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "the server random is %zu bytes", sd->serverRandom.len);
    memcpy(c->server_random, sd->serverRandom.data, WRDP_SERVER_RANDOM_LEN);
    if (server_key(c, sd))
        return wrdp_conn_fail_err(c);
    c->security_headers = true;
    c->result.encryption = true;
    return WRDP_OK;
}

int wrdp_conn_basic_settings_response(wrdp_connector *c, const uint8_t *frame, size_t len)
{
    wrdp_cursor cur;
    wrdp_mcs_frame f;
    wrdp_cursor_init(&cur, frame, len, "MCS Connect-Response", &c->err);
    if (wrdp_conn_is_disconnect_request(frame, len))
        return wrdp_conn_fail_disconnect(c, "X.224 Disconnect Request");
    if (wrdp_mcs_frame_decode(&cur, &f) || wrdp_cursor_expect_end(&cur))
        return wrdp_conn_fail_err(c);
    if (f.type == WRDP_MCS_FRAME_DOMAIN_PDU && f.domainPdu.type == WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM)
        return wrdp_conn_fail_disconnect(c, wrdp_mcs_reason_text(f.domainPdu.u.disconnectProviderUltimatum.reason));
    if (f.type != WRDP_MCS_FRAME_CONNECT_RESPONSE)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "expected an MCS Connect-Response");
    if (f.connectResponse.result != WRDP_MCS_RT_SUCCESSFUL)
        return wrdp_conn_fail_code(c, WRDP_ERROR_SERVER_DISCONNECT, f.connectResponse.result,
                                   "the server refused the MCS connection (result %u)", f.connectResponse.result);

    wrdp_gcc_conference_create_response gcc;
    wrdp_cursor_init(&cur, f.connectResponse.userData.data, f.connectResponse.userData.len,
                     "GCC Conference Create Response", &c->err);
    if (wrdp_gcc_conference_create_response_decode(&cur, &gcc) || wrdp_cursor_expect_end(&cur))
        return wrdp_conn_fail_err(c);
    if (gcc.result != 0)
        return wrdp_conn_fail_code(c, WRDP_ERROR_SERVER_DISCONNECT, gcc.result,
                                   "the server refused the conference (GCC result %u)", gcc.result);
    const wrdp_gcc_server_data_blocks *b = &gcc.userData;
    if (!b->serverCoreDataPresent || !b->serverNetworkDataPresent)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "the server sent no %s Data",
                              b->serverCoreDataPresent ? "Server Network" : "Server Core");

    c->result.server_rdp_version = b->serverCoreData.version;
    if (b->serverCoreData.optionalFieldCount >= 2)
        c->result.server_early_capability_flags = b->serverCoreData.earlyCapabilityFlags;
    c->skip_channel_join = c->result.server_early_capability_flags & WRDP_RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED;

    const wrdp_gcc_server_network_data *net = &b->serverNetworkData;
    if (net->MCSChannelId < WRDP_MCS_USER_ID_BASE)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "the I/O channel id %u is not an MCS channel id",
                              net->MCSChannelId);
    if (net->channelCount > c->cfg.channel_count)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "the server assigned %u channels for the %zu requested",
                              net->channelCount, c->cfg.channel_count);
    c->result.io_channel_id = net->MCSChannelId;
    c->result.channel_count = 0;
    for (size_t i = 0; i < net->channelCount; i++) {
        wrdp_joined_channel *ch = &c->result.channels[c->result.channel_count];
        if (net->channelIdArray[i] == 0)
            continue; /* the server did not open this channel */
        memcpy(ch->name, c->cfg.channels[i].name, sizeof ch->name);
        ch->id = net->channelIdArray[i];
        ch->options = c->cfg.channels[i].options;
        c->result.channel_count++;
    }
    if (b->serverMessageChannelDataPresent)
        c->result.message_channel_id = b->serverMessageChannelData.MCSChannelID;

    /* under TLS and NLA the server's security data is meaningless (MS-RDPBCGR 5.4) */
    if (c->result.selected_protocol == WRDP_PROTOCOL_RDP && server_security(c, b))
        return WRDP_ERR;

    c->channel_step = 0;
    wrdp_conn_enter(c, WRDP_CONNECTOR_CHANNEL_CONNECTION);
    return WRDP_OK;
}
