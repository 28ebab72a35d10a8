/*
 * The counting allocator: libxml2's allocations are counted per thread, a
 * watch's budget refuses large requests that would go over and reports
 * the first time it is exceeded, tick comes regularly, and one thread's
 * watch leaves another thread alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <pthread.h>

#include <libxml/xmlmemory.h>

#include "common/xmlmem.h"

struct seen {
    int over, ticks;
};

static void on_over(void *ctx)
{
    ((struct seen *)ctx)->over++;
}

static void on_tick(void *ctx)
{
    ((struct seen *)ctx)->ticks++;
}

static void test_counts_what_libxml2_allocates(void **state)
{
    struct rp_xmlmem_watch w = {0};
    char *before, *p, *q;

    (void)state;
    rp_xmlmem_install();
    before = xmlMalloc(1 << 20);
    rp_xmlmem_watch_begin(&w);
    p = xmlMalloc(100000);
    q = (char *)xmlStrndup(BAD_CAST "abc", 3);
    assert_non_null(p);
    assert_non_null(q);
    assert_true(w.peak >= 100000);
    p = xmlRealloc(p, 300000);
    assert_non_null(p);
    assert_true(w.peak >= 300000 && w.peak < 500000);
    xmlFree(p);
    xmlFree(q);
    /* Allocated before the watch, freed during it: a credit, not a
     * charge. */
    xmlFree(before);
    p = xmlMalloc(500000);
    assert_true(w.peak < 500000);
    xmlFree(p);
    rp_xmlmem_watch_end(&w);
    assert_false(w.exceeded);
}

static void test_budget(void **state)
{
    struct seen seen = {0};
    struct rp_xmlmem_watch w = {
        .budget = 8 << 20, .over = on_over, .ctx = &seen};
    char *small[4], *more[8], *big, *grown;
    size_t i;

    (void)state;
    rp_xmlmem_watch_begin(&w);
    big = xmlMalloc(6 << 20);
    assert_non_null(big);
    assert_false(w.exceeded);
    /* A large request past the budget is refused, and said so once. */
    assert_null(xmlMalloc(RP_XMLMEM_LARGE));
    assert_null(xmlMallocAtomic(RP_XMLMEM_LARGE));
    assert_true(w.exceeded);
    assert_int_equal(seen.over, 1);
    /* So is growing a block past it; the block stays as it was. */
    big[0] = 'x';
    grown = xmlRealloc(big, (6 << 20) + 2 * RP_XMLMEM_LARGE);
    assert_null(grown);
    assert_int_equal(big[0], 'x');
    /* Small ones are granted: libxml2 does not survive every refusal. */
    for (i = 0; i < 4; i++) {
        small[i] = xmlMalloc(1 << 20);
        assert_non_null(small[i]);
    }
    assert_int_equal(seen.over, 1);
    assert_true(w.peak > (size_t)8 << 20);
    /* ...up to twice the budget: past it, nothing is. */
    for (i = 0; i < 8; i++)
        more[i] = xmlMalloc(1 << 20);
    assert_null(more[7]);
    assert_true(w.peak <= (size_t)16 << 20);
    for (i = 0; i < 8; i++)
        xmlFree(more[i]);
    for (i = 0; i < 4; i++)
        xmlFree(small[i]);
    xmlFree(big);
    /* A request bigger than the whole budget, as a size_t can hold. */
    assert_null(xmlMalloc(SIZE_MAX / 2));
    rp_xmlmem_watch_end(&w);
    /* Without a watch there is no budget. */
    big = xmlMalloc(16 << 20);
    assert_non_null(big);
    xmlFree(big);
}

static void test_tick(void **state)
{
    struct seen seen = {0};
    struct rp_xmlmem_watch w = {.tick = on_tick, .ctx = &seen};
    unsigned i;

    (void)state;
    rp_xmlmem_watch_begin(&w);
    for (i = 0; i < 3 * RP_XMLMEM_TICK; i++)
        xmlFree(xmlMalloc(16));
    rp_xmlmem_watch_end(&w);
    assert_int_equal(seen.ticks, 3);
}

static void *allocate_big(void *arg)
{
    void *p = xmlMalloc(32 << 20);

    (void)arg;
    xmlFree(p);
    return p;
}

/* A watch is its thread's: another thread allocates freely meanwhile. */
static void test_watch_is_per_thread(void **state)
{
    struct rp_xmlmem_watch w = {.budget = 1 << 20};
    pthread_t t;
    void *got = NULL;

    (void)state;
    rp_xmlmem_watch_begin(&w);
    assert_int_equal(pthread_create(&t, NULL, allocate_big, NULL), 0);
    assert_int_equal(pthread_join(t, &got), 0);
    assert_non_null(got);
    assert_false(w.exceeded);
    assert_null(xmlMalloc(32 << 20));
    rp_xmlmem_watch_end(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_what_libxml2_allocates),
        cmocka_unit_test(test_budget),
        cmocka_unit_test(test_tick),
        cmocka_unit_test(test_watch_is_per_thread),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
