/*
 * FO tree: an XSL-FO document as plain C structs with every property
 * already resolved (inheritance, shorthands, units, colours), so that
 * layout never looks at XML or strings again.
 *
 * The tree is built once from an xmlDoc (no re-serialisation after XSLT).
 * Lengths are in points.  Elements and properties outside the supported
 * subset (docs/fo-subset.md) are reported once per kind as a warning that
 * names the element and its line; unsupported elements are skipped with
 * their content, never silently.
 *
 * Ownership: rp_fo_tree_parse() returns a tree freed with
 * rp_fo_tree_free(); every node and string belongs to the tree.  The
 * source xmlDoc is not referenced after parsing.
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
};

enum rp_fo_text_align {
    RP_FO_ALIGN_START,
    RP_FO_ALIGN_CENTER,
    RP_FO_ALIGN_END,
    RP_FO_ALIGN_JUSTIFY,
};

enum rp_fo_break {
    RP_FO_BREAK_AUTO,
    RP_FO_BREAK_PAGE,
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
    int font_weight; /* 100..900 */
    bool font_italic;
    struct rp_fo_color color;
    enum rp_fo_text_align text_align;
    enum rp_fo_text_align text_align_last;
    double line_height;  /* pt */
    double start_indent; /* pt, from the reference area's start edge */
    double end_indent;
    double text_indent;
    bool white_space_collapse;

    /* not inherited */
    double space_before, space_after;
    double margin[4];
    double padding[4];
    struct rp_fo_border border[4];
    struct rp_fo_color background;
    enum rp_fo_break break_before, break_after;
    bool keep_with_next, keep_with_previous, keep_together;
    bool underline;

    /* page geometry (simple-page-master, regions) */
    double page_width, page_height;
    double extent;

    /* tables */
    struct rp_fo_length width;        /* table width */
    struct rp_fo_length column_width; /* table-column */
    int columns_repeated;             /* table-column */
    int columns_spanned;              /* table-cell */
    bool omit_header_at_break;

    /* names and references (owned by the tree; NULL when absent) */
    const char *id;
    const char *ref_id;
    const char *master_name;
    const char *master_reference;
    const char *flow_name;
    int initial_page_number; /* 0: auto */
};

struct rp_fo_node {
    enum rp_fo_kind kind;
    struct rp_fo_node *parent;
    struct rp_fo_node *first_child, *last_child, *next;
    struct rp_fo_props props;
    char *text; /* RP_FO_TEXT only: UTF-8 as in the document */
    long line;  /* line in the FO source, for messages */
};

struct rp_fo_tree;

/*
 * Builds the FO tree from doc.  name is used in messages (the FO file or
 * "<template> output").  Malformed FO (no fo:root, a page-sequence naming
 * no known master, a length that cannot be parsed) is RP_ERR_INPUT with the
 * line; unsupported elements and properties are warnings.
 */
enum rp_status rp_fo_tree_parse(xmlDoc *doc, const char *name,
                                struct rp_fo_tree **out,
                                struct rp_error *err) RP_MUST_CHECK;
void rp_fo_tree_free(struct rp_fo_tree *tree);

const struct rp_fo_node *rp_fo_tree_root(const struct rp_fo_tree *tree);
const char *rp_fo_tree_name(const struct rp_fo_tree *tree);

/* The simple-page-master called name, or NULL. */
const struct rp_fo_node *rp_fo_tree_find_master(const struct rp_fo_tree *tree,
                                                const char *name);

/* Document metadata from fo:declarations / fo:root (may be NULL). */
const char *rp_fo_tree_title(const struct rp_fo_tree *tree);

/* "fo:block" etc., for messages. */
const char *rp_fo_kind_name(enum rp_fo_kind kind);

/* First child of parent of the given kind, or NULL. */
const struct rp_fo_node *rp_fo_child(const struct rp_fo_node *parent,
                                     enum rp_fo_kind kind);

/*
 * Property value parsers, public for tests and for layout, which resolves
 * percentages late.  Each returns false when text is not a valid value.
 * font_size is the context for em; it is the parent's size when parsing
 * font-size itself.
 */
bool rp_fo_parse_length(const char *text, double font_size, double *pt);
bool rp_fo_parse_color(const char *text, struct rp_fo_color *color);

#endif
