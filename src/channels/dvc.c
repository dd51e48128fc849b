/* The DRDYNVC client manager (MS-RDPEDYC): capabilities, create / close,
 * data first / data reassembly, RDP 8.0 compressed data (one ZGFX history for
 * the whole drdynvc channel: the server's DVC manager compresses all channels
 * through one compressor), soft-sync refusal, and a registry by channel name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "webrdp/dvc.h"
#include "webrdp/codecs/zgfx.h"

#define EVENTS_MAX 64
#define DEFAULT_MAX_MESSAGE ((size_t)8 * 1024 * 1024)

typedef struct reg {
    char name[WRDP_DVC_NAME_MAX];
    wrdp_dvc_processor proc;
} reg;

typedef struct chan {
    bool used;
    uint32_t id;
    int reg;            /* index into registry */
    uint8_t *buf;       /* the message being reassembled */
    size_t len, total;
    bool partial;
} chan;

struct wrdp_dvc {
    wrdp_dvc_config cfg;
    wrdp_error err;
    uint16_t version;
    uint16_t charges[4];
    reg regs[WRDP_DVC_REGISTRY_MAX];
    size_t reg_count;
    chan chans[WRDP_DVC_OPEN_MAX];
    wrdp_zgfx *zgfx;    /* created on the first compressed PDU */
    wrdp_writer scratch;
    wrdp_dvc_event events[EVENTS_MAX];
    size_t ev_head, ev_count;
};

void wrdp_dvc_config_init(wrdp_dvc_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->max_version = 3;
    cfg->max_message = DEFAULT_MAX_MESSAGE;
}

wrdp_dvc *wrdp_dvc_new(const wrdp_dvc_config *cfg)
{
    wrdp_dvc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    wrdp_dvc_config_init(&d->cfg);
    if (cfg) {
        if (cfg->max_version >= 1 && cfg->max_version <= 3)
            d->cfg.max_version = cfg->max_version;
        if (cfg->max_message)
            d->cfg.max_message = cfg->max_message;
    }
    wrdp_writer_init(&d->scratch, WRDP_ZGFX_SEGMENT_MAX * 2u, &d->err);
    return d;
}

static void drop(wrdp_dvc *d, chan *c, bool notify);

void wrdp_dvc_free(wrdp_dvc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < WRDP_DVC_OPEN_MAX; i++)
        if (d->chans[i].used)
            drop(d, &d->chans[i], true);
    wrdp_zgfx_free(d->zgfx);
    wrdp_writer_free(&d->scratch);
    free(d);
}

const wrdp_error *wrdp_dvc_error(const wrdp_dvc *d) { return &d->err; }
uint16_t wrdp_dvc_version(const wrdp_dvc *d) { return d->version; }

static wrdp_dvc_event *push(wrdp_dvc *d, wrdp_dvc_event_type type, uint32_t id, const char *name)
{
    if (d->ev_count == EVENTS_MAX) { /* drop the oldest */
        d->ev_head = (d->ev_head + 1) % EVENTS_MAX;
        d->ev_count--;
    }
    wrdp_dvc_event *ev = &d->events[(d->ev_head + d->ev_count++) % EVENTS_MAX];
    memset(ev, 0, sizeof *ev);
    ev->type = type;
    ev->channel_id = id;
    ev->version = d->version;
    if (name)
        snprintf(ev->name, sizeof ev->name, "%s", name);
    return ev;
}

bool wrdp_dvc_next_event(wrdp_dvc *d, wrdp_dvc_event *ev)
{
    if (!d->ev_count)
        return false;
    *ev = d->events[d->ev_head];
    d->ev_head = (d->ev_head + 1) % EVENTS_MAX;
    d->ev_count--;
    return true;
}

