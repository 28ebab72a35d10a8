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
 * The properties known by full name: a row each in the property table
 * (property.c), which hands them to the family that applies them.
 */
enum rp_fo_property {
    RP_FO_PROP_ABSOLUTE_POSITION,
    RP_FO_PROP_BACKGROUND_COLOR,
    RP_FO_PROP_BASELINE_SHIFT,
    RP_FO_PROP_BLANK_OR_NOT_BLANK,
    RP_FO_PROP_BLOCK_PROGRESSION_DIMENSION,
    RP_FO_PROP_BLOCK_PROGRESSION_DIMENSION_MINIMUM,
    RP_FO_PROP_BORDER,
    RP_FO_PROP_BORDER_COLLAPSE,
    RP_FO_PROP_BORDER_SEPARATION,
    RP_FO_PROP_BORDER_SEPARATION_BLOCK_PROGRESSION_DIRECTION,
    RP_FO_PROP_BORDER_SEPARATION_INLINE_PROGRESSION_DIRECTION,
    RP_FO_PROP_BORDER_SPACING,
    RP_FO_PROP_BOTTOM,
    RP_FO_PROP_BREAK_AFTER,
    RP_FO_PROP_BREAK_BEFORE,
    RP_FO_PROP_CHARACTER,
    RP_FO_PROP_COLOR,
    RP_FO_PROP_COLUMN_COUNT,
    RP_FO_PROP_COLUMN_GAP,
    RP_FO_PROP_COLUMN_NUMBER,
    RP_FO_PROP_COLUMN_WIDTH,
    RP_FO_PROP_CONTENT_HEIGHT,
    RP_FO_PROP_CONTENT_TYPE,
    RP_FO_PROP_CONTENT_WIDTH,
    RP_FO_PROP_COUNTRY,
    RP_FO_PROP_DESTINATION_PLACEMENT_OFFSET,
    RP_FO_PROP_DISPLAY_ALIGN,
    RP_FO_PROP_END_INDENT,
    RP_FO_PROP_EXTENT,
    RP_FO_PROP_EXTERNAL_DESTINATION,
    RP_FO_PROP_FLOW_NAME,
    RP_FO_PROP_FONT,
    RP_FO_PROP_FONT_FAMILY,
    RP_FO_PROP_FONT_SELECTION_STRATEGY,
    RP_FO_PROP_FONT_SIZE,
    RP_FO_PROP_FONT_STRETCH,
    RP_FO_PROP_FONT_STYLE,
    RP_FO_PROP_FONT_WEIGHT,
    RP_FO_PROP_FORCE_PAGE_COUNT,
    RP_FO_PROP_FORMAT,
    RP_FO_PROP_FOX_ALT_TEXT,
    RP_FO_PROP_GROUPING_SEPARATOR,
    RP_FO_PROP_GROUPING_SIZE,
    RP_FO_PROP_HEIGHT,
    RP_FO_PROP_HYPHENATE,
    RP_FO_PROP_HYPHENATION_CHARACTER,
    RP_FO_PROP_HYPHENATION_PUSH_CHARACTER_COUNT,
    RP_FO_PROP_HYPHENATION_REMAIN_CHARACTER_COUNT,
    RP_FO_PROP_ID,
    RP_FO_PROP_INDICATE_DESTINATION,
    RP_FO_PROP_INITIAL_PAGE_NUMBER,
    RP_FO_PROP_INLINE_PROGRESSION_DIMENSION,
    RP_FO_PROP_INTERNAL_DESTINATION,
    RP_FO_PROP_KEEP_TOGETHER,
    RP_FO_PROP_KEEP_WITH_NEXT,
    RP_FO_PROP_KEEP_WITH_PREVIOUS,
    RP_FO_PROP_LANGUAGE,
    RP_FO_PROP_LEADER_ALIGNMENT,
    RP_FO_PROP_LEADER_LENGTH,
    RP_FO_PROP_LEADER_LENGTH_MAXIMUM,
    RP_FO_PROP_LEADER_LENGTH_MINIMUM,
    RP_FO_PROP_LEADER_LENGTH_OPTIMUM,
    RP_FO_PROP_LEADER_PATTERN,
    RP_FO_PROP_LEADER_PATTERN_WIDTH,
    RP_FO_PROP_LEFT,
    RP_FO_PROP_LETTER_SPACING,
    RP_FO_PROP_LETTER_VALUE,
    RP_FO_PROP_LINE_HEIGHT,
    RP_FO_PROP_LINE_HEIGHT_SHIFT_ADJUSTMENT,
    RP_FO_PROP_LINEFEED_TREATMENT,
    RP_FO_PROP_MARGIN,
    RP_FO_PROP_MARKER_CLASS_NAME,
    RP_FO_PROP_MASTER_NAME,
    RP_FO_PROP_MASTER_REFERENCE,
    RP_FO_PROP_MAXIMUM_REPEATS,
    RP_FO_PROP_NUMBER_COLUMNS_REPEATED,
    RP_FO_PROP_NUMBER_COLUMNS_SPANNED,
    RP_FO_PROP_NUMBER_ROWS_SPANNED,
    RP_FO_PROP_ODD_OR_EVEN,
    RP_FO_PROP_ORPHANS,
    RP_FO_PROP_OVERFLOW,
    RP_FO_PROP_PADDING,
    RP_FO_PROP_PAGE_HEIGHT,
    RP_FO_PROP_PAGE_POSITION,
    RP_FO_PROP_PAGE_WIDTH,
    RP_FO_PROP_PRECEDENCE,
    RP_FO_PROP_PROVISIONAL_DISTANCE_BETWEEN_STARTS,
    RP_FO_PROP_PROVISIONAL_LABEL_SEPARATION,
    RP_FO_PROP_REF_ID,
    RP_FO_PROP_REFERENCE_ORIENTATION,
    RP_FO_PROP_REGION_NAME,
    RP_FO_PROP_RELATIVE_ALIGN,
    RP_FO_PROP_RETRIEVE_BOUNDARY,
    RP_FO_PROP_RETRIEVE_CLASS_NAME,
    RP_FO_PROP_RETRIEVE_POSITION,
    RP_FO_PROP_RIGHT,
    RP_FO_PROP_ROLE,
    RP_FO_PROP_RULE_STYLE,
    RP_FO_PROP_RULE_THICKNESS,
    RP_FO_PROP_SCALING,
    RP_FO_PROP_SCALING_METHOD,
    RP_FO_PROP_SHOW_DESTINATION,
    RP_FO_PROP_SPACE_AFTER,
    RP_FO_PROP_SPACE_BEFORE,
    RP_FO_PROP_SRC,
    RP_FO_PROP_START_INDENT,
    RP_FO_PROP_STARTING_STATE,
    RP_FO_PROP_TABLE_LAYOUT,
    RP_FO_PROP_TABLE_OMIT_FOOTER_AT_BREAK,
    RP_FO_PROP_TABLE_OMIT_HEADER_AT_BREAK,
    RP_FO_PROP_TEXT_ALIGN,
    RP_FO_PROP_TEXT_ALIGN_LAST,
    RP_FO_PROP_TEXT_DECORATION,
    RP_FO_PROP_TEXT_INDENT,
    RP_FO_PROP_TOP,
    RP_FO_PROP_VERTICAL_ALIGN,
    RP_FO_PROP_WHITE_SPACE,
    RP_FO_PROP_WHITE_SPACE_COLLAPSE,
    RP_FO_PROP_WHITE_SPACE_TREATMENT,
    RP_FO_PROP_WIDOWS,
    RP_FO_PROP_WIDTH,
    RP_FO_PROP_WRAP_OPTION,
    RP_FO_PROP_WRITING_MODE,
    RP_FO_PROP_Z_INDEX,
};

