/*
 * FO documents: XSL-FO read as a stream of elements whose properties are
 * already resolved (inheritance, shorthands, units, colours) into plain C
 * structs, so that layout never looks at XML or strings again.
 *
 * Memory does not grow with document length: the layout master set, the
 * declarations and the bookmark tree are read whole when the document is
 * opened (they are small and come first); everything after is pulled one
 * element at a time with rp_fo_next_child() and freed as soon as layout has
 * used it.  A caller that needs a whole subtree (a table row, a static
 * content) materialises it.  The source is either an in-memory xmlDoc (as
 * XSLT produces it: no re-serialisation) or a file streamed through
 * libxml2's xmlTextReader, which parses the page sequences on a second
 * thread while layout works (events.c); both behave the same.
 *
 * Elements and properties outside the supported subset (docs/fo-subset.md)
 * are reported once per kind as a warning naming the element and its line;
 * unsupported elements are skipped with their content, never silently.
 *
 * Ownership: an rp_fo_doc is freed with rp_fo_doc_free(); it does not own
 * an xmlDoc it was opened on, which must outlive it.  Nodes returned by
 * rp_fo_next_child() are the document's and are freed by the next call for
 * the same parent, unless kept with rp_fo_node_keep(), in which case the
 * caller frees them with rp_fo_node_free().  Strings in props live as long
 * as the document.
 *
 * Threads: an rp_fo_doc is used by one thread at a time.  A file's reading
 * thread is the document's own: rp_fo_doc_rewind() and rp_fo_doc_free()
 * (also after an error, in the middle of the document) stop and join it.
 */
#ifndef RP_FO_H
#define RP_FO_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "common/error.h"

enum rp_fo_kind {
    RP_FO_TEXT, /* character data: node->text */
    RP_FO_ROOT,
    RP_FO_LAYOUT_MASTER_SET,
    RP_FO_SIMPLE_PAGE_MASTER,
    RP_FO_REGION_BODY,
    RP_FO_REGION_BEFORE,
    RP_FO_REGION_AFTER,
    RP_FO_REGION_START,
    RP_FO_REGION_END,
    RP_FO_PAGE_SEQUENCE,
    RP_FO_STATIC_CONTENT,
    RP_FO_FLOW,
    RP_FO_BLOCK,
    RP_FO_BLOCK_CONTAINER,
    RP_FO_INLINE,
    RP_FO_WRAPPER,
    RP_FO_PAGE_NUMBER,
    RP_FO_PAGE_NUMBER_CITATION,
    RP_FO_PAGE_NUMBER_CITATION_LAST,
    RP_FO_TABLE,
    RP_FO_TABLE_COLUMN,
    RP_FO_TABLE_HEADER,
    RP_FO_TABLE_FOOTER,
    RP_FO_TABLE_BODY,
    RP_FO_TABLE_ROW,
    RP_FO_TABLE_CELL,
    RP_FO_DECLARATIONS,
    RP_FO_LIST_BLOCK,
    RP_FO_LIST_ITEM,
    RP_FO_LIST_ITEM_LABEL,
    RP_FO_LIST_ITEM_BODY,
    RP_FO_BASIC_LINK,
    RP_FO_CHARACTER,
    RP_FO_BOOKMARK_TREE,
    RP_FO_BOOKMARK,
    RP_FO_BOOKMARK_TITLE,
    RP_FO_PAGE_SEQUENCE_MASTER,
    RP_FO_SINGLE_PAGE_MASTER_REFERENCE,
    RP_FO_REPEATABLE_PAGE_MASTER_REFERENCE,
    RP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES,
    RP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE,
    RP_FO_LEADER,
    RP_FO_MARKER,
    RP_FO_RETRIEVE_MARKER,
    RP_FO_EXTERNAL_GRAPHIC,
    RP_FO_INSTREAM_FOREIGN_OBJECT, /* node->text: its SVG, serialised */
    RP_FO_FOOTNOTE,                /* an inline mark and a footnote-body */
    RP_FO_FOOTNOTE_BODY,
    RP_FO_KIND_COUNT
};

struct rp_fo_color {
    double r, g, b, a; /* 0..1; a == 0 means transparent (no paint) */
};