int wrdp_dvc_register(wrdp_dvc *d, const char *name, const wrdp_dvc_processor *proc)
{
    if (!name || !proc || !*name || strlen(name) >= WRDP_DVC_NAME_MAX)
        return wrdp_error_set(&d->err, WRDP_ERROR_INVALID_ARGUMENT, "DVC: a channel name of 1 to %d bytes",
                              WRDP_DVC_NAME_MAX - 1);
    for (size_t i = 0; i < d->reg_count; i++)
        if (!strcmp(d->regs[i].name, name))
            return wrdp_error_set(&d->err, WRDP_ERROR_INVALID_ARGUMENT, "DVC: %s is already registered", name);
    if (d->reg_count == WRDP_DVC_REGISTRY_MAX)
        return wrdp_error_set(&d->err, WRDP_ERROR_LIMIT, "DVC: more than %d processors", WRDP_DVC_REGISTRY_MAX);
    reg *r = &d->regs[d->reg_count++];
    snprintf(r->name, sizeof r->name, "%s", name);
    r->proc = *proc;
    return WRDP_OK;
}

/* ---- framing of out: [u32le length][message] ---- */

static size_t begin(wrdp_writer *out)
{
    size_t at = out->len;
    wrdp_wr_u32le(out, 0);
    return at;
}

static int end(wrdp_writer *out, size_t at)
{
    if (wrdp_writer_status(out))
        return WRDP_ERR;
    wrdp_wr_put_u32le_at(out, at, (uint32_t)(out->len - at - 4));
    return wrdp_writer_status(out);
}

