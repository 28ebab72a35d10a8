/*
 * libxml2's allocator, counted per thread, with a budget.
 *
 * Once rp_xmlmem_install() has run, every allocation libxml2 and libxslt
 * make (xmlMalloc, xmlMallocAtomic, xmlRealloc, xmlMemStrdup, xmlFree)
 * goes through malloc(), realloc() and free(), and the usable size of
 * each block is added to or taken from a count of live bytes kept per
 * thread.  The wrappers are plain malloc and free underneath, so memory
 * libxml2 allocated before they were installed is freed correctly.
 *
 * A watch makes the count a budget for one piece of work on one thread.
 * While it is active, the first request that takes the thread's live
 * bytes more than watch->budget above where they stood when the watch
 * began sets watch->exceeded and calls watch->over, whose job is to stop
 * the work.  A request of RP_XMLMEM_LARGE bytes or more that would go
 * over is refused (NULL, as when the system runs out of memory): that is
 * how a doubling string ends.  A smaller one is granted up to twice the
 * budget, because libxml2 2.9 does not survive every failed small
 * allocation (xmlXPathCompiledEvalToBoolean dereferences the parser
 * context it failed to allocate): the work, told to stop, usually ends
 * with little more, and only what one step still multiplies meets
 * refusals.  watch->tick is called
 * every RP_XMLMEM_TICK requests, which gives a caller a regular turn (to
 * look at a clock) inside code that otherwise gives it none.  Both
 * callbacks run inside an allocation on the watching thread: they must
 * not allocate through libxml2.
 *
 * Counts are per thread so that transforms may run in parallel threads,
 * each with its own budget.  A block freed on another thread than the
 * one that allocated it moves both threads' counts; libxml2 documents
 * are not shared between threads here, so that does not happen in a
 * transform.
 */
#ifndef RP_COMMON_XMLMEM_H
#define RP_COMMON_XMLMEM_H

#include <stdbool.h>
#include <stddef.h>

/* How many allocation requests pass between two calls of watch->tick. */
#define RP_XMLMEM_TICK 256u

/*
 * Requests this big are refused when they would go over the budget.  No
 * structure of libxml2 or libxslt is this big; what is, grows a string, a
 * buffer or a node set, and those failures are handled.  libxslt's stack
 * of variables is the exception (a failed realloc loses it), so the
 * transform stage keeps the number of variables well below 4 MiB of
 * pointers.
 */
#define RP_XMLMEM_LARGE ((size_t)4 << 20)

struct rp_xmlmem_watch {
    size_t budget;           /* bytes above the start; 0: no limit */
    void (*over)(void *ctx); /* when first over the budget, or NULL */
    void (*tick)(void *ctx); /* every RP_XMLMEM_TICK requests, or NULL */
    void *ctx;
    /* Filled in while the watch is active: */
    size_t peak;   /* most live bytes above the start */
    bool exceeded; /* a request went, or would have gone, over */
    /* Private: */
    long long start;
    unsigned requests;
    struct rp_xmlmem_watch *outer;
};

/* Installs the counting allocator into libxml2; once per process, any
 * thread, idempotent. */
void rp_xmlmem_install(void);

/*
 * Makes w the active watch of the calling thread until
 * rp_xmlmem_watch_end(w) on the same thread (watches nest: the inner one
 * decides).  Installs the allocator if need be.  w's caller-set fields
 * are read; the rest is reset.
 */
void rp_xmlmem_watch_begin(struct rp_xmlmem_watch *w);
void rp_xmlmem_watch_end(struct rp_xmlmem_watch *w);

#endif