enum rp_fo_border_style {
    RP_FO_BORDER_NONE,
    RP_FO_BORDER_SOLID,
    RP_FO_BORDER_DASHED,
    RP_FO_BORDER_DOTTED,
    RP_FO_BORDER_DOUBLE,
    /* Drawn as Apache FOP draws them: ridge and groove in three bands
     * (one side lighter, one darker), inset and outset solid, darker or
     * lighter by the side they are on. */
    RP_FO_BORDER_RIDGE,
    RP_FO_BORDER_GROOVE,
    RP_FO_BORDER_INSET,
    RP_FO_BORDER_OUTSET,
};

struct rp_fo_border {
    double width; /* 0 when style is none */
    enum rp_fo_border_style style;
    struct rp_fo_color color;
};

/* Sides in the order CSS shorthands use. */
enum rp_fo_side { RP_FO_TOP, RP_FO_RIGHT, RP_FO_BOTTOM, RP_FO_LEFT };

/* A length that can only be resolved at layout time. */
enum rp_fo_length_kind {
    RP_FO_LENGTH_AUTO,
    RP_FO_LENGTH_ABSOLUTE,     /* value in pt */
    RP_FO_LENGTH_PERCENT,      /* value in % of the containing width */
    RP_FO_LENGTH_PROPORTIONAL, /* proportional-column-width(value) */
};

struct rp_fo_length {
    enum rp_fo_length_kind kind;
    double value;
    double plus; /* PERCENT: pt added to it ("100% - 2pt"); else 0 */
};

enum rp_fo_text_align {
    RP_FO_ALIGN_START,
    RP_FO_ALIGN_CENTER,
    RP_FO_ALIGN_END,
    RP_FO_ALIGN_JUSTIFY,
};

enum rp_fo_break {
    RP_FO_BREAK_AUTO,
    RP_FO_BREAK_COLUMN, /* the next column; a page after the last column */
    RP_FO_BREAK_PAGE,
    RP_FO_BREAK_ODD_PAGE,  /* the next page with an odd number */
    RP_FO_BREAK_EVEN_PAGE, /* the next page with an even number */
};

/* Conditions of fo:conditional-page-master-reference. */
enum rp_fo_page_position {
    RP_FO_POSITION_ANY,
    RP_FO_POSITION_FIRST,
    RP_FO_POSITION_LAST,
    RP_FO_POSITION_REST,
    RP_FO_POSITION_ONLY,
};
enum rp_fo_parity { RP_FO_PARITY_ANY, RP_FO_PARITY_ODD, RP_FO_PARITY_EVEN };
enum rp_fo_blankness { RP_FO_BLANK_ANY, RP_FO_BLANK, RP_FO_NOT_BLANK };

enum rp_fo_leader_pattern {
    RP_FO_LEADER_SPACE,
    RP_FO_LEADER_RULE,
    RP_FO_LEADER_DOTS,
    RP_FO_LEADER_USE_CONTENT,
};

enum rp_fo_retrieve_position {
    RP_FO_RETRIEVE_FIRST_STARTING, /* first-starting-within-page */
    RP_FO_RETRIEVE_FIRST_INCLUDING_CARRYOVER,
    RP_FO_RETRIEVE_LAST_STARTING,
    RP_FO_RETRIEVE_LAST_ENDING,
};

enum rp_fo_retrieve_boundary {
    RP_FO_BOUNDARY_PAGE_SEQUENCE,
    RP_FO_BOUNDARY_PAGE,
    RP_FO_BOUNDARY_DOCUMENT,
};

/* force-page-count of a page sequence. */
enum rp_fo_force_count {
    RP_FO_FORCE_AUTO,
    RP_FO_FORCE_EVEN,
    RP_FO_FORCE_ODD,
    RP_FO_FORCE_END_ON_EVEN,
    RP_FO_FORCE_END_ON_ODD,
    RP_FO_FORCE_NONE,
};

/*
 * absolute-position of fo:block-container: auto stays in the flow; absolute
 * and fixed take no room in it and are placed by top/left/right/bottom
 * against the nearest ancestor reference area (absolute) or the page
 * (fixed).
 */
enum rp_fo_abs_position {
    RP_FO_ABS_AUTO,
    RP_FO_ABS_ABSOLUTE,
    RP_FO_ABS_FIXED,
};

