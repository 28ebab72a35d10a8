/*
 * The file source's xmlTextReader as a stream of compact events, read on
 * a producer thread once the document's beginning is read.
 *
 * Parsing is a tenth of a render's work and independent of layout, so it
 * runs on the second core.  Only pure reading happens on the producer:
 * copying names and values, mapping element names to kinds (a constant
 * table) and dropping what the consumer would ignore anyway (text where
 * no text is taken, the inside of unsupported elements, comments).  All
 * property logic stays on the consumer, which owns the document's caches.
 *
 * Events travel in blocks of EVENTS_PER_BLOCK, each with its own string
 * arena; N_BLOCKS blocks exist, so memory is flat in document length.
 * There is one lock per block, not per event, and a signal only when the
 * other side waits.  A block
 * moves free -> producer -> full queue -> consumer -> free; only the
 * thread holding a block touches it, and the hand-over under the lock
 * publishes its contents.
 *
 * The same conversion runs on the calling thread before the producer is
 * started (direct mode), one event at a time, so that the document's
 * beginning can still use the reader itself (xmlTextReaderExpand for the
 * declarations).
 */
#include "fo_internal.h"

#include <pthread.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "common/mem.h"
#include "common/xml.h"

#define EVENTS_PER_BLOCK 256
#define N_BLOCKS 8
/*
 * A waiting producer resumes only when this many blocks are free, so that
 * it wakes once per few blocks, not once per block.  At most N_BLOCKS - 1
 * so that it cannot wait while the consumer waits too.
 */
#define RESUME_FREE (N_BLOCKS / 2)
_Static_assert(RESUME_FREE >= 1 && RESUME_FREE < N_BLOCKS, "see RESUME_FREE");
#define ARENA_SIZE 16384

/* Strings that do not fit the arena's inline space: freed on reset. */
struct overflow {
    struct overflow *next;
    alignas(max_align_t) char data[];
};

struct block {
    struct rp_fo_event events[EVENTS_PER_BLOCK];
    size_t n;
    size_t used; /* of arena */
    struct overflow *overflow;
    alignas(max_align_t) char arena[ARENA_SIZE];
};

struct rp_fo_events {
    xmlTextReader *reader; /* read by the producer once it runs */
    char *name;            /* the document's, for error messages */

    /* Conversion state, the producer's once it runs. */
    bool *accepts_text; /* by depth: the element there takes text */
    size_t cap_accepts;
    int skip_depth; /* >= 0: inside an unsupported element at that depth */

    /* Direct mode: one event at a time in a block of our own. */
    struct block *direct;

    /* Threaded mode. */
    bool threaded;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t filled; /* a block entered the full queue */
    pthread_cond_t freed;  /* a block was given back, or stop is set */
    struct block *blocks[N_BLOCKS];
    struct block *full[N_BLOCKS]; /* FIFO ring */
    size_t full_head, n_full;
    struct block *free_list[N_BLOCKS];
    size_t n_free;
    bool producer_waits, consumer_waits;
    bool stop;

    /* The consumer's block and its position. */
    struct block *cur;
    size_t pos;
};

/* ---- blocks -------------------------------------------------------------- */

static void block_reset(struct block *b)
{
    while (b->overflow) {
        struct overflow *next = b->overflow->next;
        free(b->overflow);
        b->overflow = next;
    }
    b->n = 0;
    b->used = 0;
}

static void *block_alloc(struct block *b, size_t size, size_t align)
{
    size_t at = (b->used + align - 1) & ~(align - 1);
    struct overflow *o;
    size_t total;

    if (at <= ARENA_SIZE && size <= ARENA_SIZE - at) {
        b->used = at + size;
        return b->arena + at;
    }
    /* A long text: the block is handed over as soon as its event is in. */
    if (!rp_size_add(offsetof(struct overflow, data), size, &total))
        total = SIZE_MAX; /* fails as out of memory */
    o = rp_xmalloc(total);
    o->next = b->overflow;
    b->overflow = o;
    return o->data;
}

