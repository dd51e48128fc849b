/* The read cursor, the write buffer, the arena and the allocation cap. */
#include "test.h"
#include "webrdp/utils.h"

static void test_cursor_reads(void)
{
    const uint8_t d[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b};
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, d, sizeof d, "demo_pdu", &err);
    CHECK_EQ(wrdp_rd_u8(&c, "a"), 0x01);
    CHECK_EQ(wrdp_rd_u16le(&c, "b"), 0x0302);
    CHECK_EQ(wrdp_rd_u16be(&c, "c"), 0x0405);
    CHECK_EQ(wrdp_rd_u32le(&c, "d"), 0x09080706);
    CHECK_EQ(wrdp_cursor_remaining(&c), 2);
    CHECK(wrdp_cursor_ok(&c));
    /* reading past the end fails once, names the PDU, the field and the offset */
    CHECK_EQ(wrdp_rd_u32be(&c, "tooLong"), 0);
    CHECK(!wrdp_cursor_ok(&c));
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    CHECK(strstr(err.message, "demo_pdu") != NULL);
    CHECK(strstr(err.message, "tooLong") != NULL);
    CHECK_EQ(err.offset, 9);
    /* sticky: later reads return zero and keep the first message */
    CHECK_EQ(wrdp_rd_u8(&c, "later"), 0);
    CHECK(strstr(err.message, "later") == NULL);
    CHECK_EQ(wrdp_cursor_remaining(&c), 0);
}

static void test_cursor_sub(void)
{
    const uint8_t d[] = {0xAA, 0xBB, 0xCC, 0xDD, 0xEE};
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c, s;
    wrdp_cursor_init(&c, d, sizeof d, "outer", &err);
    wrdp_rd_u8(&c, "x");
    CHECK_EQ(wrdp_cursor_sub(&c, 2, &s, "inner"), WRDP_OK);
    CHECK_EQ(wrdp_rd_u16be(&s, "v"), 0xBBCC);
    CHECK_EQ(c.pos, 3);
    /* a failure in the sub-cursor marks the parent too, and reports the absolute offset */
    wrdp_rd_u8(&s, "overrun");
    CHECK(!wrdp_cursor_ok(&s));
    CHECK(!wrdp_cursor_ok(&c));
    CHECK_EQ(err.offset, 3);
    /* a sub-cursor longer than the input fails */
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, d, sizeof d, "outer", &err);
    CHECK_EQ(wrdp_cursor_sub(&c, 6, &s, "huge"), WRDP_ERR);
    CHECK(!wrdp_cursor_ok(&s));
    CHECK_EQ(wrdp_cursor_remaining(&s), 0);
    /* expect_end names the trailing bytes */
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, d, sizeof d, "outer", &err);
    wrdp_rd_u8(&c, "x");
    CHECK_EQ(wrdp_cursor_expect_end(&c), WRDP_ERR);
    CHECK(strstr(err.message, "4 unexpected trailing bytes") != NULL);
    /* a huge length never wraps around */
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, d, sizeof d, "outer", &err);
    wrdp_rd_u8(&c, "x");
    CHECK_EQ(wrdp_rd_skip(&c, SIZE_MAX, "skip"), WRDP_ERR);
    wrdp_bytes b;
    wrdp_cursor_init(&c, d, sizeof d, "outer", &err);
    CHECK_EQ(wrdp_rd_bytes(&c, 5, &b, "all"), WRDP_OK);
    CHECK(b.data == d && b.len == 5);
    CHECK_EQ(wrdp_cursor_expect_end(&c), WRDP_OK);
}

