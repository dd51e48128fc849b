/* Client Info PDU: TS_INFO_PACKET and TS_EXTENDED_INFO_PACKET (MS-RDPBCGR
 * 2.2.1.11.1.1), with the auto-reconnect cookie (2.2.4.3) and its verifier (5.5). */
#include "pdu/rdp_internal.h"
#include "crypto/crypto.h"

#define TIME_ZONE_NAME_SIZE 64

/* A string whose cb counts only the character data; a null terminator
 * (2 bytes for Unicode, 1 for ANSI) follows and must be zero. */
static void read_info_string(wrdp_cursor *c, size_t cb, size_t term, wrdp_bytes *out, const char *field)
{
    if (wrdp_rd_bytes(c, cb, out, field))
        return;
    const uint8_t *t = wrdp_cursor_peek(c, term, field);
    if (!t)
        return;
    for (size_t i = 0; i < term; i++)
        if (t[i]) {
            wrdp_cursor_fail(c, field, "missing null terminator");
            return;
        }
    wrdp_rd_skip(c, term, field);
}

static void read_system_time(wrdp_cursor *c, wrdp_system_time *t)
{
    t->wYear = wrdp_rd_u16le(c, "wYear");
    t->wMonth = wrdp_rd_u16le(c, "wMonth");
    t->wDayOfWeek = wrdp_rd_u16le(c, "wDayOfWeek");
    t->wDay = wrdp_rd_u16le(c, "wDay");
    t->wHour = wrdp_rd_u16le(c, "wHour");
    t->wMinute = wrdp_rd_u16le(c, "wMinute");
    t->wSecond = wrdp_rd_u16le(c, "wSecond");
    t->wMilliseconds = wrdp_rd_u16le(c, "wMilliseconds");
}

static void write_system_time(const wrdp_system_time *t, wrdp_writer *w)
{
    wrdp_wr_u16le(w, t->wYear);
    wrdp_wr_u16le(w, t->wMonth);
    wrdp_wr_u16le(w, t->wDayOfWeek);
    wrdp_wr_u16le(w, t->wDay);
    wrdp_wr_u16le(w, t->wHour);
    wrdp_wr_u16le(w, t->wMinute);
    wrdp_wr_u16le(w, t->wSecond);
    wrdp_wr_u16le(w, t->wMilliseconds);
}

static void read_time_zone(wrdp_cursor *c, wrdp_time_zone_information *tz)
{
    tz->Bias = (int32_t)wrdp_rd_u32le(c, "Bias");
    wrdp_rd_bytes(c, TIME_ZONE_NAME_SIZE, &tz->StandardName, "StandardName");
    read_system_time(c, &tz->StandardDate);
    tz->StandardBias = (int32_t)wrdp_rd_u32le(c, "StandardBias");
    wrdp_rd_bytes(c, TIME_ZONE_NAME_SIZE, &tz->DaylightName, "DaylightName");
    read_system_time(c, &tz->DaylightDate);
    tz->DaylightBias = (int32_t)wrdp_rd_u32le(c, "DaylightBias");
}

static void write_fixed(wrdp_writer *w, wrdp_bytes b, size_t size, const char *field)
{
    if (b.len > size) {
        wrdp_writer_fail(w, "%s: %zu bytes do not fit its %zu-byte field", field, b.len, size);
        return;
    }
    wrdp_wr_bytes(w, b.data, b.len);
    wrdp_wr_fill(w, 0, size - b.len);
}

static void write_time_zone(const wrdp_time_zone_information *tz, wrdp_writer *w)
{
    wrdp_wr_u32le(w, (uint32_t)tz->Bias);
    write_fixed(w, tz->StandardName, TIME_ZONE_NAME_SIZE, "StandardName");
    write_system_time(&tz->StandardDate, w);
    wrdp_wr_u32le(w, (uint32_t)tz->StandardBias);
    write_fixed(w, tz->DaylightName, TIME_ZONE_NAME_SIZE, "DaylightName");
    write_system_time(&tz->DaylightDate, w);
    wrdp_wr_u32le(w, (uint32_t)tz->DaylightBias);
}