static const char *block_strdup(struct block *b, const xmlChar *s)
{
    size_t n;
    char *copy;

    if (!s)
        return NULL;
    n = strlen((const char *)s);
    copy = block_alloc(b, n + 1, 1);
    memcpy(copy, s, n + 1);
    return copy;
}

static bool block_is_full(const struct block *b)
{
    return b->n == EVENTS_PER_BLOCK || b->overflow ||
           b->used > ARENA_SIZE - ARENA_SIZE / 8;
}

static bool is_terminal(const struct rp_fo_event *e)
{
    return e->type == RP_FO_EVENT_END_DOCUMENT || e->type == RP_FO_EVENT_ERROR;
}

/* ---- conversion: one reader node to at most one event -------------------- */

/* xmlGetLastError() is per thread: read it on the thread that parsed. */
static void add_error(struct rp_fo_events *events, struct block *b)
{
    struct rp_fo_event *ev = &b->events[b->n++];
    struct rp_error err;

    rp_error_init(&err);
    (void)rp_xml_parse_failed(xmlGetLastError(), events->name,
                              xmlTextReaderGetParserLineNumber(events->reader),
                              &err);
    memset(ev, 0, sizeof(*ev));
    ev->type = RP_FO_EVENT_ERROR;
    ev->text = block_strdup(b, (const xmlChar *)err.message);
    ev->line = err.line;
}

static void add_end_document(struct block *b)
{
    struct rp_fo_event *ev = &b->events[b->n++];

    memset(ev, 0, sizeof(*ev));
    ev->type = RP_FO_EVENT_END_DOCUMENT;
}

static void set_accepts_text(struct rp_fo_events *ev, int depth, bool accepts)
{
    rp_array_grow((void **)&ev->accepts_text, &ev->cap_accepts,
                  (size_t)depth + 1, sizeof(*ev->accepts_text));
    ev->accepts_text[depth] = accepts;
}

static void add_attributes(struct block *b, const xmlNode *node,
                           struct rp_fo_elem *elem)
{
    const xmlAttr *a;
    struct rp_fo_attr *attrs;
    size_t n = 0;

    for (a = node->properties; a; a = a->next)
        n++;
    if (n == 0)
        return;
    attrs = block_alloc(b, n * sizeof(*attrs), alignof(struct rp_fo_attr));
    for (a = node->properties, n = 0; a; a = a->next, n++) {
        xmlChar *owned;
        const char *value = rp_fo_attr_value(a, &owned);

        attrs[n].name = block_strdup(b, a->name);
        attrs[n].ns_href = a->ns ? block_strdup(b, a->ns->href) : NULL;
        attrs[n].ns_prefix = a->ns ? block_strdup(b, a->ns->prefix) : NULL;
        attrs[n].value = block_strdup(b, (const xmlChar *)value);
        xmlFree(owned);
    }
    elem->attrs = attrs;
    elem->n_attrs = n;
}

static void add_element(struct rp_fo_events *ev, struct block *b,
                        xmlTextReader *reader, int depth)
{
    xmlNode *node = xmlTextReaderCurrentNode(reader);
    struct rp_fo_event *e = &b->events[b->n++];
    const char *href = node->ns ? (const char *)node->ns->href : NULL;
    int kind = rp_fo_kind_of(href, (const char *)node->name);

    memset(e, 0, sizeof(*e));
    e->type = RP_FO_EVENT_START;
    e->depth = depth;
    e->empty = xmlTextReaderIsEmptyElement(reader) == 1;
    e->elem.kind = kind;
    e->elem.name = block_strdup(b, node->name);
    /* Nearly every element is FO: no copy of the namespace for those. */
    e->elem.ns_href =
        kind >= 0 ? RP_FO_NS : block_strdup(b, (const xmlChar *)href);
    e->elem.ns_prefix = node->ns ? block_strdup(b, node->ns->prefix) : NULL;
    e->elem.line = xmlGetLineNo(node);
    /* The consumer reads no attribute of an element it skips. */
    if (kind >= 0)
        add_attributes(b, node, &e->elem);
    /* Its SVG is read whole here; its elements then pass as foreign. */
    if (kind == RP_FO_INSTREAM_FOREIGN_OBJECT && !e->empty) {
        xmlNode *expanded = xmlTextReaderExpand(reader);
        char *svg = expanded ? rp_fo_serialize_foreign(expanded) : NULL;
        e->elem.foreign = block_strdup(b, (const xmlChar *)svg);
        free(svg);
    }
    set_accepts_text(ev, depth,
                     kind >= 0 && rp_fo_accepts_text((enum rp_fo_kind)kind));
    if (kind < 0 && !e->empty)
        ev->skip_depth = depth;
}

