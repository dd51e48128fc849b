/* The JSON writer and the strict JSON reader. */
#include "core/json.h"
#include "test.h"

static const wrdp_json *parse(const char *s, wrdp_arena *a, wrdp_error *err)
{
    return wrdp_json_parse(s, strlen(s), a, err);
}

static void test_reader(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_arena a;
    wrdp_arena_init(&a, 1 << 20);
    const wrdp_json *v = parse(" {\"a\": 1, \"b\": [true, null, -2, 3.5e1], \"s\": \"x\\u00e9\\ud83d\\ude00\\n\", "
                               "\"h\": \"0aFF\", \"big\": 18446744073709551615} ", &a, &err);
    CHECK(v != NULL);
    uint8_t u8;
    uint32_t u32;
    uint64_t u64;
    CHECK_EQ(wrdp_json_get_u8(v, "a", &u8, &err), WRDP_OK);
    CHECK_EQ(u8, 1);
    CHECK_EQ(wrdp_json_get_u64(v, "big", &u64, &err), WRDP_OK);
    CHECK_EQ(u64, UINT64_MAX);
    CHECK_EQ(wrdp_json_get_u32(v, "big", &u32, &err), WRDP_ERR);
    CHECK(strstr(err.message, "big") != NULL);
    const wrdp_json *arr;
    CHECK_EQ(wrdp_json_get_array(v, "b", &arr, &err), WRDP_OK);
    CHECK_EQ(arr->len, 4);
    CHECK(wrdp_json_at(arr, 0)->type == WRDP_JSON_BOOL && wrdp_json_at(arr, 0)->boolean);
    CHECK(wrdp_json_at(arr, 1)->type == WRDP_JSON_NULL);
    CHECK(wrdp_json_at(arr, 2)->negative && wrdp_json_at(arr, 2)->magnitude == 2);
    CHECK(!wrdp_json_at(arr, 3)->is_integer && wrdp_json_at(arr, 3)->number == 35.0);
    CHECK(wrdp_json_at(arr, 4) == NULL);
    const char *s;
    size_t n;
    CHECK_EQ(wrdp_json_get_string(v, "s", &s, &n, &err), WRDP_OK);
    CHECK_EQ(n, 8);
    CHECK_MEM(s, "x\xc3\xa9\xf0\x9f\x98\x80\n", 8);
    wrdp_bytes b;
    CHECK_EQ(wrdp_json_get_hex(v, "h", &b, &a, &err), WRDP_OK);
    CHECK(b.len == 2 && b.data[0] == 0x0a && b.data[1] == 0xff);
    CHECK_EQ(wrdp_json_get_utf16(v, "s", &b, &a, &err), WRDP_OK);
    CHECK_EQ(b.len, 10); /* x, é, one surrogate pair, \n */
    CHECK_EQ(wrdp_json_get_u8(v, "missing", &u8, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_INVALID_ARGUMENT);
    CHECK_EQ(wrdp_json_get_u8(arr, "x", &u8, &err), WRDP_ERR);
    CHECK_EQ(wrdp_json_get_hex(v, "s", &b, &a, &err), WRDP_ERR);
    int32_t i32;
    const wrdp_json *neg = parse("{\"n\": -2147483648, \"m\": -2147483649}", &a, &err);
    CHECK(neg != NULL);
    CHECK_EQ(wrdp_json_get_i32(neg, "n", &i32, &err), WRDP_OK);
    CHECK(i32 == INT32_MIN);
    CHECK_EQ(wrdp_json_get_i32(neg, "m", &i32, &err), WRDP_ERR);

    const char *bad[] = {"", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "\"abc", "\"\\x\"", "\"\\u12\"", "tru",
                         "{} x", "[1 2]", "\"a\x01\"", "{\"a\":1,}", "1e", "nul"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        wrdp_error_clear(&err);
        CHECK_MSG(parse(bad[i], &a, &err) == NULL, "accepted %s", bad[i]);
        CHECK_MSG(err.kind == WRDP_ERROR_DECODE, "error kind for %s", bad[i]);
    }
    /* nesting is bounded */
    char deep[300];
    memset(deep, '[', 200);
    memset(deep + 200, ']', 99);
    deep[299] = 0;
    CHECK(parse(deep, &a, &err) == NULL);
    CHECK(strstr(err.message, "deep") != NULL);
    wrdp_arena_free(&a);
    /* and so is memory */
    wrdp_arena_init(&a, 64);
    CHECK(parse("[1,2,3,4,5,6,7,8,9]", &a, &err) == NULL);
    CHECK(strstr(err.message, "too large") != NULL);
    wrdp_arena_free(&a);
}

static void test_writer(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    wrdp_json_writer j;
    wrdp_jw_init(&j, &w, false);
    wrdp_jw_object_begin(&j);
    wrdp_jw_kv_uint(&j, "u", 18446744073709551615ull);
    wrdp_jw_kv_int(&j, "i", -5);
    wrdp_jw_kv_bool(&j, "b", true);
    wrdp_jw_kv_cstring(&j, "s", "q\"\\\n\x01");
    wrdp_jw_kv_hex(&j, "h", "\x00\xab", 2);
    wrdp_jw_kv_utf16(&j, "w", "U\0s\0", 4);
    wrdp_jw_key(&j, "a");
    wrdp_jw_array_begin(&j);
    wrdp_jw_uint(&j, 1);
    wrdp_jw_object_begin(&j);
    wrdp_jw_object_end(&j);
    wrdp_jw_array_begin(&j);
    wrdp_jw_array_end(&j);
    wrdp_jw_null(&j);
    wrdp_jw_array_end(&j);
    wrdp_jw_object_end(&j);
    const char *want = "{\"u\":18446744073709551615,\"i\":-5,\"b\":true,\"s\":\"q\\\"\\\\\\n\\u0001\",\"h\":\"00ab\","
                       "\"w\":\"Us\",\"a\":[1,{},[],null]}";
    CHECK_EQ(w.len, strlen(want));
    CHECK_MSG(w.len == strlen(want) && !memcmp(w.data, want, w.len), "got %.*s", (int)w.len, (const char *)w.data);
    /* the output parses back */
    wrdp_arena a;
    wrdp_arena_init(&a, 1 << 16);
    const wrdp_json *v = wrdp_json_parse((const char *)w.data, w.len, &a, &err);
    CHECK(v != NULL);
    const char *s;
    size_t n;
    CHECK_EQ(wrdp_json_get_string(v, "s", &s, &n, &err), WRDP_OK);
    CHECK(n == 5 && !memcmp(s, "q\"\\\n\x01", 5));
    wrdp_arena_free(&a);

    /* pretty output indents and still parses */
    wrdp_writer_reset(&w);
    wrdp_jw_init(&j, &w, true);
    wrdp_jw_object_begin(&j);
    wrdp_jw_kv_uint(&j, "x", 1);
    wrdp_jw_key(&j, "y");
    wrdp_jw_array_begin(&j);
    wrdp_jw_uint(&j, 2);
    wrdp_jw_array_end(&j);
    wrdp_jw_object_end(&j);
    want = "{\n  \"x\": 1,\n  \"y\": [\n    2\n  ]\n}";
    CHECK_MSG(w.len == strlen(want) && !memcmp(w.data, want, w.len), "got %.*s", (int)w.len, (const char *)w.data);
    wrdp_writer_free(&w);
}

int main(void)
{
    test_reader();
    test_writer();
    return test_finish("core_json");
}
