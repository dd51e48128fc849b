/* Secure settings exchange (MS-RDPBCGR 1.3.1.1, 2.2.1.11): the Client Info PDU with
 * the credentials, the INFO_* flags, and the extended info (client address, time
 * zone, performance flags). Encrypted under Standard RDP Security. */
#include <string.h>

#include "connector_internal.h"

#define CLIENT_DIR "C:\\Windows\\System32\\mstscax.dll"

/* UTF-16LE copies for the info packet; `nul` adds the terminator the field counts. */
typedef struct text_buf {
    uint8_t *data[8];
    size_t len[8];
    size_t count;
} text_buf;

static wrdp_bytes utf16(text_buf *t, const char *s, bool nul)
{
    wrdp_bytes b = {NULL, 0};
    if (!s)
        s = "";
    size_t n = wrdp_utf8_to_utf16le(s, strlen(s), NULL, 0);
    if (!n && !nul)
        return b;
    if (t->count == sizeof t->data / sizeof t->data[0])
        return b;
    uint8_t *p = wrdp_alloc(n + 2);
    if (!p)
        return b;
    wrdp_utf8_to_utf16le(s, strlen(s), p, n);
    p[n] = p[n + 1] = 0;
    t->data[t->count] = p;
    t->len[t->count++] = n + 2;
    b.data = p;
    b.len = nul ? n + 2 : n;
    return b;
}

static void text_free(text_buf *t)
{
    for (size_t i = 0; i < t->count; i++) {
        wrdp_wipe(t->data[i], t->len[i]); /* one of them is the password */
        wrdp_free(t->data[i]);
    }
}

static void system_time(const uint16_t f[8], wrdp_system_time *t)
{
    t->wYear = f[0];
    t->wMonth = f[1];
    t->wDayOfWeek = f[2];
    t->wDay = f[3];
    t->wHour = f[4];
    t->wMinute = f[5];
    t->wSecond = f[6];
    t->wMilliseconds = f[7];
}

static bool has_channel(const wrdp_connector *c, const char *name)
{
    for (size_t i = 0; i < c->cfg.channel_count; i++)
        if (strcmp(c->cfg.channels[i].name, name) == 0)
            return true;
    return false;
}

static uint32_t info_flags(const wrdp_connector *c)
{
    uint32_t f = WRDP_INFO_MOUSE | WRDP_INFO_DISABLECTRLALTDEL | WRDP_INFO_UNICODE | WRDP_INFO_MAXIMIZESHELL |
                 WRDP_INFO_LOGONNOTIFY | WRDP_INFO_ENABLEWINDOWSKEY | WRDP_INFO_LOGONERRORS |
                 WRDP_INFO_MOUSE_HAS_WHEEL;
    if (c->cfg.autologon)
        f |= WRDP_INFO_AUTOLOGON;
    if (!has_channel(c, "rdpsnd"))
        f |= WRDP_INFO_NOAUDIOPLAYBACK; /* nobody would play it */
    if (c->cfg.compression != WRDP_COMPRESSION_NONE)
        f |= WRDP_INFO_COMPRESSION |
             ((uint32_t)c->cfg.compression << WRDP_INFO_COMPRESSION_TYPE_SHIFT & WRDP_INFO_COMPRESSION_TYPE_MASK);
    return f;
}

int wrdp_conn_secure_settings(wrdp_connector *c, wrdp_writer *out)
{
    const wrdp_connector_config *cfg = &c->cfg;
    text_buf t;
    memset(&t, 0, sizeof t);
    wrdp_info_packet info;
    memset(&info, 0, sizeof info);
    info.CodePage = 0;
    info.flags = info_flags(c);
    info.Domain = utf16(&t, cfg->domain, false);
    info.UserName = utf16(&t, cfg->username, false);
    /* under NLA the server has the password already; else only auto-logon sends it */
    if (cfg->autologon)
        info.Password = utf16(&t, cfg->password, false);
    info.AlternateShell = utf16(&t, cfg->alternate_shell, false);
    info.WorkingDir = utf16(&t, cfg->working_dir, false);

    wrdp_extended_info_packet *x = &info.extraInfo;
    const char *addr = cfg->client_address ? cfg->client_address : "0.0.0.0";
    x->present = WRDP_EXTINFO_AUTO_RECONNECT; /* through cbAutoReconnectCookie, which is 0 */
    x->clientAddressFamily = strchr(addr, ':') ? WRDP_AF_INET6 : WRDP_AF_INET;
    x->clientAddress = utf16(&t, addr, true);
    x->clientDir = utf16(&t, CLIENT_DIR, true);
    wrdp_time_zone_information *tz = &x->clientTimeZone;
    tz->Bias = cfg->time_zone.bias;
    tz->StandardName = utf16(&t, cfg->time_zone.standard_name, false);
    tz->StandardBias = cfg->time_zone.standard_bias;
    tz->DaylightName = utf16(&t, cfg->time_zone.daylight_name, false);
    tz->DaylightBias = cfg->time_zone.daylight_bias;
    if (tz->StandardName.len > 62)
        tz->StandardName.len = 62; /* 32 UTF-16 units with the terminator */
    if (tz->DaylightName.len > 62)
        tz->DaylightName.len = 62;
    system_time(cfg->time_zone.standard_date, &tz->StandardDate);
    system_time(cfg->time_zone.daylight_date, &tz->DaylightDate);
    x->performanceFlags = cfg->performance_flags;

    int r = WRDP_OK;
    bool oom = (cfg->domain && *cfg->domain && !info.Domain.data) || !x->clientAddress.data || !x->clientDir.data;
    wrdp_writer *body = wrdp_conn_body(c);
    if (oom)
        r = wrdp_conn_fail(c, WRDP_ERROR_OUT_OF_MEMORY, "connector: out of memory");
    else if (wrdp_info_packet_encode(&info, body))
        r = wrdp_conn_fail(c, WRDP_ERROR_ENCODE, "Client Info PDU: %s", c->err.message);
    text_free(&t);
    if (r)
        return r;
    if (wrdp_conn_send(c, c->result.io_channel_id, WRDP_SEC_INFO_PKT, true, out))
        return WRDP_ERR;
    wrdp_conn_body(c); /* wipes the password */
    wrdp_conn_enter(c, WRDP_CONNECTOR_CONNECT_TIME_AUTO_DETECTION);
    return WRDP_OK;
}
