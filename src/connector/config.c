/* Connector configuration: the defaults, and the checks that turn a bad setting
 * into a sentence before any byte goes out. */
#include <string.h>

#include "connector_internal.h"

void wrdp_connector_config_init(wrdp_connector_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->desktop_width = 1024;
    cfg->desktop_height = 768;
    cfg->desktop_scale_factor = 100;
    cfg->device_scale_factor = 100;
    cfg->color_depth = 32;
    cfg->keyboard_layout = 0x409;
    cfg->keyboard_type = 4;
    cfg->keyboard_function_keys = 12;
    cfg->client_build = 2600;
    cfg->performance_flags = WRDP_PERF_DISABLE_WALLPAPER | WRDP_PERF_ENABLE_FONT_SMOOTHING;
    cfg->security_protocols = WRDP_SECURITY_DEFAULT;
    cfg->compression = WRDP_COMPRESSION_NONE;
}

static bool nonempty(const char *s)
{
    return s && *s;
}

static int bad(wrdp_error *err, const char *fmt, const char *what, long v)
{
    return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, fmt, what, v);
}

static int check_channels(const wrdp_connector_config *cfg, wrdp_error *err)
{
    if (cfg->channel_count > WRDP_CONNECTOR_MAX_CHANNELS)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT,
                              "%zu static channels configured; RDP allows at most %d", cfg->channel_count,
                              WRDP_CONNECTOR_MAX_CHANNELS);
    for (size_t i = 0; i < cfg->channel_count; i++) {
        const char *name = cfg->channels[i].name;
        const char *end = memchr(name, 0, sizeof cfg->channels[i].name);
        size_t n = end ? (size_t)(end - name) : sizeof cfg->channels[i].name;
        if (n == 0)
            return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "channel %zu has an empty name", i);
        if (n >= sizeof cfg->channels[i].name)
            return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT,
                                  "channel %zu: a channel name has at most 7 characters", i);
        for (size_t k = 0; k < n; k++)
            if ((unsigned char)name[k] < 0x21 || (unsigned char)name[k] > 0x7E)
                return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT,
                                      "channel \"%s\": names are printable ASCII", name);
        for (size_t j = 0; j < i; j++)
            if (strcmp(cfg->channels[j].name, name) == 0)
                return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "channel \"%s\" is configured twice", name);
    }
    return WRDP_OK;
}

static int check_routing_token(const wrdp_connector_config *cfg, wrdp_error *err)
{
    if (!cfg->load_balance_info_len)
        return WRDP_OK;
    if (!cfg->load_balance_info)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "load_balance_info is NULL with a length");
    const uint8_t *p = cfg->load_balance_info;
    size_t n = cfg->load_balance_info_len;
    if (n >= 2 && p[n - 2] == '\r' && p[n - 1] == '\n')
        n -= 2; /* the terminator the connector would add */
    if (n == 0 || p[0] == WRDP_TYPE_RDP_NEG_REQ)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "load_balance_info cannot start a routing token");
    for (size_t i = 0; i < n; i++)
        if (p[i] == '\r' || p[i] == '\n')
            return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT,
                                  "load_balance_info contains a line break (the routing token ends at the first)");
    if (n >= sizeof WRDP_X224_COOKIE_PREFIX - 1 &&
        memcmp(p, WRDP_X224_COOKIE_PREFIX, sizeof WRDP_X224_COOKIE_PREFIX - 1) == 0)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT,
                              "load_balance_info starts like a mstshash cookie; pass the user name instead");
    if (n > 0xFF00)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "load_balance_info is too long");
    return WRDP_OK;
}

int wrdp_connector_config_validate(const wrdp_connector_config *cfg, wrdp_error *err)
{
    if (!cfg)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "no configuration");
    if (cfg->desktop_width < 200 || cfg->desktop_width > 8192 || (cfg->desktop_width & 1))
        return bad(err, "%s %ld: the width is an even number of pixels from 200 to 8192", "desktop_width",
                   cfg->desktop_width);
    if (cfg->desktop_height < 200 || cfg->desktop_height > 8192)
        return bad(err, "%s %ld: the height is from 200 to 8192 pixels", "desktop_height", cfg->desktop_height);
    if (cfg->desktop_scale_factor < 100 || cfg->desktop_scale_factor > 500)
        return bad(err, "%s %ld: the scale factor is a percentage from 100 to 500", "desktop_scale_factor",
                   (long)cfg->desktop_scale_factor);
    if (cfg->device_scale_factor != 100 && cfg->device_scale_factor != 140 && cfg->device_scale_factor != 180)
        return bad(err, "%s %ld: the device scale factor is 100, 140 or 180", "device_scale_factor",
                   (long)cfg->device_scale_factor);
    if (cfg->color_depth != 15 && cfg->color_depth != 16 && cfg->color_depth != 24 && cfg->color_depth != 32)
        return bad(err, "%s %ld: the colour depth is 15, 16, 24 or 32 bits", "color_depth", cfg->color_depth);
    uint32_t known = WRDP_SECURITY_RDP | WRDP_SECURITY_TLS | WRDP_SECURITY_NLA | WRDP_SECURITY_NLA_EX;
    if (!cfg->security_protocols || (cfg->security_protocols & ~known))
        return bad(err, "%s 0x%lx: allow one or more of RDP, TLS, NLA and NLA-EX", "security_protocols",
                   (long)cfg->security_protocols);
    bool nla = cfg->security_protocols & (WRDP_SECURITY_NLA | WRDP_SECURITY_NLA_EX);
    if (nla && !nonempty(cfg->username))
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT,
                              "NLA needs a username (allow TLS or RDP security alone to reach a logon screen)");
    if (nla && !cfg->password)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "NLA needs a password");
    /* NLA, Standard RDP Security and licensing all draw random bytes */
    if (!cfg->random)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "the connector needs a random source (config.random)");
    if (cfg->bitmap_codecs & ~(uint32_t)(WRDP_CODEC_REMOTEFX | WRDP_CODEC_NSCODEC))
        return bad(err, "%s 0x%lx: unknown codec bits", "bitmap_codecs", (long)cfg->bitmap_codecs);
    if (cfg->compression < WRDP_COMPRESSION_NONE || cfg->compression > WRDP_COMPRESSION_RDP61)
        return bad(err, "%s %ld: not a compression level", "compression", (long)cfg->compression);
    if (cfg->license_len && !cfg->license)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "license is NULL with a length");
    if (cfg->license_len > 0xFFFF)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "license is longer than a licensing blob holds");
    if (check_channels(cfg, err) || check_routing_token(cfg, err))
        return WRDP_ERR;
    return WRDP_OK;
}
