/* String pools (pool.h): bump allocation in blocks, rollback by mark. */
#include "pool.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

/* Large enough that a block's malloc is rare, small enough that a pool
 * holding a handful of names does not take much. */
#define POOL_BLOCK ((size_t)256 << 10)
/* POOL_BLOCK << 5 = 8 MiB: at most that much of a big pool is unused. */

void rp_pool_init(struct rp_pool *pool)
{
    memset(pool, 0, sizeof(*pool));
}

void rp_pool_release(struct rp_pool *pool)
{
    size_t i;

    for (i = 0; i < pool->n_blocks; i++)
        free(pool->blocks[i]);
    free(pool->blocks);
    rp_pool_init(pool);
}

char *rp_pool_alloc(struct rp_pool *pool, size_t len)
{
    size_t need;
    char *s;

    if (!rp_size_add(len, 1, &need))
        abort();
    if (pool->size - pool->used < need) {
        /* Blocks double up to POOL_BLOCK_MAX: a pool of a few names stays
         * small, one of a million records' text gets big blocks, which
         * rp_xmalloc_big backs with huge pages (the first touch of each
         * 4 KiB page was a tenth of a big import).  A string longer than
         * a block gets a block of its own size. */
        size_t shift = pool->n_blocks < 5 ? pool->n_blocks : 5;
        size_t size = POOL_BLOCK << shift;

        if (need > size)
            size = need;
        rp_array_grow((void **)&pool->blocks, &pool->cap_blocks,
                      pool->n_blocks + 1, sizeof(*pool->blocks));
        pool->blocks[pool->n_blocks++] = rp_xmalloc_big(size);
        pool->size = size;
        pool->used = 0;
    }
    s = pool->blocks[pool->n_blocks - 1] + pool->used;
    pool->used += need;
    s[len] = '\0';
    return s;
}

char *rp_pool_strndup(struct rp_pool *pool, const char *s, size_t len)
{
    char *copy = rp_pool_alloc(pool, len);

    if (len)
        memcpy(copy, s, len);
    return copy;
}

struct rp_pool_mark rp_pool_mark(const struct rp_pool *pool)
{
    struct rp_pool_mark mark;

    mark.n_blocks = pool->n_blocks;
    mark.used = pool->used;
    mark.size = pool->size;
    return mark;
}

void rp_pool_rollback(struct rp_pool *pool, struct rp_pool_mark mark)
{
    /* Blocks begun since the mark go; the mark's own block is cut back. */
    while (pool->n_blocks > mark.n_blocks)
        free(pool->blocks[--pool->n_blocks]);
    pool->used = mark.used;
    pool->size = mark.size;
}