static void test_writer(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 1000, &err);
    wrdp_wr_u8(&w, 0x01);
    wrdp_wr_u16le(&w, 0x0302);
    wrdp_wr_u16be(&w, 0x0405);
    wrdp_wr_u32le(&w, 0x09080706);
    wrdp_wr_u32be(&w, 0x0a0b0c0d);
    wrdp_wr_u64le(&w, 0x1817161514131211ull);
    const uint8_t want[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 0xa, 0xb, 0xc, 0xd,
                            0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18};
    CHECK_EQ(w.len, sizeof want);
    CHECK_MEM(w.data, want, sizeof want);
    wrdp_wr_put_u16be_at(&w, 0, 0xBEEF);
    CHECK(w.data[0] == 0xBE && w.data[1] == 0xEF);
    uint8_t *ins = wrdp_wr_insert(&w, 1, 2);
    CHECK(ins != NULL);
    if (ins)
        ins[0] = ins[1] = 0x77;
    CHECK(w.data[0] == 0xBE && w.data[1] == 0x77 && w.data[2] == 0x77 && w.data[3] == 0xEF);
    /* growth beyond the limit fails with a limit error and stays failed */
    wrdp_wr_fill(&w, 0, 2000);
    CHECK_EQ(wrdp_writer_status(&w), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_LIMIT);
    wrdp_wr_u8(&w, 1);
    CHECK_EQ(w.len, sizeof want + 2);
    /* patching outside what was written is an error, never a write */
    wrdp_writer_reset(&w);
    wrdp_wr_put_u32le_at(&w, 0, 1);
    CHECK_EQ(wrdp_writer_status(&w), WRDP_ERR);
    wrdp_writer_free(&w);

    uint8_t buf[4];
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    wrdp_wr_u32be(&w, 0xCAFEBABE);
    CHECK_EQ(wrdp_writer_status(&w), WRDP_OK);
    wrdp_wr_u8(&w, 0);
    CHECK_EQ(wrdp_writer_status(&w), WRDP_ERR);
    CHECK(buf[0] == 0xCA && buf[3] == 0xBE);
}

static void test_arena_and_alloc(void)
{
    wrdp_arena a;
    wrdp_arena_init(&a, 10000);
    uint8_t *p = wrdp_arena_alloc(&a, 5000);
    CHECK(p != NULL && ((uintptr_t)p & 7) == 0);
    uint8_t *q = wrdp_arena_alloc(&a, 4000);
    CHECK(q != NULL && q != p);
    CHECK(wrdp_arena_alloc(&a, 2000) == NULL); /* over the limit */
    CHECK(wrdp_arena_alloc(&a, SIZE_MAX) == NULL);
    wrdp_arena_free(&a);
    CHECK(wrdp_alloc(0) == NULL);
    CHECK(wrdp_alloc(WRDP_ALLOC_MAX + 1) == NULL);
    CHECK(wrdp_calloc(SIZE_MAX / 2, 4) == NULL);
    void *m = wrdp_alloc(16);
    CHECK(m != NULL);
    wrdp_free(m);
}

static void test_error(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    CHECK_EQ(err.kind, WRDP_ERROR_NONE);
    CHECK_EQ(wrdp_error_set(&err, WRDP_ERROR_WRONG_PASSWORD, "user %s", "bob"), WRDP_ERR);
    CHECK(!strcmp(err.message, "user bob"));
    CHECK(!strcmp(wrdp_error_kind_name(err.kind), "wrong-password"));
    for (int k = 0; k < WRDP_ERROR_KIND_COUNT; k++)
        CHECK(wrdp_error_kind_name((wrdp_error_kind)k) != NULL && strcmp(wrdp_error_kind_name((wrdp_error_kind)k), "unknown"));
    CHECK(!strcmp(wrdp_error_kind_name(WRDP_ERROR_KIND_COUNT), "unknown"));
    char longmsg[600];
    memset(longmsg, 'x', sizeof longmsg - 1);
    longmsg[sizeof longmsg - 1] = 0;
    wrdp_error_set(&err, WRDP_ERROR_DECODE, "%s", longmsg);
    CHECK_EQ(strlen(err.message), WRDP_ERROR_MESSAGE_MAX - 1);
    CHECK_EQ(wrdp_error_set(NULL, WRDP_ERROR_DECODE, "dropped"), WRDP_ERR);
}

int main(void)
{
    test_cursor_reads();
    test_cursor_sub();
    test_writer();
    test_arena_and_alloc();
    test_error();
    return test_finish("core_buffers");
}