/* An attribute being applied to an element's props; all borrowed. */
struct rp_fo_assignment {
    struct rp_fo_props *p;
    const struct rp_fo_props *parent;
    const char *name; /* without a component such as .optimum */
    const char *value;
    struct rp_fo_specified *spec;
    struct rp_fo_strings *strings;
    struct rp_fo_value_cache *cache;
};

/*
 * The families of properties, each applying the properties the table
 * gives it; they return as rp_fo_apply_property() does.
 */
/* Fonts, colour, alignment, lines, white space, hyphenation (text_props.c). */
int rp_fo_apply_text_property(enum rp_fo_property property,
                              const struct rp_fo_assignment *assign);
/* Indents, spaces, margins, borders, dimensions, position (box_props.c). */
int rp_fo_apply_box_property(enum rp_fo_property property,
                             const struct rp_fo_assignment *assign);
/* Masters, regions, numbering, breaks, keeps, markers (page_props.c). */
int rp_fo_apply_page_property(enum rp_fo_property property,
                              const struct rp_fo_assignment *assign);
/* Tables, lists, leaders, links, bookmarks, ids (object_props.c). */
int rp_fo_apply_object_property(enum rp_fo_property property,
                                const struct rp_fo_assignment *assign);
/* Graphics: src, content-width/-height, scaling (graphic_props.c). */
int rp_fo_apply_graphic_property(enum rp_fo_property property,
                                 const struct rp_fo_assignment *assign);
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

/* XSL's universal inherit keyword (inherit.c). */
/* Whether value is "inherit". */
bool rp_fo_is_inherit(const char *value);
/*
 * Gives the property called name its parent's computed value where it is
 * not inherited anyway (box properties, breaks, keeps); false for a name
 * it does not know, which then keeps the value it inherits.
 */
bool rp_fo_inherit_property(struct rp_fo_props *p,
                            const struct rp_fo_props *parent, const char *name,
                            struct rp_fo_specified *spec);

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

/* The initial values (XSL 1.1 §7), which the root inherits from. */
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
