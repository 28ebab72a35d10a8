/*
 * Internals shared by the files of the FO module; not part of its public
 * face (fo.h).
 */
#ifndef RP_FO_INTERNAL_H
#define RP_FO_INTERNAL_H

#include "fo.h"

#include <libxml/xmlreader.h>

#define RP_FO_NS "http://www.w3.org/1999/XSL/Format"

/* Which properties an element specified itself (not inherited). */
struct rp_fo_specified {
    bool start_indent, end_indent, margin, line_height, text_align_last;
};

/* Interned strings: every property string of a tree lives here. */
struct rp_fo_strings;
struct rp_fo_strings *rp_fo_strings_new(void);
void rp_fo_strings_free(struct rp_fo_strings *strings);
const char *rp_fo_strings_intern(struct rp_fo_strings *strings, const char *s);

/*
 * Border shorthands and side lists already parsed in this document, so
 * that values repeated on every table cell are parsed once.  Fixed size.
 */
struct rp_fo_value_cache;
struct rp_fo_value_cache *rp_fo_value_cache_new(void);
void rp_fo_value_cache_free(struct rp_fo_value_cache *cache);

int rp_fo_apply_property(struct rp_fo_props *p,
                         const struct rp_fo_props *parent, const char *name,
                         const char *value, struct rp_fo_specified *spec,
                         struct rp_fo_strings *strings,
                         struct rp_fo_value_cache *cache);
int rp_fo_apply_border_property(struct rp_fo_props *p, const char *rest,
                                const char *value,
                                struct rp_fo_value_cache *cache);
bool rp_fo_parse_percent(const char *text, double *percent);
bool rp_fo_parse_width(const char *value, double font_size,
                       struct rp_fo_length *l);

/*
 * An element as property resolution reads it, whatever the source (an
 * xmlNode, or an event from the file's producer thread).  Strings belong
 * to the source and stay valid until the next element is read.  ns_href
 * is NULL for no namespace; ns_prefix NULL for no prefix.
 */
struct rp_fo_attr {
    const char *name, *ns_href, *ns_prefix, *value;
};
struct rp_fo_elem {
    int kind; /* enum rp_fo_kind, or -1: not an element we know */
    const char *name, *ns_href, *ns_prefix;
    long line;
    const struct rp_fo_attr *attrs;
    size_t n_attrs;
};

/* The FO element called name in namespace ns (NULL: none), or -1. */
int rp_fo_kind_of(const char *ns, const char *name);
bool rp_fo_accepts_text(enum rp_fo_kind kind);
/*
 * An attribute's value: its one text node as it is (no copy), or the
 * joined value (entities, several nodes) in *owned for the caller to free
 * with xmlFree().
 */
const char *rp_fo_attr_value(const xmlAttr *attr, xmlChar **owned);

/*
 * The file source (events.c): what the xmlTextReader reads, as events.
 * Text comes only where the enclosing element takes text, and nothing
 * comes from inside an element that is not FO, but its start and end do.
 */
enum rp_fo_event_type {
    RP_FO_EVENT_START,        /* elem, depth, empty */
    RP_FO_EVENT_TEXT,         /* text, line, depth */
    RP_FO_EVENT_END,          /* depth */
    RP_FO_EVENT_END_DOCUMENT, /* then again on every call */
    RP_FO_EVENT_ERROR,        /* text: libxml2's message or NULL; line */
};
struct rp_fo_event {
    enum rp_fo_event_type type;
    bool empty;
    int depth;
    long line;
    const char *text;
    struct rp_fo_elem elem;
};
struct rp_fo_events;
/* Reads reader on the calling thread until started; consumes reader. */
struct rp_fo_events *rp_fo_events_new(xmlTextReader *reader);
/*
 * The next event, valid until the next call; never NULL.  The end of the
 * document and an error are returned again on every later call.
 */
const struct rp_fo_event *rp_fo_events_next(struct rp_fo_events *events);
/*
 * The reader, positioned on the node of the last event, while it is read
 * on the calling thread; NULL once a producer thread reads it.
 */
xmlTextReader *rp_fo_events_reader(struct rp_fo_events *events);
/*
 * Hands the reader to a producer thread from here on (xmlInitParser()
 * must have been called).  Without a thread, reading goes on here.
 */
void rp_fo_events_start_thread(struct rp_fo_events *events);
/* Stops and joins the producer; frees the reader.  NULL is fine. */
void rp_fo_events_free(struct rp_fo_events *events);

#endif
