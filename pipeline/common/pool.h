/*
 * String pools: many small strings that live and die together, such as
 * the text of a dataset's records, copied one after another into large
 * blocks.  A string then costs its bytes rather than a malloc chunk, and
 * all of them go at once with rp_pool_release.  A mark taken before some
 * work rolls back every string added since: a rejected row or a failed
 * file leaves no text behind.  Strings are never moved or freed one by
 * one; nobody may free() them.
 */
#ifndef RP_COMMON_POOL_H
#define RP_COMMON_POOL_H

#include <stddef.h>

struct rp_pool {
    char **blocks;
    size_t n_blocks, cap_blocks;
    size_t used; /* bytes taken in the last block */
    size_t size; /* bytes the last block holds */
};

/* Where a pool stood; rp_pool_rollback returns it there. */
struct rp_pool_mark {
    size_t n_blocks, used, size;
};

void rp_pool_init(struct rp_pool *pool);
/* Frees every string of the pool; the struct itself is the caller's. */
void rp_pool_release(struct rp_pool *pool);

/* Room for len bytes and a NUL (written), owned by the pool. */
char *rp_pool_alloc(struct rp_pool *pool, size_t len);
/* A copy of s[0..len) with a NUL after it, owned by the pool. */
char *rp_pool_strndup(struct rp_pool *pool, const char *s, size_t len);

struct rp_pool_mark rp_pool_mark(const struct rp_pool *pool);
/* Drops every string added since mark was taken. */
void rp_pool_rollback(struct rp_pool *pool, struct rp_pool_mark mark);

#endif