/* Reads the extended part; every field after clientDir is optional. */
static void read_extended(wrdp_cursor *c, wrdp_extended_info_packet *x)
{
    x->present = WRDP_EXTINFO_NONE;
    if (wrdp_cursor_remaining(c) == 0)
        return;
    x->clientAddressFamily = wrdp_rd_u16le(c, "clientAddressFamily");
    uint16_t cb = wrdp_rd_u16le(c, "cbClientAddress");
    if (wrdp_cursor_ok(c))
        wrdp_rd_bytes(c, cb, &x->clientAddress, "clientAddress");
    cb = wrdp_rd_u16le(c, "cbClientDir");
    if (wrdp_cursor_ok(c))
        wrdp_rd_bytes(c, cb, &x->clientDir, "clientDir");
    x->present = WRDP_EXTINFO_CLIENT_DIR;
    if (!wrdp_cursor_ok(c) || wrdp_cursor_remaining(c) == 0)
        return;
    read_time_zone(c, &x->clientTimeZone);
    x->present = WRDP_EXTINFO_TIME_ZONE;
    if (!wrdp_cursor_ok(c) || wrdp_cursor_remaining(c) == 0)
        return;
    x->clientSessionId = wrdp_rd_u32le(c, "clientSessionId");
    x->present = WRDP_EXTINFO_SESSION_ID;
    if (!wrdp_cursor_ok(c) || wrdp_cursor_remaining(c) == 0)
        return;
    x->performanceFlags = wrdp_rd_u32le(c, "performanceFlags");
    x->present = WRDP_EXTINFO_PERFORMANCE_FLAGS;
    if (!wrdp_cursor_ok(c) || wrdp_cursor_remaining(c) == 0)
        return;
    cb = wrdp_rd_u16le(c, "cbAutoReconnectCookie");
    if (!wrdp_cursor_ok(c))
        return;
    if (cb != 0 && cb != WRDP_ARC_PRIVATE_PACKET_LENGTH) {
        wrdp_cursor_fail(c, "cbAutoReconnectCookie", "%u, expected 0 or 28", cb);
        return;
    }
    x->hasAutoReconnectCookie = cb != 0;
    if (cb) {
        uint32_t cbLen = wrdp_rd_u32le(c, "cbLen");
        x->autoReconnectCookie.Version = wrdp_rd_u32le(c, "Version");
        x->autoReconnectCookie.LogonId = wrdp_rd_u32le(c, "LogonId");
        wrdp_rd_copy(c, x->autoReconnectCookie.SecurityVerifier, 16, "SecurityVerifier");
        if (!wrdp_cursor_ok(c))
            return;
        if (cbLen != WRDP_ARC_PRIVATE_PACKET_LENGTH) {
            wrdp_cursor_fail(c, "cbLen", "%u, expected 28", cbLen);
            return;
        }
        if (x->autoReconnectCookie.Version != WRDP_AUTO_RECONNECT_VERSION_1) {
            wrdp_cursor_fail(c, "Version", "auto-reconnect version %u", x->autoReconnectCookie.Version);
            return;
        }
    }
    x->present = WRDP_EXTINFO_AUTO_RECONNECT;
    if (wrdp_cursor_remaining(c) == 0)
        return;
    x->reserved1 = wrdp_rd_u16le(c, "reserved1");
    x->present = WRDP_EXTINFO_RESERVED1;
    if (!wrdp_cursor_ok(c) || wrdp_cursor_remaining(c) == 0)
        return;
    x->reserved2 = wrdp_rd_u16le(c, "reserved2");
    x->present = WRDP_EXTINFO_RESERVED2;
    if (!wrdp_cursor_ok(c) || wrdp_cursor_remaining(c) == 0)
        return;
    cb = wrdp_rd_u16le(c, "cbDynamicDSTTimeZoneKeyName");
    if (wrdp_cursor_ok(c))
        wrdp_rd_bytes(c, cb, &x->dynamicDSTTimeZoneKeyName, "dynamicDSTTimeZoneKeyName");
    x->present = WRDP_EXTINFO_DST_KEY_NAME;
    if (!wrdp_cursor_ok(c) || wrdp_cursor_remaining(c) == 0)
        return;
    x->dynamicDaylightTimeDisabled = wrdp_rd_u16le(c, "dynamicDaylightTimeDisabled");
    x->present = WRDP_EXTINFO_DST_DISABLED;
}

int wrdp_info_packet_decode(wrdp_cursor *c, wrdp_info_packet *out)
{
    out->CodePage = wrdp_rd_u32le(c, "CodePage");
    out->flags = wrdp_rd_u32le(c, "flags");
    uint16_t cbDomain = wrdp_rd_u16le(c, "cbDomain");
    uint16_t cbUserName = wrdp_rd_u16le(c, "cbUserName");
    uint16_t cbPassword = wrdp_rd_u16le(c, "cbPassword");
    uint16_t cbAlternateShell = wrdp_rd_u16le(c, "cbAlternateShell");
    uint16_t cbWorkingDir = wrdp_rd_u16le(c, "cbWorkingDir");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    size_t term = (out->flags & WRDP_INFO_UNICODE) ? 2 : 1;
    read_info_string(c, cbDomain, term, &out->Domain, "Domain");
    read_info_string(c, cbUserName, term, &out->UserName, "UserName");
    read_info_string(c, cbPassword, term, &out->Password, "Password");
    read_info_string(c, cbAlternateShell, term, &out->AlternateShell, "AlternateShell");
    read_info_string(c, cbWorkingDir, term, &out->WorkingDir, "WorkingDir");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    read_extended(c, &out->extraInfo);
    return wrdp_cursor_status(c);
}