bool wrdp_dvc_next_output(const uint8_t *buf, size_t len, size_t *pos, wrdp_bytes *msg)
{
    if (*pos > len || len - *pos < 4)
        return false;
    const uint8_t *p = buf + *pos;
    size_t n = (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
    if (n > len - *pos - 4)
        return false;
    msg->data = p + 4;
    msg->len = n;
    *pos += 4 + n;
    return true;
}

/* ---- header fields ---- */

static unsigned size_code(uint32_t v) { return v <= 0xFF ? 0 : v <= 0xFFFF ? 1 : 2; }

static void wr_var(wrdp_writer *w, unsigned code, uint32_t v)
{
    if (code == 0)
        wrdp_wr_u8(w, (uint8_t)v);
    else if (code == 1)
        wrdp_wr_u16le(w, (uint16_t)v);
    else
        wrdp_wr_u32le(w, v);
}

static uint32_t rd_var(wrdp_cursor *c, unsigned code, const char *field)
{
    if (code == 0)
        return wrdp_rd_u8(c, field);
    if (code == 1)
        return wrdp_rd_u16le(c, field);
    if (code == 2)
        return wrdp_rd_u32le(c, field);
    wrdp_cursor_fail(c, field, "size code 3 is invalid");
    return 0;
}

static chan *find(wrdp_dvc *d, uint32_t id)
{
    for (size_t i = 0; i < WRDP_DVC_OPEN_MAX; i++)
        if (d->chans[i].used && d->chans[i].id == id)
            return &d->chans[i];
    return NULL;
}

bool wrdp_dvc_channel_id(const wrdp_dvc *d, const char *name, uint32_t *id)
{
    for (size_t i = 0; i < WRDP_DVC_OPEN_MAX; i++) {
        const chan *c = &d->chans[i];
        if (c->used && !strcmp(d->regs[c->reg].name, name)) {
            if (id)
                *id = c->id;
            return true;
        }
    }
    return false;
}

static void reset_partial(chan *c)
{
    wrdp_free(c->buf);
    c->buf = NULL;
    c->len = c->total = 0;
    c->partial = false;
}

static void drop(wrdp_dvc *d, chan *c, bool notify)
{
    reset_partial(c);
    c->used = false;
    reg *r = &d->regs[c->reg];
    if (notify && r->proc.close)
        r->proc.close(r->proc.ctx, c->id);
    push(d, WRDP_DVC_EVENT_CLOSED, c->id, r->name);
}

static int write_close(uint32_t id, wrdp_writer *out)
{
    size_t at = begin(out);
    unsigned code = size_code(id);
    wrdp_wr_u8(out, (uint8_t)(WRDP_DVC_CMD_CLOSE << 4 | code));
    wr_var(out, code, id);
    return end(out, at);
}

/* ---- the PDUs ---- */

static int capabilities(wrdp_dvc *d, wrdp_cursor *c, wrdp_writer *out)
{
    wrdp_rd_u8(c, "Pad");
    uint16_t version = wrdp_rd_u16le(c, "Version");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (version < 1)
        return wrdp_error_set(&d->err, WRDP_ERROR_DECODE, "DVC: capabilities version 0");
    if (version >= 2) /* priority charges: kept, there is one channel class to us */
        for (int i = 0; i < 4; i++)
            d->charges[i] = wrdp_rd_u16le(c, "PriorityCharge");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    d->version = version < d->cfg.max_version ? version : d->cfg.max_version;
    size_t at = begin(out);
    wrdp_wr_u8(out, WRDP_DVC_CMD_CAPABILITY << 4);
    wrdp_wr_u8(out, 0);
    wrdp_wr_u16le(out, d->version);
    if (end(out, at))
        return WRDP_ERR;
    push(d, WRDP_DVC_EVENT_CAPABILITIES, 0, NULL);
    return WRDP_OK;
}

static int create_response(uint32_t id, uint32_t status, wrdp_writer *out)
{
    size_t at = begin(out);
    unsigned code = size_code(id);
    wrdp_wr_u8(out, (uint8_t)(WRDP_DVC_CMD_CREATE << 4 | code));
    wr_var(out, code, id);
    wrdp_wr_u32le(out, status);
    return end(out, at);
}

static int create(wrdp_dvc *d, wrdp_cursor *c, unsigned code, wrdp_writer *out)
{
    uint32_t id = rd_var(c, code, "ChannelId");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    wrdp_bytes rest = wrdp_rd_rest(c);
    const uint8_t *nul = memchr(rest.data, 0, rest.len);
    if (!nul)
        return wrdp_error_set(&d->err, WRDP_ERROR_DECODE, "DVC Create Request: the channel name has no NUL");
    char name[WRDP_DVC_NAME_MAX];
    size_t n = (size_t)(nul - rest.data);
    bool long_name = n >= sizeof name;
    if (long_name)
        n = sizeof name - 1;
    memcpy(name, rest.data, n);
    name[n] = 0;
    int r = -1;
    for (size_t i = 0; !long_name && i < d->reg_count; i++)
        if (!strcmp(d->regs[i].name, name))
            r = (int)i;
    chan *slot = NULL;
    if (r >= 0 && !find(d, id))
        for (size_t i = 0; i < WRDP_DVC_OPEN_MAX && !slot; i++)
            if (!d->chans[i].used)
                slot = &d->chans[i];
    if (!slot) { /* unknown name, a duplicate id, or too many open: refused, politely */
        push(d, WRDP_DVC_EVENT_REFUSED, id, name);
        return create_response(id, WRDP_DVC_CREATION_REFUSED, out);
    }
    if (create_response(id, 0, out))
        return WRDP_ERR;
    memset(slot, 0, sizeof *slot);
    slot->used = true;
    slot->id = id;
    slot->reg = r;
    push(d, WRDP_DVC_EVENT_OPENED, id, name);
    const wrdp_dvc_processor *p = &d->regs[r].proc;
    if (p->open && p->open(p->ctx, d, id, out)) {
        /* the processor gave up: the channel closes again */
        drop(d, slot, false);
        return write_close(id, out);
    }
    return WRDP_OK;
}

static int deliver(wrdp_dvc *d, chan *ch, const uint8_t *msg, size_t len, wrdp_writer *out)
{
    const wrdp_dvc_processor *p = &d->regs[ch->reg].proc;
    if (!p->data)
        return WRDP_OK;
    if (p->data(p->ctx, d, ch->id, msg, len, out))
        return wrdp_error_set(&d->err, WRDP_ERROR_DECODE, "DVC %s: the processor failed on a %zu-byte message",
                              d->regs[ch->reg].name, len);
    return WRDP_OK;
}

/* DATA_FIRST / DATA / their compressed forms: the chunk (decompressed) into the channel's message. */
static int data(wrdp_dvc *d, wrdp_cursor *c, unsigned cmd, unsigned code, unsigned len_code, wrdp_writer *out)
{
    uint32_t id = rd_var(c, code, "ChannelId");
    bool first = cmd == WRDP_DVC_CMD_DATA_FIRST || cmd == WRDP_DVC_CMD_DATA_FIRST_COMPRESSED;
    bool compressed = cmd == WRDP_DVC_CMD_DATA_FIRST_COMPRESSED || cmd == WRDP_DVC_CMD_DATA_COMPRESSED;
    uint32_t total = first ? rd_var(c, len_code, "Length") : 0;
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    wrdp_bytes chunk = wrdp_rd_rest(c);
    chan *ch = find(d, id);
    if (!ch)
        return WRDP_OK; /* a channel that is not open (refused or closed): nothing to do */
    if (compressed) {
        if (d->version < 3)
            return wrdp_error_set(&d->err, WRDP_ERROR_DECODE, "DVC: compressed data before version 3");
        if (!d->zgfx && !(d->zgfx = wrdp_zgfx_new()))
            return wrdp_error_set(&d->err, WRDP_ERROR_OUT_OF_MEMORY, "DVC: no memory for the ZGFX history");
        wrdp_writer_reset(&d->scratch);
        if (wrdp_zgfx_decompress(d->zgfx, chunk.data, chunk.len, &d->scratch, &d->err)) {
            reset_partial(ch);
            return WRDP_ERR;
        }
        chunk.data = d->scratch.data;
        chunk.len = d->scratch.len;
    }
    if (first) {
        reset_partial(ch); /* a new message replaces an unfinished one */
        if (total > d->cfg.max_message)
            return wrdp_error_set(&d->err, WRDP_ERROR_LIMIT, "DVC %s: a %u-byte message (the limit is %zu)",
                                  d->regs[ch->reg].name, total, d->cfg.max_message);
        if (chunk.len > total)
            return wrdp_error_set(&d->err, WRDP_ERROR_DECODE, "DVC %s: a first chunk of %zu bytes of a %u-byte message",
                                  d->regs[ch->reg].name, chunk.len, total);
        if (chunk.len == total)
            return deliver(d, ch, chunk.data, chunk.len, out);
        ch->buf = wrdp_alloc(total);
        if (!ch->buf)
            return wrdp_error_set(&d->err, WRDP_ERROR_OUT_OF_MEMORY, "DVC: no memory for a %u-byte message", total);
        memcpy(ch->buf, chunk.data, chunk.len);
        ch->len = chunk.len;
        ch->total = total;
        ch->partial = true;
        return WRDP_OK;
    }
    if (!ch->partial)
        return deliver(d, ch, chunk.data, chunk.len, out);
    if (chunk.len > ch->total - ch->len) {
        size_t want = ch->total;
        reset_partial(ch);
        return wrdp_error_set(&d->err, WRDP_ERROR_DECODE, "DVC %s: chunks longer than the %zu-byte message",
                              d->regs[ch->reg].name, want);
    }
    memcpy(ch->buf + ch->len, chunk.data, chunk.len);
    ch->len += chunk.len;
    if (ch->len < ch->total)
        return WRDP_OK;
    uint8_t *msg = ch->buf;
    size_t n = ch->total;
    ch->buf = NULL;
    reset_partial(ch);
    int rc = deliver(d, ch, msg, n, out);
    wrdp_free(msg);
    return rc;
}

static int close_pdu(wrdp_dvc *d, wrdp_cursor *c, unsigned code, wrdp_writer *out)
{
    uint32_t id = rd_var(c, code, "ChannelId");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    chan *ch = find(d, id);
    if (!ch)
        return WRDP_OK;
    drop(d, ch, true);
    return write_close(id, out); /* the client answers a Close with a Close (MS-RDPEDYC 3.2.5.4) */
}

/* MS-RDPEDYC 2.2.5.1: the server offers to move channels onto multitransport
 * tunnels; a client without multitransport switches none (2.2.5.2, no tunnels). */
static int soft_sync(wrdp_dvc *d, wrdp_cursor *c, wrdp_writer *out)
{
    wrdp_rd_u8(c, "Pad");
    wrdp_rd_u32le(c, "Length");
    wrdp_rd_u16le(c, "Flags");
    wrdp_rd_u16le(c, "NumberOfTunnels");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    size_t at = begin(out);
    wrdp_wr_u8(out, WRDP_DVC_CMD_SOFT_SYNC_RESPONSE << 4);
    wrdp_wr_u8(out, 0);
    wrdp_wr_u32le(out, 0);
    if (end(out, at))
        return WRDP_ERR;
    push(d, WRDP_DVC_EVENT_SOFT_SYNC, 0, NULL);
    return WRDP_OK;
}

int wrdp_dvc_process(wrdp_dvc *d, const uint8_t *msg, size_t len, wrdp_writer *out)
{
    wrdp_error_clear(&d->err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, msg, len, "DVC PDU", &d->err);
    uint8_t h = wrdp_rd_u8(&c, "header");
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    unsigned cmd = h >> 4, sp = (h >> 2) & 3, code = h & 3;
    if (cmd != WRDP_DVC_CMD_CAPABILITY && !d->version)
        return wrdp_error_set(&d->err, WRDP_ERROR_DECODE, "DVC: command %u before the Capabilities Request", cmd);
    int rc;
    switch (cmd) {
    case WRDP_DVC_CMD_CAPABILITY: rc = capabilities(d, &c, out); break;
    case WRDP_DVC_CMD_CREATE: rc = create(d, &c, code, out); break;
    case WRDP_DVC_CMD_DATA_FIRST:
    case WRDP_DVC_CMD_DATA:
    case WRDP_DVC_CMD_DATA_FIRST_COMPRESSED:
    case WRDP_DVC_CMD_DATA_COMPRESSED: rc = data(d, &c, cmd, code, sp, out); break;
    case WRDP_DVC_CMD_CLOSE: rc = close_pdu(d, &c, code, out); break;
    case WRDP_DVC_CMD_SOFT_SYNC_REQUEST: rc = soft_sync(d, &c, out); break;
    default: return wrdp_error_set(&d->err, WRDP_ERROR_DECODE, "DVC: unknown command %u", cmd);
    }
    if (rc == WRDP_OK && wrdp_writer_status(out))
        return wrdp_error_set(&d->err, WRDP_ERROR_LIMIT, "DVC: the output is full");
    return rc;
}

int wrdp_dvc_send(wrdp_dvc *d, uint32_t id, const uint8_t *data, size_t len, wrdp_writer *out)
{
    if (!find(d, id))
        return wrdp_error_set(&d->err, WRDP_ERROR_STATE, "DVC: channel %u is not open", id);
    if (len > UINT32_MAX || (!data && len))
        return wrdp_error_set(&d->err, WRDP_ERROR_INVALID_ARGUMENT, "DVC: a bad message to send");
    unsigned code = size_code(id);
    size_t id_len = (size_t)1 << code;
    size_t room = WRDP_DVC_PDU_MAX - 1 - id_len;
    size_t at, off = 0;
    if (len > room) { /* DATA_FIRST with the total length, then DATA */
        unsigned lc = size_code((uint32_t)len);
        size_t first = WRDP_DVC_PDU_MAX - 1 - id_len - ((size_t)1 << lc);
        at = begin(out);
        wrdp_wr_u8(out, (uint8_t)(WRDP_DVC_CMD_DATA_FIRST << 4 | lc << 2 | code));
        wr_var(out, code, id);
        wr_var(out, lc, (uint32_t)len);
        wrdp_wr_bytes(out, data, first);
        if (end(out, at))
            return wrdp_error_set(&d->err, WRDP_ERROR_LIMIT, "DVC: the output is full");
        off = first;
    }
    do {
        size_t n = len - off < room ? len - off : room;
        at = begin(out);
        wrdp_wr_u8(out, (uint8_t)(WRDP_DVC_CMD_DATA << 4 | code));
        wr_var(out, code, id);
        wrdp_wr_bytes(out, data + off, n);
        if (end(out, at))
            return wrdp_error_set(&d->err, WRDP_ERROR_LIMIT, "DVC: the output is full");
        off += n;
    } while (off < len);
    return WRDP_OK;
}

int wrdp_dvc_close(wrdp_dvc *d, uint32_t id, wrdp_writer *out)
{
    chan *ch = find(d, id);
    if (!ch)
        return wrdp_error_set(&d->err, WRDP_ERROR_STATE, "DVC: channel %u is not open", id);
    drop(d, ch, true);
    return write_close(id, out);
}