/* overflow: what shows of content larger than its container. */
enum rp_fo_overflow {
    RP_FO_OVERFLOW_VISIBLE, /* visible, auto (FOP's default), repeat */
    RP_FO_OVERFLOW_HIDDEN,  /* hidden, scroll (paper cannot scroll) */
    RP_FO_OVERFLOW_ERROR,   /* error-if-overflow: clipped, and a warning */
};

/*
 * content-width / content-height of a graphic (graphic_props.c): the
 * size its content is scaled to, resolved against its viewport and its
 * intrinsic size by layout.
 */
enum rp_fo_content_size_kind {
    RP_FO_CONTENT_AUTO, /* the intrinsic size */
    RP_FO_CONTENT_SCALE_TO_FIT,
    RP_FO_CONTENT_SCALE_DOWN, /* scale-down-to-fit */
    RP_FO_CONTENT_SCALE_UP,   /* scale-up-to-fit */
    RP_FO_CONTENT_LENGTH,     /* value in pt */
    RP_FO_CONTENT_PERCENT,    /* value in % of the intrinsic size */
};

struct rp_fo_content_size {
    enum rp_fo_content_size_kind kind;
    double value;
};

/*
 * Computed properties of one element.  Inherited properties carry the
 * parent's value when not specified; the others start from their initial
 * value on every element.
 */
struct rp_fo_props {
    /* inherited */
    const char *font_family; /* comma-separated list, owned by the tree */
    double font_size;
    int font_weight;       /* 100..900 */
    double letter_spacing; /* pt added between characters */
    bool font_italic;
    struct rp_fo_color color;
    enum rp_fo_text_align text_align;
    enum rp_fo_text_align text_align_last;
    double line_height;  /* pt */
    double start_indent; /* pt, from the reference area's start edge */
    double end_indent;
    double text_indent;
    bool white_space_collapse;
    bool linefeed_preserve; /* linefeed-treatment="preserve" */
    bool hyphenate;
    const char *language; /* ISO 639 code, interned; NULL: none */
    const char *country;  /* ISO 3166 code, interned; NULL: none */
    int hyphenation_push, hyphenation_remain; /* character counts */
    /* Drawn where a word is hyphenated; U+2010 (XSL's initial value) is
     * the font's own hyphen, and '-' in the text layer, as FOP has it. */
    unsigned int hyphenation_character; /* a Unicode code point */
    bool wrap; /* wrap-option: wrap (true) or no-wrap */
    /* line-height-shift-adjustment="disregard-shifts": a raised or
     * lowered inline (a footnote mark) leaves its line's height alone */
    bool disregard_shifts;
    int orphans, widows;
    /* Carried to descendants like inherited properties, so that text in
     * nested inlines keeps its link, decoration and shift. */
    const char *link; /* basic-link destination, interned; NULL: none */
    bool link_internal;
    bool underline, overline, line_through;
    double baseline_shift;               /* pt, positive is up */
    double list_distance_between_starts; /* provisional-, default 24pt */
    double list_label_separation;        /* provisional-, default 6pt */

    /* not inherited */
    bool end_indent_label_end; /* end-indent="label-end()": layout resolves */
    double space_before, space_after;
    double margin[4];
    double padding[4];
    struct rp_fo_border border[4];
    struct rp_fo_color background;
    enum rp_fo_break break_before, break_after;
    bool keep_with_next, keep_with_previous, keep_together;
    bool span_all; /* span="all": across every column of the body */

    /* page geometry (simple-page-master, regions) */
    double page_width, page_height;
    double extent;
    const char *region_name; /* regions; NULL: the region's default name */
    bool precedence;         /* region-before/after span the corners */
    enum rp_fo_page_position page_position;
    enum rp_fo_parity odd_or_even;
    enum rp_fo_blankness blank_or_not_blank;
    int maximum_repeats; /* -1: no-limit */
    enum rp_fo_force_count force_page_count;
    int column_count;  /* region-body: columns the flow fills, 1.. */
    double column_gap; /* region-body: between columns, pt */

    /* tables */
    struct rp_fo_length width;        /* tables, block-containers */
    struct rp_fo_length column_width; /* table-column */
    int columns_repeated;             /* table-column */
    int columns_spanned;              /* table-cell */
    int rows_spanned;                 /* table-cell */
    int display_align;                /* 0 before, 1 center, 2 after */
    bool border_separate;             /* border-collapse="separate" */
    double border_separation[2];      /* inline, block direction */
    bool omit_footer_at_break;
    bool table_layout_fixed; /* table-layout="fixed"; else automatic */
    bool omit_header_at_break;
    double min_height; /* table-row block-progression-dimension.minimum */
    /* table-cell directly in a table part (no fo:table-row): it starts
     * or ends a row (XSL 1.1 §6.7.10). */
    bool starts_row, ends_row;

