/* Unit tests for the string pool: copies, block boundaries, rollback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/pool.h"

/* Enough strings to fill several blocks; each stays where it was put. */
static void test_strings_survive_new_blocks(void **state)
{
    enum { N = 60000 };
    struct rp_pool pool;
    char **s = calloc(N, sizeof(*s)), want[32];
    size_t i;

    (void)state;
    rp_pool_init(&pool);
    for (i = 0; i < N; i++) {
        int n = snprintf(want, sizeof(want), "string %zu", i);
        s[i] = rp_pool_strndup(&pool, want, (size_t)n);
    }
    assert_true(pool.n_blocks > 1);
    for (i = 0; i < N; i++) {
        snprintf(want, sizeof(want), "string %zu", i);
        assert_string_equal(s[i], want);
    }
    assert_string_equal(rp_pool_strndup(&pool, "abc", 0), "");
    assert_string_equal(rp_pool_alloc(&pool, 0), "");
    free(s);
    rp_pool_release(&pool);
    assert_int_equal(pool.n_blocks, 0);
}

/* A string longer than a block gets a block of its own. */
static void test_long_string(void **state)
{
    size_t len = (size_t)1 << 20;
    char *big = malloc(len), *copy;
    struct rp_pool pool;

    (void)state;
    memset(big, 'x', len);
    rp_pool_init(&pool);
    (void)rp_pool_strndup(&pool, "before", 6);
    copy = rp_pool_strndup(&pool, big, len);
    assert_memory_equal(copy, big, len);
    assert_int_equal(copy[len], '\0');
    assert_string_equal(rp_pool_strndup(&pool, "after", 5), "after");
    free(big);
    rp_pool_release(&pool);
}

/* Rollback drops what came after the mark, across blocks, keeps what
 * came before, and the pool goes on from the mark. */
static void test_rollback(void **state)
{
    struct rp_pool pool;
    struct rp_pool_mark mark;
    char *kept, *again;
    size_t i;

    (void)state;
    rp_pool_init(&pool);
    kept = rp_pool_strndup(&pool, "kept", 4);
    mark = rp_pool_mark(&pool);
    for (i = 0; i < 100000; i++)
        (void)rp_pool_strndup(&pool, "dropped text", 12);
    assert_true(pool.n_blocks > mark.n_blocks);
    rp_pool_rollback(&pool, mark);
    assert_int_equal(pool.n_blocks, mark.n_blocks);
    assert_int_equal(pool.used, mark.used);
    again = rp_pool_strndup(&pool, "next", 4);
    assert_ptr_equal(again, kept + 5);
    assert_string_equal(kept, "kept");
    /* A mark on an empty pool empties it. */
    rp_pool_release(&pool);
    mark = rp_pool_mark(&pool);
    (void)rp_pool_strndup(&pool, "x", 1);
    rp_pool_rollback(&pool, mark);
    assert_int_equal(pool.n_blocks, 0);
    assert_string_equal(rp_pool_strndup(&pool, "y", 1), "y");
    rp_pool_release(&pool);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings_survive_new_blocks),
        cmocka_unit_test(test_long_string),
        cmocka_unit_test(test_rollback),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
