/* Memory helpers: allocation that cannot return NULL, checked sizes. */
#include "mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void out_of_memory(size_t size)
{
    fprintf(stderr, "reportpipe: out of memory (allocating %zu bytes)\n", size);
    abort();
}

void *rp_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

#define HUGE_PAGE ((size_t)2 << 20)

void *rp_xmalloc_big(size_t size)
{
#ifdef MADV_HUGEPAGE
    if (size >= HUGE_PAGE) {
        /* aligned_alloc wants a multiple of the alignment. */
        size_t whole = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        void *p = whole >= size ? aligned_alloc(HUGE_PAGE, whole) : NULL;
        if (!p)
            out_of_memory(size);
        (void)madvise(p, whole, MADV_HUGEPAGE); /* a hint: may be refused */
        return p;
    }
#endif
    return rp_xmalloc(size);
}

void *rp_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *rp_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

char *rp_xstrdup(const char *s)
{
    return rp_xstrndup(s, strlen(s));
}

char *rp_xstrndup(const char *s, size_t n)
{
    char *p = rp_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

bool rp_size_mul(size_t a, size_t b, size_t *out)
{
    if (b && a > SIZE_MAX / b)
        return false;
    *out = a * b;
    return true;
}

bool rp_size_add(size_t a, size_t b, size_t *out)
{
    if (a > SIZE_MAX - b)
        return false;
    *out = a + b;
    return true;
}

/*
 * Asks for huge pages over every page a block touches: a hint, which the
 * kernel may refuse.  Rounded outwards, so that a block malloc mapped on
 * its own stays one mapping: realloc grows such a block with mremap,
 * which fails on a mapping split in two and falls back to a copy.
 */
static void advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
    long page = sysconf(_SC_PAGESIZE);
    uintptr_t mask = (uintptr_t)page - 1;
    uintptr_t start = (uintptr_t)p & ~mask;
    uintptr_t end = ((uintptr_t)p + size + mask) & ~mask;

    if (size < HUGE_PAGE || page <= 0)
        return;
    (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p;
    (void)size;
#endif
}

static void array_grow(void **items, size_t *cap, size_t need, size_t elem_size,
                       bool big)
{
    size_t new_cap = *cap ? *cap : 16;
    size_t bytes;

    if (need <= *cap)
        return;
    while (new_cap < need) {
        if (!rp_size_mul(new_cap, 2, &new_cap))
            out_of_memory(SIZE_MAX);
    }
    if (!rp_size_mul(new_cap, elem_size, &bytes))
        out_of_memory(SIZE_MAX);
    *items = rp_xrealloc(*items, bytes);
    *cap = new_cap;
    if (big)
        advise_huge(*items, bytes);
}

void rp_array_grow(void **items, size_t *cap, size_t need, size_t elem_size)
{
    array_grow(items, cap, need, elem_size, false);
}

void rp_array_grow_big(void **items, size_t *cap, size_t need, size_t elem_size)
{
    array_grow(items, cap, need, elem_size, true);
}
