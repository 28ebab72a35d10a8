/* libxml2's allocator, counted per thread, with a budget (xmlmem.h). */
#include "xmlmem.h"

#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlmemory.h>

/* Thread-local, so each thread's transform has its own count and budget
 * and the wrappers need no lock. */
static _Thread_local long long live;
static _Thread_local struct rp_xmlmem_watch *active;

static void note_peak(struct rp_xmlmem_watch *w)
{
    long long above = live - w->start;

    if (above > 0 && (size_t)above > w->peak)
        w->peak = (size_t)above;
}

/*
 * May the thread take `more` bytes on top of what it holds?  Deciding
 * before malloc() is asked means a string doubled past the budget is
 * never allocated at all, however big the request.
 */
static bool allow(size_t more)
{
    struct rp_xmlmem_watch *w = active;
    long long above;

    if (!w)
        return true;
    if (++w->requests % RP_XMLMEM_TICK == 0 && w->tick)
        w->tick(w->ctx);
    if (w->budget == 0)
        return true;
    above = live - w->start;
    if (more <= w->budget && (above <= 0 || (size_t)above <= w->budget - more))
        return true;
    if (!w->exceeded) {
        w->exceeded = true;
        if (w->over)
            w->over(w->ctx);
    }
    if (more >= RP_XMLMEM_LARGE)
        return false;
    /* Small requests are granted while the work stops, but not for ever:
     * a single step can still multiply what exists (str:tokenize makes a
     * node of each character).  Past twice the budget, refusing is the
     * lesser risk. */
    return above <= 0 || (size_t)above <= 2 * w->budget - more;
}

static void took(void *p)
{
    if (!p)
        return;
    live += (long long)malloc_usable_size(p);
    if (active)
        note_peak(active);
}

static void *counted_malloc(size_t size)
{
    void *p;

    if (!allow(size))
        return NULL;
    p = malloc(size);
    took(p);
    return p;
}

static void *counted_realloc(void *old, size_t size)
{
    size_t had = old ? malloc_usable_size(old) : 0;
    void *p;

    if (size > had && !allow(size - had))
        return NULL;
    p = realloc(old, size);
    if (!p)
        return NULL;
    live -= (long long)had;
    took(p);
    return p;
}

static void counted_free(void *p)
{
    if (!p)
        return;
    live -= (long long)malloc_usable_size(p);
    free(p);
}

static char *counted_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = counted_malloc(n);

    if (p)
        memcpy(p, s, n);
    return p;
}

static void install_once(void)
{
    /* malloc and free underneath, as libxml2's defaults are: blocks
     * allocated before this call are freed correctly after it. */
    xmlGcMemSetup(counted_free, counted_malloc, counted_malloc, counted_realloc,
                  counted_strdup);
}

void rp_xmlmem_install(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, install_once);
}

void rp_xmlmem_watch_begin(struct rp_xmlmem_watch *w)
{
    rp_xmlmem_install();
    w->peak = 0;
    w->exceeded = false;
    w->start = live;
    w->requests = 0;
    w->outer = active;
    active = w;
}

void rp_xmlmem_watch_end(struct rp_xmlmem_watch *w)
{
    if (active == w)
        active = w->outer;
    w->outer = NULL;
}