    /* positioned block-containers */
    enum rp_fo_abs_position absolute_position;
    struct rp_fo_length offset[4]; /* top right bottom left (enum rp_fo_side);
                                      auto when not given */
    struct rp_fo_length height;    /* height, block-progression-dimension */
    int z_index;                   /* auto: 0 */
    enum rp_fo_overflow overflow;
    /* reference-orientation of a block-container, simple-page-master or
     * region: quarter turns counter-clockwise (0-3) of its content's
     * "top" against its parent's.  Applied where it is given, not
     * inherited by the areas inside (each would turn again). */
    int reference_orientation;

    /* names and references (owned by the tree; NULL when absent) */
    const char *id;
    const char *ref_id;
    /* Tagged PDF: role (a PDF structure type such as H1, as FOP reads
     * it) and fox:alt-text (FOP's extension namespace). */
    const char *role;
    const char *alt_text;
    const char *master_name;
    const char *master_reference;
    const char *flow_name;
    const char *character; /* fo:character */
    /* fo:leader */
    enum rp_fo_leader_pattern leader_pattern;
    double leader_min, leader_opt, leader_max; /* max < 0: 100% */
    double rule_thickness;
    enum rp_fo_border_style rule_style;
    double leader_pattern_width; /* 0: use-font-metrics */
    /* fo:marker, fo:retrieve-marker */
    const char *marker_class;
    enum rp_fo_retrieve_position retrieve_position;
    enum rp_fo_retrieve_boundary retrieve_boundary;
    bool starting_state_show;         /* fo:bookmark */
    int initial_page_number;          /* 0: auto */
    enum rp_fo_parity initial_parity; /* auto-odd, auto-even */
    const char *number_format;        /* format: "1", "i", "A", "01"... */
    /* fo:external-graphic, fo:instream-foreign-object (graphic_props.c);
     * their viewport is width/height above. */
    const char *src; /* the URI as written (url(...) kept), interned */
    struct rp_fo_content_size content_width, content_height;
    bool scaling_non_uniform;
};

struct rp_fo_node {
    enum rp_fo_kind kind;
    struct rp_fo_props props;
    /* RP_FO_TEXT: UTF-8 as in the document.  RP_FO_INSTREAM_FOREIGN_OBJECT:
     * its first child element serialised as a standalone XML document
     * (namespaces declared), or NULL when it has none. */
    char *text;
    long line; /* line in the FO source, for messages */
    /* Children, once materialised (rp_fo_materialize). */
    struct rp_fo_node *first_child, *last_child, *next;
    /* Stream state: private to the FO module. */
    unsigned flags;
    int depth;            /* elements above it up to fo:root (0) */
    const void *src;      /* xmlDoc source: this element's xmlNode */
    const void *src_next; /* xmlDoc source: next xmlNode child to read */
    /* Inside an fo:marker: the element's attributes, resolved again where
     * the marker is retrieved (marker.c); NULL elsewhere. */
    struct rp_fo_elem *specified;
};

struct rp_fo_doc;

/*
 * How a document is read; NULL where one is taken means all defaults.
 *
 * FOP's tolerance (the default): a value the renderer cannot use for a
 * property it supports is a warning naming the file, line, element,
 * property and value, reported once per property and value (and no more
 * than a few dozen such warnings per document), and the attribute is
 * ignored: the property keeps the value it inherits, or its initial value,
 * as Apache FOP does.  strict makes such a value an RP_ERR_INPUT instead.
 */
struct rp_fo_options {
    bool strict;
    /* No warnings: the document is read again, and was warned about. */
    bool quiet;
};

/*
 * Opens an FO document held in memory; name is used in messages.  Reads
 * the layout master set, declarations and bookmark tree.  A document that
 * is not FO (no fo:root) is RP_ERR_INPUT with the line, and so is an
 * invalid property value when opt asks to be strict.  opt may be NULL.
 */