static void add_text(struct block *b, xmlTextReader *reader, int depth)
{
    xmlNode *node = xmlTextReaderCurrentNode(reader);
    const xmlChar *value = xmlTextReaderConstValue(reader);
    struct rp_fo_event *e = &b->events[b->n++];

    memset(e, 0, sizeof(*e));
    e->type = RP_FO_EVENT_TEXT;
    e->depth = depth;
    e->text = block_strdup(b, value ? value : (const xmlChar *)"");
    e->line = node ? xmlGetLineNo(node) : 0;
}

/*
 * Reads one node into b, or nothing for a node the consumer would ignore.
 * Returns false at the end of the document or on an error (both are then
 * the last event of b).
 */
static bool read_node(struct rp_fo_events *ev, struct block *b)
{
    xmlTextReader *reader = ev->reader;
    int r = xmlTextReaderRead(reader);
    int type, depth;

    if (r < 0) {
        add_error(ev, b);
        return false;
    }
    if (r == 0) {
        add_end_document(b);
        return false;
    }
    depth = xmlTextReaderDepth(reader);
    if (ev->skip_depth >= 0) {
        if (depth > ev->skip_depth)
            return true;
        ev->skip_depth = -1; /* its end tag */
    }
    type = xmlTextReaderNodeType(reader);
    switch (type) {
    case XML_READER_TYPE_ELEMENT:
        add_element(ev, b, reader, depth);
        break;
    case XML_READER_TYPE_END_ELEMENT: {
        struct rp_fo_event *e = &b->events[b->n++];
        memset(e, 0, sizeof(*e));
        e->type = RP_FO_EVENT_END;
        e->depth = depth;
        break;
    }
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        /* Text counts only as a child of an element that takes text. */
        if (depth > 0 && (size_t)depth <= ev->cap_accepts &&
            ev->accepts_text[depth - 1])
            add_text(b, reader, depth);
        break;
    default:
        break;
    }
    return true;
}

/* ---- the producer -------------------------------------------------------- */

static void *produce(void *arg)
{
    struct rp_fo_events *ev = arg;
    bool more = true;

    while (more) {
        struct block *b = NULL;

        pthread_mutex_lock(&ev->lock);
        if (ev->n_free == 0) {
            ev->producer_waits = true;
            while (!ev->stop && ev->n_free < RESUME_FREE)
                pthread_cond_wait(&ev->freed, &ev->lock);
            ev->producer_waits = false;
        }
        if (!ev->stop)
            b = ev->free_list[--ev->n_free];
        pthread_mutex_unlock(&ev->lock);
        if (!b)
            break;
        block_reset(b);
        while (more && !block_is_full(b))
            more = read_node(ev, b);
        pthread_mutex_lock(&ev->lock);
        ev->full[(ev->full_head + ev->n_full) % N_BLOCKS] = b;
        ev->n_full++;
        if (ev->consumer_waits)
            pthread_cond_signal(&ev->filled);
        pthread_mutex_unlock(&ev->lock);
    }
    return NULL;
}

/* ---- the consumer -------------------------------------------------------- */

struct rp_fo_events *rp_fo_events_new(xmlTextReader *reader, const char *name)
{
    struct rp_fo_events *ev = rp_xcalloc(1, sizeof(*ev));
    ev->reader = reader;
    ev->name = rp_xstrdup(name);
    ev->skip_depth = -1;
    ev->direct = rp_xcalloc(1, sizeof(*ev->direct));
    ev->cur = ev->direct;
    return ev;
}

