#include <string.h>

#include "webrdp/utils.h"

struct wrdp_arena_chunk {
    wrdp_arena_chunk *next;
    size_t size;
    size_t used;
    _Alignas(8) unsigned char mem[];
};

#define CHUNK_MIN 4096

void wrdp_arena_init(wrdp_arena *a, size_t limit)
{
    a->head = NULL;
    a->used = 0;
    a->limit = limit;
}

void *wrdp_arena_alloc(wrdp_arena *a, size_t n)
{
    if (n == 0)
        n = 1;
    size_t need = (n + 7) & ~(size_t)7;
    if (need < n || need > a->limit - a->used || a->used > a->limit)
        return NULL;
    wrdp_arena_chunk *c = a->head;
    if (!c || c->size - c->used < need) {
        size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
        c = wrdp_alloc(sizeof *c + size);
        if (!c)
            return NULL;
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->mem + c->used;
    c->used += need;
    a->used += need;
    memset(p, 0, need);
    return p;
}

void wrdp_arena_free(wrdp_arena *a)
{
    wrdp_arena_chunk *c = a->head;
    while (c) {
        wrdp_arena_chunk *next = c->next;
        wrdp_free(c);
        c = next;
    }
    a->head = NULL;
    a->used = 0;
}