enum rp_status rp_fo_doc_open_xml(xmlDoc *xml, const char *name,
                                  const struct rp_fo_options *opt,
                                  struct rp_fo_doc **out,
                                  struct rp_error *err) RP_MUST_CHECK;
/* Opens an FO file, streamed: only the current path is in memory. */
enum rp_status rp_fo_doc_open_file(const char *path,
                                   const struct rp_fo_options *opt,
                                   struct rp_fo_doc **out,
                                   struct rp_error *err) RP_MUST_CHECK;
/* Opens FO held in memory (len bytes at data, which stay the caller's and
 * must outlive the document), streamed the same way; name stands for it
 * in messages. */
enum rp_status rp_fo_doc_open_memory(const char *data, size_t len,
                                     const char *name,
                                     const struct rp_fo_options *opt,
                                     struct rp_fo_doc **out,
                                     struct rp_error *err) RP_MUST_CHECK;
void rp_fo_doc_free(struct rp_fo_doc *doc);

/* Starts reading the page sequences again from the first (second pass). */
enum rp_status rp_fo_doc_rewind(struct rp_fo_doc *doc,
                                struct rp_error *err) RP_MUST_CHECK;

/*
 * Whether the document uses page-number-citation(-last), internal links
 * or bookmarks, which need to know on which page each id falls before the
 * first page is painted (layout keeps its pages until then).  For a file
 * this reads it through once more (parsing only, up to the first such
 * element); the answer is cached.
 */
enum rp_status rp_fo_doc_has_citations(struct rp_fo_doc *doc, bool *answer,
                                       struct rp_error *err) RP_MUST_CHECK;

const char *rp_fo_doc_name(const struct rp_fo_doc *doc);
/* Whether the document was opened quiet (read again, already warned
 * about): layout's warnings about it are not repeated either. */
bool rp_fo_doc_quiet(const struct rp_fo_doc *doc);

/*
 * Folders images may be read from (docs/fo-subset.md, "Images"): the
 * document's own folder (for a file, the folder it is in; for FO held in
 * memory, the one its caller names, else none) and an asset folder (or
 * NULL).  Copied.  Call before layout.
 */
void rp_fo_doc_set_image_dirs(struct rp_fo_doc *doc, const char *base_dir,
                              const char *assets_dir);
/* The folders set above; NULL when there is none. */
const char *rp_fo_doc_base_dir(const struct rp_fo_doc *doc);
const char *rp_fo_doc_assets_dir(const struct rp_fo_doc *doc);
/* The fo:root node (a shell: its children are streamed). */
struct rp_fo_node *rp_fo_doc_root(struct rp_fo_doc *doc);

/*
 * The simple-page-master or page-sequence-master called name, or NULL;
 * and the whole (materialised) layout master set.
 */
const struct rp_fo_node *rp_fo_doc_layout_masters(const struct rp_fo_doc *doc);
/* The master called name, or NULL. */
const struct rp_fo_node *rp_fo_doc_find_master(const struct rp_fo_doc *doc,
                                               const char *name);

/*
 * Document metadata from the XMP in fo:declarations, as Apache FOP reads
 * it: dc:title, dc:creator (author), dc:description (subject) and
 * pdf:Keywords.  Fields are NULL when absent.
 */
struct rp_fo_metadata {
    const char *title;
    const char *author;
    const char *subject;
    const char *keywords;
};
const struct rp_fo_metadata *rp_fo_doc_metadata(const struct rp_fo_doc *doc);

/* The fo:bookmark-tree (materialised), or NULL. */
const struct rp_fo_node *rp_fo_doc_bookmarks(const struct rp_fo_doc *doc);

/*
 * The next child of parent after *child (NULL: the first), into *child;
 * NULL at the end.  A previous child that was not kept is freed, and what
 * was not read of it is skipped.  Text nodes come only in elements that
 * take text.  parent must be the innermost element being read, or
 * materialised.
 */
enum rp_status rp_fo_next_child(struct rp_fo_doc *doc,
                                struct rp_fo_node *parent,
                                struct rp_fo_node **child,
                                struct rp_error *err) RP_MUST_CHECK;
/* Reads all of node's descendants into node->first_child and siblings. */
enum rp_status rp_fo_materialize(struct rp_fo_doc *doc, struct rp_fo_node *node,
                                 struct rp_error *err) RP_MUST_CHECK;