static const struct rp_fo_event *next_direct(struct rp_fo_events *ev)
{
    struct block *b = ev->direct;

    if (b->n > 0 && is_terminal(&b->events[b->n - 1]))
        return &b->events[b->n - 1];
    block_reset(b);
    while (b->n == 0)
        read_node(ev, b);
    return &b->events[0];
}

const struct rp_fo_event *rp_fo_events_next(struct rp_fo_events *ev)
{
    struct block *b = ev->cur;

    if (!ev->threaded)
        return next_direct(ev);
    if (ev->pos < b->n)
        return &b->events[ev->pos++];
    /* The end stays the end: the producer has stopped after it. */
    if (b->n > 0 && is_terminal(&b->events[b->n - 1]))
        return &b->events[b->n - 1];
    pthread_mutex_lock(&ev->lock);
    if (b != ev->direct) {
        ev->free_list[ev->n_free++] = b;
        if (ev->producer_waits && ev->n_free >= RESUME_FREE)
            pthread_cond_signal(&ev->freed);
    }
    ev->consumer_waits = true;
    while (ev->n_full == 0)
        pthread_cond_wait(&ev->filled, &ev->lock);
    ev->consumer_waits = false;
    b = ev->full[ev->full_head];
    ev->full_head = (ev->full_head + 1) % N_BLOCKS;
    ev->n_full--;
    pthread_mutex_unlock(&ev->lock);
    ev->cur = b;
    ev->pos = 1;
    return &b->events[0];
}

xmlTextReader *rp_fo_events_reader(struct rp_fo_events *ev)
{
    return ev->threaded ? NULL : ev->reader;
}

void rp_fo_events_start_thread(struct rp_fo_events *ev)
{
    size_t i;

    if (ev->threaded)
        return;
    /* A terminal event is sticky: nothing more to read. */
    if (ev->direct->n > 0 && is_terminal(&ev->direct->events[0]))
        return;
    for (i = 0; i < N_BLOCKS; i++) {
        ev->blocks[i] = rp_xcalloc(1, sizeof(*ev->blocks[i]));
        ev->free_list[i] = ev->blocks[i];
    }
    ev->n_free = N_BLOCKS;
    pthread_mutex_init(&ev->lock, NULL);
    pthread_cond_init(&ev->filled, NULL);
    pthread_cond_init(&ev->freed, NULL);
    /* The consumer is done with the direct block's event: it was used. */
    block_reset(ev->direct);
    ev->cur = ev->direct;
    ev->pos = 0;
    ev->threaded = true;
    if (pthread_create(&ev->thread, NULL, produce, ev) != 0) {
        /* No thread: keep reading on this one, as before. */
        ev->threaded = false;
        for (i = 0; i < N_BLOCKS; i++) {
            free(ev->blocks[i]);
            ev->blocks[i] = NULL;
        }
        pthread_mutex_destroy(&ev->lock);
        pthread_cond_destroy(&ev->filled);
        pthread_cond_destroy(&ev->freed);
    }
}

void rp_fo_events_free(struct rp_fo_events *ev)
{
    size_t i;

    if (!ev)
        return;
    if (ev->threaded) {
        pthread_mutex_lock(&ev->lock);
        ev->stop = true;
        pthread_cond_signal(&ev->freed);
        pthread_mutex_unlock(&ev->lock);
        pthread_join(ev->thread, NULL);
        for (i = 0; i < N_BLOCKS; i++) {
            block_reset(ev->blocks[i]);
            free(ev->blocks[i]);
        }
        pthread_mutex_destroy(&ev->lock);
        pthread_cond_destroy(&ev->filled);
        pthread_cond_destroy(&ev->freed);
    }
    block_reset(ev->direct);
    free(ev->direct);
    free(ev->accepts_text);
    xmlFreeTextReader(ev->reader);
    free(ev->name);
    free(ev);
}