static int check_u16_len(wrdp_writer *w, size_t len, const char *field)
{
    if (len > 0xFFFF)
        return wrdp_writer_fail(w, "%s: %zu bytes do not fit a 16-bit length", field, len);
    return WRDP_OK;
}

static void write_counted(wrdp_writer *w, wrdp_bytes b, const char *field)
{
    if (check_u16_len(w, b.len, field))
        return;
    wrdp_wr_u16le(w, (uint16_t)b.len);
    wrdp_wr_bytes(w, b.data, b.len);
}

static void write_extended(const wrdp_extended_info_packet *x, wrdp_writer *w)
{
    if (x->present == WRDP_EXTINFO_NONE)
        return;
    if (x->present > WRDP_EXTINFO_DST_DISABLED) {
        wrdp_writer_fail(w, "extraInfo: unknown presence level %u", x->present);
        return;
    }
    wrdp_wr_u16le(w, x->clientAddressFamily);
    write_counted(w, x->clientAddress, "clientAddress");
    write_counted(w, x->clientDir, "clientDir");
    if (x->present >= WRDP_EXTINFO_TIME_ZONE)
        write_time_zone(&x->clientTimeZone, w);
    if (x->present >= WRDP_EXTINFO_SESSION_ID)
        wrdp_wr_u32le(w, x->clientSessionId);
    if (x->present >= WRDP_EXTINFO_PERFORMANCE_FLAGS)
        wrdp_wr_u32le(w, x->performanceFlags);
    if (x->present >= WRDP_EXTINFO_AUTO_RECONNECT) {
        if (x->hasAutoReconnectCookie) {
            wrdp_wr_u16le(w, WRDP_ARC_PRIVATE_PACKET_LENGTH);
            wrdp_wr_u32le(w, WRDP_ARC_PRIVATE_PACKET_LENGTH);
            wrdp_wr_u32le(w, x->autoReconnectCookie.Version);
            wrdp_wr_u32le(w, x->autoReconnectCookie.LogonId);
            wrdp_wr_bytes(w, x->autoReconnectCookie.SecurityVerifier, 16);
        } else {
            wrdp_wr_u16le(w, 0);
        }
    }
    if (x->present >= WRDP_EXTINFO_RESERVED1)
        wrdp_wr_u16le(w, x->reserved1);
    if (x->present >= WRDP_EXTINFO_RESERVED2)
        wrdp_wr_u16le(w, x->reserved2);
    if (x->present >= WRDP_EXTINFO_DST_KEY_NAME)
        write_counted(w, x->dynamicDSTTimeZoneKeyName, "dynamicDSTTimeZoneKeyName");
    if (x->present >= WRDP_EXTINFO_DST_DISABLED)
        wrdp_wr_u16le(w, x->dynamicDaylightTimeDisabled);
}

int wrdp_info_packet_encode(const wrdp_info_packet *in, wrdp_writer *w)
{
    const wrdp_bytes *s[5] = {&in->Domain, &in->UserName, &in->Password, &in->AlternateShell, &in->WorkingDir};
    static const char *const names[5] = {"Domain", "UserName", "Password", "AlternateShell", "WorkingDir"};
    size_t term = (in->flags & WRDP_INFO_UNICODE) ? 2 : 1;
    for (int i = 0; i < 5; i++)
        if (check_u16_len(w, s[i]->len, names[i]))
            return WRDP_ERR;
    wrdp_wr_u32le(w, in->CodePage);
    wrdp_wr_u32le(w, in->flags);
    for (int i = 0; i < 5; i++)
        wrdp_wr_u16le(w, (uint16_t)s[i]->len);
    for (int i = 0; i < 5; i++) {
        wrdp_wr_bytes(w, s[i]->data, s[i]->len);
        wrdp_wr_fill(w, 0, term);
    }
    write_extended(&in->extraInfo, w);
    return wrdp_writer_status(w);
}

void wrdp_arc_security_verifier(const uint8_t arcRandomBits[16], const uint8_t *clientRandom, size_t clientRandomLen,
                                uint8_t out[16])
{
    wrdp_hmac_md5(arcRandomBits, 16, clientRandom, clientRandomLen, out);
}
