/*
 * Internals shared by the files of the FO module; not part of its public
 * face (fo.h).
 */
#ifndef RP_FO_INTERNAL_H
#define RP_FO_INTERNAL_H

#include "fo.h"

#include <glib.h>
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
 * Border shorthands, side lists and lengths already parsed in this
 * document, so that values repeated on every table cell are parsed once.
 * Fixed size.
 */
struct rp_fo_value_cache;
struct rp_fo_value_cache *rp_fo_value_cache_new(void);
void rp_fo_value_cache_free(struct rp_fo_value_cache *cache);

int rp_fo_apply_border_property(struct rp_fo_props *p, const char *rest,
                                const char *value,
                                struct rp_fo_value_cache *cache);
bool rp_fo_parse_percent(const char *text, double *percent);
bool rp_fo_parse_width(const char *value, double font_size,
                       struct rp_fo_length *l);

/* Scanning values (length.c). */
/* s past any white space at its start. */
const char *rp_fo_skip_space(const char *s);
/* A finite decimal number after optional space, *end just past it. */
bool rp_fo_parse_number(const char *text, double *value, const char **end);

/* Values of the four sides (sides.c). */
/* value's tokens, at most max of them; -1 when they do not fit. */
int rp_fo_split_tokens(const char *value, char tokens[][64], int max);
/* A border style keyword: none, hidden, solid, dashed, dotted, double. */
bool rp_fo_parse_border_style(const char *text, enum rp_fo_border_style *style);
/* The side (enum rp_fo_side) called name, before/after too; -1 for none. */
int rp_fo_side_from_name(const char *name);
/* The border shorthand's value, parsed once per document and font size. */
bool rp_fo_parse_border_cached(struct rp_fo_value_cache *cache,
                               const char *value, double font_size,
                               struct rp_fo_border *border);
/* One to four lengths for the sides, parsed once per document and size. */
bool rp_fo_parse_sides_cached(struct rp_fo_value_cache *cache,
                              const char *value, double font_size,
                              double out[4]);
/* A length (rp_fo_parse_length), parsed once per document and size. */
bool rp_fo_parse_length_cached(struct rp_fo_value_cache *cache,
                               const char *value, double font_size, double *pt);

/*
 * The first element child of an fo:instream-foreign-object serialised as
 * a standalone XML document, namespaces from its ancestors declared; NULL
 * when it has none.  Free with free().
 */
char *rp_fo_serialize_foreign(const xmlNode *object);
/* FOP's extension namespace (fox:alt-text, fox:destination). */
#define RP_FOX_NS "http://xmlgraphics.apache.org/fop/extensions"
/* The xml: prefix's namespace (xml:lang). */
#define RP_XML_NS "http://www.w3.org/XML/1998/namespace"

/* margin-<side>, padding-<side>, border-<side>...: -1 for another name. */
int rp_fo_apply_side_property(struct rp_fo_props *p, const char *name,
                              const char *value, struct rp_fo_specified *spec,
                              struct rp_fo_value_cache *cache);

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
    /* fo:instream-foreign-object: rp_fo_serialize_foreign(), or NULL */
    const char *foreign;
};

/* rp_fo_node.flags (tree.c, marker.c) */
enum {
    RP_FO_NODE_MATERIALISED = 1 << 0, /* children are in first_child... */
    RP_FO_NODE_IN_TREE = 1 << 1,      /* freed with its materialised parent */
    RP_FO_NODE_KEPT = 1 << 2,         /* the caller frees it */
    RP_FO_NODE_CLOSED = 1 << 3,       /* file source: its end tag is consumed */
};

/*
 * Marker content (marker.c).  A copy of elem, its attributes and strings
 * in one allocation (free() frees it), for elements inside an fo:marker:
 * their properties are resolved again where the marker is retrieved.  No
 * foreign object: the node's text holds it.
 */