/* Keeps a node past the next rp_fo_next_child() call; see rp_fo_node_free. */
void rp_fo_node_keep(struct rp_fo_node *node);
/*
 * A materialised node for the caller to keep and free with
 * rp_fo_node_free: node itself, kept, when nobody else owns it; a copy
 * when it belongs to a materialised tree (a table row held whole, static
 * content), which frees its own.
 */
struct rp_fo_node *rp_fo_node_take(struct rp_fo_node *node);
/* Frees a kept node (and its materialised children). */
void rp_fo_node_free(struct rp_fo_node *node);
/*
 * A marker's content as it is where retrieve (an fo:retrieve-marker)
 * shows it (XSL 1.1 §6.13.6, as FOP does): a materialised copy of marker
 * whose children's properties are resolved again with retrieve's as
 * their parent's, so that they inherit the font, colour and alignment of
 * the static content that retrieves them and keep what they set
 * themselves.  The copy's own props are retrieve's.  marker must be
 * materialised.  *out is the caller's, freed with rp_fo_node_free; NULL
 * on error.
 */
enum rp_status rp_fo_marker_resolve(struct rp_fo_doc *doc,
                                    const struct rp_fo_node *marker,
                                    const struct rp_fo_node *retrieve,
                                    struct rp_fo_node **out,
                                    struct rp_error *err) RP_MUST_CHECK;
/*
 * Lets go of a node from rp_fo_next_child() early (an error path):
 * frees it unless it is kept or part of a materialised tree.  NULL is
 * fine.
 */
void rp_fo_node_done(struct rp_fo_node *node);

/* Warns once per key ("@prop", "fo:elem", or any text) for this document. */
void rp_fo_doc_warn_once(struct rp_fo_doc *doc, const char *key, long line,
                         const char *fmt, ...) RP_PRINTF(4, 5);

/* "fo:block" etc., for messages. */
const char *rp_fo_kind_name(enum rp_fo_kind kind);

/* First materialised child of parent of the given kind, or NULL. */
const struct rp_fo_node *rp_fo_child(const struct rp_fo_node *parent,
                                     enum rp_fo_kind kind);

/*
 * Property value parsers, public for tests and for layout, which resolves
 * percentages late.  Each returns false when text is not a valid value.
 * font_size is the context for em; it is the parent's size when parsing
 * font-size itself.
 */
bool rp_fo_parse_length(const char *text, double font_size, double *pt);
/*
 * The longest length accepted, in points (about 35 m).  PDF pages end at
 * 14,400 pt; anything far beyond is a typing error, and lengths must stay
 * in range of Pango's integer units when added up.
 */
#define RP_FO_MAX_LENGTH 100000.0
/*
 * How deeply FO elements may nest, counted from fo:root (depth 0); an
 * element deeper is an input error naming its line.  Reading, layout,
 * painting and freeing walk the tree recursively (blocks in blocks,
 * tables in cells, inlines in inlines): bounding the depth once, where
 * elements are read, bounds every such walk's stack (thousands of levels
 * overflowed it).  Real documents nest about 10 deep (DocBook's book and
 * article, our reviews), so 200 leaves room twenty times over; it also
 * stays below libxml2's own limit for parsed files (256), so a file and
 * an in-memory document (which has no such limit) fail alike.
 */
#define RP_FO_MAX_DEPTH 200
/*
 * A length expression (+ - * div mod, parentheses, body-start(),
 * label-end(), from-parent(), inherited-property-value()); parent may be
 * NULL.  label_end, if not NULL, says whether label-end() was used (it is
 * then counted as 0: layout knows the reference area).
 */
bool rp_fo_eval_length(const char *text, double font_size,
                       const struct rp_fo_props *parent, double *pt,
                       bool *label_end);
/*
 * A length expression in which percentages may appear (FOP's "150% -
 * 5pt"): *pt the points, *pct the percentage of the property's base
 * (0 when none).
 */
bool rp_fo_eval_length_percent(const char *text, double font_size, double *pt,
                               double *pct);
/* A length expression whose percentages are of base (in pt). */
bool rp_fo_parse_length_of(const char *text, double font_size, double base,
                           double *pt);
/* A colour as common/color.h reads it, opaque or transparent: a
 * translucent one (0 < alpha < 1) is refused (fo/color.c says why). */
bool rp_fo_parse_color(const char *text, struct rp_fo_color *color);

#endif
