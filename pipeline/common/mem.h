/*
 * Memory helpers.  Allocation failure is not an input error a user can fix,
 * and threading ENOMEM through every string copy would hide the real error
 * paths, so these abort with a message (as git's xmalloc does).  Sizes that
 * come from outside input go through rp_size_mul()/rp_size_add() first.
 */
#ifndef RP_COMMON_MEM_H
#define RP_COMMON_MEM_H

#include <stdbool.h>
#include <stddef.h>

/* Never return NULL; the caller frees the result with free(). */
void *rp_xmalloc(size_t size);
void *rp_xcalloc(size_t count, size_t size);
void *rp_xrealloc(void *ptr, size_t size);
char *rp_xstrdup(const char *s);
char *rp_xstrndup(const char *s, size_t n);

/*
 * Like rp_xmalloc, for a block of megabytes that is written all over or
 * at random (a string pool's block, a hash table): where the kernel
 * gives huge pages on request (Linux, transparent_hugepage "madvise"), a
 * block of 2 MiB or more asks for them, so it costs a page fault and a
 * TLB entry per 2 MiB instead of per 4 KiB.  Freed with free().
 */
void *rp_xmalloc_big(size_t size);

/* Overflow-checked arithmetic: false (and *out untouched) on overflow. */
bool rp_size_mul(size_t a, size_t b, size_t *out);
bool rp_size_add(size_t a, size_t b, size_t *out);

/*
 * Grows an array *items of *cap elements of elem_size bytes so that it
 * holds at least need elements; aborts on overflow, like rp_xmalloc.
 */
void rp_array_grow(void **items, size_t *cap, size_t need, size_t elem_size);
/*
 * The same for an array that may grow to megabytes and is written through
 * once (a dataset's records): once it spans 2 MiB it asks for huge pages,
 * as rp_xmalloc_big does.  realloc moves a big block by remapping it, so
 * the pages it already has stay as they are.
 */
void rp_array_grow_big(void **items, size_t *cap, size_t need,
                       size_t elem_size);

#endif