struct rp_fo_elem *rp_fo_elem_keep(const struct rp_fo_elem *elem);
/* Whether an element read as a child of parent keeps its attributes. */
bool rp_fo_keeps_specified(const struct rp_fo_node *parent);
/* The error for an element at line nested deeper than RP_FO_MAX_DEPTH. */
enum rp_status rp_fo_too_deep(struct rp_fo_doc *doc, long line,
                              const char *what, struct rp_error *err);

/*
 * Questions asked of an in-memory document as a whole (xmldoc.c), walked
 * without recursion whatever its depth.  The Dublin Core and PDF
 * properties among first, its siblings and their descendants (XMP, as
 * Apache FOP reads it) into md, each the first found; strings interned.
 */
void rp_fo_xml_collect_metadata(const xmlNode *first, struct rp_fo_metadata *md,
                                struct rp_fo_strings *strings);
/* Whether root holds a page-number citation, an internal link or a
 * bookmark tree (rp_fo_doc_has_citations). */
bool rp_fo_xml_has_citations(const xmlNode *root);

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
/* Reads reader on the calling thread until started; consumes reader.
 * name is the document's, for error messages. */
struct rp_fo_events *rp_fo_events_new(xmlTextReader *reader, const char *name);
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

/*
 * The inherited fields of struct rp_fo_props as a few byte ranges
 * (neighbouring fields joined; in order, apart), from the property
 * table's rows: copied from parent to child for every element, as fast
 * as copying fields by hand.
 */
#define RP_FO_MAX_SPANS 32
struct rp_fo_inherited {
    struct {
        size_t offset, size;
    } spans[RP_FO_MAX_SPANS];
    size_t n;
};
void rp_fo_inherited_init(struct rp_fo_inherited *inh);

/* ---- the document (tree.c), shared with property resolution ---- */

/* File source: one open element on the reader's path. */
struct open_element {
    int depth;
};

struct rp_fo_doc {
    char *name;
    const xmlDoc *xml; /* in-memory source, not owned; or NULL */
    char *path;        /* file source */
    const char *mem;   /* or bytes streamed like a file, not owned */
    size_t mem_len;
    struct rp_fo_events *events;  /* file source, open while reading */
    struct rp_fo_attr *xml_attrs; /* in-memory source: the element's */
    size_t cap_xml_attrs;
    xmlChar **xml_owned; /* attribute values to xmlFree() */
    size_t n_xml_owned, cap_xml_owned;
    struct open_element *open;
    size_t n_open, cap_open;
    struct rp_fo_strings *strings;
    struct rp_fo_value_cache *values;
    GHashTable *warned;         /* keys already reported */
    GHashTable *masters;        /* master-name -> simple-page-master node */
    struct rp_fo_node base;     /* parent of root: the initial values */
    struct rp_fo_props initial; /* the initial values, copied per element */
    struct rp_fo_inherited inherited; /* and the fields inherited over them */
    struct rp_fo_node *root;
    struct rp_fo_node *retained; /* layout-master-set, declarations, ... */
    struct rp_fo_node *first_sequence; /* read while opening */
    struct rp_fo_metadata metadata;
    int has_citations; /* -1: not known yet */
    char *base_dir;    /* images: rp_fo_doc_set_image_dirs() */
    char *assets_dir;
    struct rp_fo_options options;
    int invalid_warned; /* invalid-value warnings given (capped) */
};

/*
 * The initial values (XSL 1.1 §7), which the root inherits from, as the
 * property table's rows state them (property.c).
 */
void rp_fo_props_initial(struct rp_fo_props *p, struct rp_fo_strings *s);
/*
 * node's properties: parent's inherited ones, then elem's attributes in
 * the order that lets shorthands and font-size-relative lengths resolve.
 * An invalid value is a warning, and its attribute is ignored (FOP's
 * tolerance); in a strict document it is RP_ERR_INPUT naming the file,
 * line and property.
 */
enum rp_status rp_fo_resolve_props(struct rp_fo_doc *doc,
                                   const struct rp_fo_elem *elem,
                                   struct rp_fo_node *node,
                                   const struct rp_fo_props *parent,
                                   struct rp_error *err);

#endif
