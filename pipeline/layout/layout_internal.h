/*
 * Internals of the layout engine, shared by its files.
 *
 * Block-progression content becomes a stream of boxes: unbreakable slices
 * (a line of text, a table row, the padding at the top of a block) with
 * the space before them and whether a page break may fall before them.
 * A consumer takes the stream: the paginator fills pages and breaks where
 * allowed; the stacker piles boxes up without limit (table cells, static
 * content).  Backgrounds and borders of blocks that span several boxes are
 * decorations, drawn per page over the boxes they enclose.
 */
#ifndef RP_LAYOUT_INTERNAL_H
#define RP_LAYOUT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "layout.h"

struct rp_item_list {
    struct rp_area_item *items;
    size_t n, cap;
};

void rp_item_list_push(struct rp_item_list *list,
                       const struct rp_area_item *item);
/* Appends src translated by (dx, dy), taking new refs on text layouts. */
void rp_item_list_append(struct rp_item_list *dst,
                         const struct rp_item_list *src, double dx, double dy);
/* Drops the layout refs of text items and frees the array. */
void rp_item_list_release(struct rp_item_list *list);

/* A block's background and borders, drawn over the boxes it encloses. */
struct rp_deco {
    int refs;
    struct rp_deco *parent;
    int depth;
    double x, w; /* border box, relative to the flow's x origin */
    struct rp_area_color background;
    struct rp_fo_border border[4];
    uint64_t first_serial; /* serial of the first box inside, 0: none yet */
    uint64_t last_serial;  /* serial of the last box, 0: block still open */
};

/* An id starting or ending in a box, for page-number-citation(-last). */
struct rp_id_mark {
    struct rp_id_mark *next;
    const char *id; /* interned in the FO tree */
    bool is_end;
};

struct rp_table_ctx;

/* A retained fo:marker, shared by its box and the pages it carries to. */
struct rp_marker {
    int refs;
    const char *class_name;  /* interned by the FO document */
    struct rp_fo_node *node; /* materialised, kept */
    /* node's content resolved where it was last retrieved
     * (rp_layout_retrieve_content), or NULL; owned */
    struct rp_fo_node *retrieved;
};
struct rp_marker *rp_marker_ref(struct rp_marker *marker);
void rp_marker_unref(struct rp_marker *marker);

struct rp_marker_list {
    struct rp_marker_list *next;
    struct rp_marker *marker; /* a reference */
};

/*
 * A positioned block-container (absolute-position absolute or fixed),
 * laid out whole: a GROUP ... GROUP_END run of items in the coordinates
 * of what it is placed against, waiting for the page (or the region or
 * container) it goes in.  It takes no room in the flow: it rides on the
 * next box of the flow to learn its page (position.c).
 */
struct rp_positioned {
    struct rp_positioned *next;
    bool fixed; /* against the page; else the nearest reference area */
    struct rp_item_list items;
};
/* Frees a list of positioned areas.  NULL is fine. */
void rp_positioned_free(struct rp_positioned *list);
/* Appends list more (consumed) at the end of *list. */
void rp_positioned_append(struct rp_positioned **list,
                          struct rp_positioned *more);
/*
 * Appends the items of every area of list to out: a fixed one as it is,
 * the others translated to the reference area at (ref_x, ref_y).
 */
void rp_positioned_emit(const struct rp_positioned *list, double ref_x,
                        double ref_y, struct rp_item_list *out);
/* The same for the fixed areas of list only, or the others only: a
 * turned region or body holds the others, the page the fixed ones. */
void rp_positioned_emit_part(const struct rp_positioned *list, bool fixed,
                             double ref_x, double ref_y,
                             struct rp_item_list *out);
/*
 * Puts a page's items in painting order: positioned areas with a negative
 * z-index first, then the rest of body and statics in that order, then
 * the positioned areas with z-index 0 and above; by z-index, ties in
 * document order (static content comes before the flow).  The result is
 * in body; statics is left empty.
 */
void rp_page_stack(struct rp_item_list *body, struct rp_item_list *statics);

/*
 * A footnote's body (footnote.c), laid out when its mark is read, at the
 * width of the region-body, into a pile of boxes kept so that the body
 * can be split between pages.  It rides on the line box its mark lands
 * in, and goes to the bottom of the body region of that box's page (or,
 * what does not fit there, of the next pages), under the footnote
 * separator.  Shared by the paragraph that read it, the box and the
 * pages it is on (refs).
 */
struct rp_footnote {
    int refs;
    long line; /* of the fo:footnote, for messages */
    double height;
    struct rp_placed *boxes; /* x from the body's start edge, y its top */
    size_t n;
};
void rp_footnote_unref(struct rp_footnote *note);
struct rp_box;
/* Adds a reference to note to box's footnotes. */
void rp_box_add_footnote(struct rp_box *box, struct rp_footnote *note);

struct rp_box {
    int refs;
    uint64_t serial;
    double height;
    double space_before;        /* discarded at the top of a page */
    int break_before;           /* enum rp_fo_break: a forced page break */
    bool keep_with_prev;        /* no break between the previous box and this */
    bool is_header;             /* a table header row, repeated on new pages */
    bool is_footer;             /* a table footer row */
    struct rp_item_list items;  /* x from the flow origin, y from box top */
    struct rp_deco *deco;       /* innermost enclosing decoration (ref) */
    struct rp_table_ctx *table; /* table whose header repeats (ref) */
    struct rp_id_mark *ids;
    struct rp_marker_list *markers; /* markers of blocks starting here */
    struct rp_row *row; /* a table row that may split (owned), or NULL */
    struct rp_positioned *positioned; /* placed on the box's page (owned) */
    int struct_ends; /* structure elements ending after the row's items */
    struct rp_box *continued_by;    /* a split row's rest (a reference) */
    struct rp_footnote **footnotes; /* of marks on this line (refs) */
    size_t n_footnotes;
    bool span_all; /* spans every column of a multi-column body */
};

/*
 * A table row kept as cells of content boxes rather than flat items, so
 * that a row too tall for what is left of a page can continue on the next
 * (table.c).  Its items are made when the page is.
 */
struct rp_row_cell {
    double x, w;
    double top, height; /* the cell's box, from the top of the row box */
    double inset_top, inset_bottom;
    double lead_inset_top; /* inset_top first on a page (has_lead) */
    /* Collapsed: inset_top of its continuation on the next page. */
    double rest_inset_top;
    int display_align;
    struct rp_fo_border border[4]; /* resolved against its neighbours */
    struct rp_area_color background;
    struct rp_placed *content; /* boxes, y from the content top */
    size_t n_content;
    double content_height;
};

/* A row's background, as a band across the table. */
struct rp_row_band {
    double top, height;
    struct rp_area_color color;
};

/*
 * One or more rows (rows joined by a spanning cell come as one): their
 * cells, with the bands of their backgrounds.
 */
struct rp_row {
    struct rp_row_cell *cells;
    size_t n_cells;
    struct rp_row_band *bands;
    size_t n_bands;
    bool splittable;    /* a single row: may continue on the next page */
    bool keep_together; /* split only when taller than a whole page */
    bool separate;      /* border model */
    double sep_y;       /* separate model: space above and below cells */
    double left, right; /* the bands' horizontal extent */
    bool structure;     /* emits TR and TH/TD elements (tagged PDF) */
    int part;           /* RP_AREA_TR_BODY, _HEADER or _FOOTER */
    /* Rows joined by a spanning cell (n_rows > 1): where each starts
     * (row_y[n_rows]: the end) and where a page may break (breaks[r],
     * RP_ROW_BREAK_*: before row r, no keep forbidding it; inside it,
     * not kept together): the group breaks there, as FOP's do, a
     * spanning cell's content continuing on the next page.  Single
     * rows: NULL. */
    size_t n_rows;
    double *row_y;
    unsigned char *breaks;
    /* Collapsed borders: first on a page, under the repeated header, a
     * single row's top edge meets the header's bottom, not the row
     * before it (FOP's leading border): its cells' inset_top become
     * lead_inset_top and it grows by lead_dh (rp_row_lead). */
    bool has_lead;
    double lead_dh;
};
enum { RP_ROW_BREAK_BEFORE = 1, RP_ROW_BREAK_INSIDE = 2 };

/* Gives a row box that starts a page its leading top edge (has_lead). */
void rp_row_lead(struct rp_box *box);

void rp_row_free(struct rp_row *row);
/* Emits the row's items at (dx, dy). */
void rp_row_emit(const struct rp_row *row, double dx, double dy,
                 struct rp_item_list *out);
/*
 * Splits a row box so that the first part fits avail: on success *first
 * and *rest are new boxes (rest continues the row) and box is untouched;
 * false when no line of any cell fits or nothing needs to move.
 */
bool rp_row_split(const struct rp_box *box, double avail, struct rp_box **first,
                  struct rp_box **rest);
/* Joins the border rules in out from index from on that meet end to end
 * in one style into single strokes (row.c). */
void rp_items_merge_rules(struct rp_item_list *out, size_t from);

struct rp_box *rp_box_new(void);
void rp_box_add_id(struct rp_box *box, const char *id, bool is_end);
/* Moves the marks of *from to the end of *to (a box's, a flow's pending
 * ones): ids inside a table cell or a list label go to the box the page
 * sees. */
void rp_id_marks_move(struct rp_id_mark **to, struct rp_id_mark **from);
struct rp_box *rp_box_ref(struct rp_box *box);
void rp_box_unref(struct rp_box *box);
struct rp_deco *rp_deco_ref(struct rp_deco *deco);
void rp_deco_unref(struct rp_deco *deco);

/* A table's repeating header and footer: the boxes of their rows. */
struct rp_table_ctx {
    int refs;
    struct rp_box **header;
    size_t n_header, cap_header;
    bool omit_header_at_break;
    struct rp_box **footer;
    size_t n_footer, cap_footer;
    double footer_height;
    bool omit_footer_at_break;
};
void rp_table_ctx_unref(struct rp_table_ctx *table);

/* A box at its position in a column of boxes. */
struct rp_placed {
    struct rp_box *box;
    double y;
    bool artifact; /* a repeated table header or footer */
    double x;      /* paginator only: its column's offset in the body */
};

/*
 * Turns placed boxes into page items: decoration backgrounds, box items,
 * then decoration borders, all translated by (dx, dy).
 */
void rp_emit_placed(const struct rp_placed *placed, size_t n, double dx,
                    double dy, struct rp_item_list *out);

/* The painter's rule style for an FO border or rule style (box.c). */
enum rp_area_rule_style rp_rule_style_of(enum rp_fo_border_style style);
/* Border rules of a border box; top/bottom only where the box starts/ends. */
void rp_emit_box_borders(struct rp_item_list *out,
                         const struct rp_fo_border border[4], double x,
                         double y, double w, double h, bool top, bool bottom);

/* Collapsed cell borders: strokes centred on the grid lines. */
void rp_emit_grid_borders(struct rp_item_list *out,
                          const struct rp_fo_border border[4], double x,
                          double y, double w, double h);

struct rp_consumer {
    /* Takes one reference to box. */
    enum rp_status (*add)(struct rp_consumer *consumer, struct rp_box *box,
                          struct rp_error *err);
};

/* Piles boxes up with no page limit. */
struct rp_stacker {
    struct rp_consumer base;
    struct rp_placed *placed;
    size_t n, cap;
    double height;
};
void rp_stacker_init(struct rp_stacker *stacker);
/* Emits the pile into out at (dx, dy) and releases the boxes. */
void rp_stacker_finish(struct rp_stacker *stacker, double dx, double dy,
                       struct rp_item_list *out);
void rp_stacker_release(struct rp_stacker *stacker);

/* The font of the last natural_height asked for (lines.c). */
struct rp_height_memo {
    const char *family; /* interned by the document; NULL: none yet */
    double size;
    int weight;
    bool italic;
    double height;
};

/* What the whole layout run shares. */
struct rp_layout {
    struct rp_fo_doc *doc;
    PangoContext *pango;
    int pass; /* 1: layout only, collecting page numbers; 2: for real */
    uint64_t next_serial;
    /* > 0 while laying out static content or a retrieved marker's copy:
     * their nodes stay in a tree that is laid out again, so an fo:marker
     * there (which XSL allows only in the flow) cannot be taken. */
    int markers_off;
    /* > 0 while laying out a retrieved marker's content: an
     * fo:retrieve-marker in it (which XSL allows only in static content)
     * is ignored, or a marker that retrieved itself would never end. */
    int retrieving;
    /* font description -> natural line height; the context's (run.c) */
    GHashTable *font_heights;
    struct rp_height_memo last_height;
    GHashTable *first_page; /* id -> folio text, of the pages finished */
    GHashTable *last_page;
    const char *current_page_text; /* folio of the page being filled */
    GArray *sequence_pages;        /* int pages of each sequence, from pass 1 */
    /* Markers for retrieve-marker on the page being finished: class ->
     * struct rp_marker; first/last are borrowed from the page's boxes,
     * the carries hold references. */
    GHashTable *markers_first, *markers_last;
    GHashTable *carry_sequence, *carry_document;
    bool first_box_has_marker;
    GHashTable *hyphen_dicts;      /* "lang_COUNTRY" -> HyphenDict, or NULL */
    struct rp_shape_cache *shapes; /* the context's (run.c) */
    unsigned sequence_index;
    struct rp_layout_stats *stats;
    /* One pass instead of two (spooled_pass.c): pages wait in the spool for
     * the forward references of their static content. */
    struct rp_spool *spool;
    bool spool_failed; /* something the spool cannot wait for: two passes */
    bool replaying;    /* painting the spooled pages: every id is known */
    int warned_pages;  /* pages an abandoned spooled pass warned about */
    GPtrArray *spooled_pages; /* what each page's static content needs */
    GPtrArray *kept_statics;  /* static-content nodes of every sequence */
    GPtrArray *deferred; /* paragraphs with citations laid out at the end */
    /* Positioned block-containers laid out and not yet placed, in
     * document order; the next box the paginator takes carries them. */
    struct rp_positioned *positioned;
    /* What they are placed against: the page (fixed) and the nearest
     * reference area (absolute: the region, or a positioned container). */
    double page_w, page_h, ref_w, ref_h;
    struct rp_image_cache *images; /* graphic.c: the document's images */
    /* Tagged PDF (structure.c): whether the sink wants structure items,
     * and the level of the bookmark that targets each id (id -> int). */
    bool structure;
    GHashTable *heading_ids;
    /* fontlist.c: the last font-family list resolved, and its families. */
    struct {
        const char *list; /* interned by the document */
        const char *families;
    } families_memo;
    /* Footnotes (footnote.c): the width of the region-body their bodies
     * are laid out to, and > 0 inside one (a footnote there is not
     * allowed: its body is dropped). */
    double footnote_width;
    int in_footnote;
};

/*
 * The concrete families Pango is to take for an FO font-family list, in
 * the list's order (fontlist.c); owned by the context, valid while it is.
 */
const char *rp_font_families(PangoContext *context, const char *list);
/* The same, remembering the last list asked for. */
const char *rp_layout_font_families(struct rp_layout *layout, const char *list);

/* A column of content being laid out into a consumer. */
struct rp_flow {
    struct rp_layout *layout;
    struct rp_consumer *out;
    double x_origin;  /* left edge of the reference area */
    double ref_width; /* width of the reference area */
    struct rp_deco *deco;
    struct rp_table_ctx *table;
    double pending_space;
    int pending_break; /* enum rp_fo_break */
    bool pending_keep;
    struct rp_id_mark *pending_ids;
    struct rp_marker_list *pending_markers;
    struct rp_box *last_box; /* borrowed: the box most recently emitted */
    int keep_together_depth; /* > 0 inside a keep-together block */
    bool keep_together_first;
    /* A list item's label, drawn beside the first box of its body. */
    bool has_pending_label;
    struct rp_item_list pending_label;
    double pending_label_height;
    /* Structure items waiting for the next box (structure.c): begins,
     * and a list label between its Lbl begin and end. */
    struct rp_item_list pending_struct;
    /* The last box sent, held: a row the paginator splits leaves it, and
     * an element ending there ends after the row's last part. */
    struct rp_box *struct_box;
    int pending_heading;   /* a bookmark's level for the next paragraph */
    bool plain_paragraphs; /* a list label: its text is the Lbl, no P */
    /* Multi-column bodies: the width of the whole body, which a block
     * with span="all" (a child of the flow) is laid out to; 0: one
     * column.  in_span: its boxes are being emitted. */
    double span_width;
    bool in_span;
};

void rp_flow_init(struct rp_flow *flow, struct rp_layout *layout,
                  struct rp_consumer *out, double x_origin, double ref_width);
/* Sends box into the flow's consumer, applying pending space and keeps. */
enum rp_status rp_flow_emit(struct rp_flow *flow, struct rp_box *box,
                            struct rp_error *err);
/*
 * Lays out a footnote-body into *out (a new footnote, the caller's
 * reference; NULL when the body cannot be shown here, as in static
 * content, where a warning says so).  footnote.c.
 */
enum rp_status rp_footnote_layout(struct rp_flow *flow,
                                  struct rp_fo_node *footnote,
                                  struct rp_fo_node *body,
                                  struct rp_footnote **out,
                                  struct rp_error *err) RP_MUST_CHECK;
/* Lays out the children of a block-level container (flow, cell, block). */
enum rp_status rp_flow_children(struct rp_flow *flow, struct rp_fo_node *parent,
                                struct rp_error *err);
enum rp_status rp_flow_table(struct rp_flow *flow, struct rp_fo_node *table,
                             struct rp_error *err);
/*
 * A block-container with absolute-position absolute or fixed: laid out
 * whole into layout->positioned; nothing goes into the flow.
 */
enum rp_status rp_flow_positioned(struct rp_flow *flow, struct rp_fo_node *node,
                                  struct rp_error *err);

/*
 * In-flow block-containers (absolute-position auto), position.c.  One
 * with a height or a reference-orientation is laid out whole, as FOP
 * does: is_whole says so, and container_box makes its one unbreakable
 * box (background, borders, the content clipped or turned as it asks;
 * ids and markers inside it are not carried).  One with only a width
 * flows, breaking across pages, as a reference area container_width
 * wide at its start indent.  Either way its content's indents count
 * from its content rectangle, as FOP counts them.
 */
bool rp_container_is_whole(const struct rp_fo_props *p);
double rp_container_width(const struct rp_flow *flow,
                          const struct rp_fo_props *p);
/* *out: a new box (the caller's reference), NULL on error. */
enum rp_status rp_container_box(struct rp_flow *flow, struct rp_fo_node *node,
                                struct rp_box **out,
                                struct rp_error *err) RP_MUST_CHECK;

/* The marker a retrieve-marker shows on the page being finished, or NULL. */
struct rp_marker *rp_layout_retrieve(struct rp_layout *layout,
                                     const struct rp_fo_node *retrieve);
/*
 * What a retrieve-marker shows on the page being finished: the marker's
 * content with its properties resolved there (rp_fo_marker_resolve), or
 * NULL for none.  *content belongs to the marker and stays valid until
 * the marker is retrieved again or released.
 */
enum rp_status rp_layout_retrieve_content(struct rp_layout *layout,
                                          const struct rp_fo_node *retrieve,
                                          struct rp_fo_node **content,
                                          struct rp_error *err) RP_MUST_CHECK;

/* A page number in a page sequence's format (1, 01, i, I, a, A). */
void rp_format_folio(int n, const char *format, char *out, size_t size);

/*
 * A region of a page: where it is, and the static content it shows.
 * (x, y) is its top-left corner on the page; w x h is its content's
 * frame, which a region with a reference-orientation of 90 or 270
 * degrees turns: it is then h wide and w tall on the page.
 */
struct rp_region {
    double x, y, w, h;
    struct rp_fo_node *content; /* static-content, or NULL */
    int rotation;               /* quarter turns counter-clockwise */
};
/*
 * Opens a flow group turning what follows into the frame of a region or
 * page (rotation 0: nothing) and closes it; the turned items stand at
 * (x, y) in a frame fw x fh (position.c).
 */
void rp_turn_begin(struct rp_item_list *out, double x, double y, double fw,
                   double fh, int rotation);
void rp_turn_end(struct rp_item_list *out, int rotation);

/* Where the page sequence master's sub-sequences have got to. */
struct rp_master_cursor {
    const struct rp_fo_node *simple; /* master-reference names one */
    const struct rp_fo_node *sequence_master;
    const struct rp_fo_node *sub; /* current sub-sequence specifier */
    int used;                     /* pages taken from it so far */
};

/* Static content a page sequence keeps; more are ignored. */
#define RP_MAX_STATICS 16

/* Boxes [from, to) of a footnote's body on a page, or waiting for one;
 * at: the index among the page's boxes of the box that brought it, -1
 * when it waited from an earlier page; in_row: from a table cell. */
struct rp_note_part {
    struct rp_footnote *note; /* a reference */
    size_t from, to;
    long at;
    bool in_row;
};

/*
 * The consumer that fills the pages of one page sequence with its flow
 * (paginate.c); its masters (masters.c) give each page its geometry.
 */
struct rp_paginator {
    struct rp_consumer base;
    struct rp_layout *layout;
    const struct rp_layout_sink *sink;
    const char *seq_name; /* for messages */
    long seq_line;
    struct rp_master_cursor masters;
    const struct rp_fo_node *last_master; /* reused when exhausted */
    int sequence_pages_known; /* pages of this sequence in pass 1, or -1 */
    bool page_open;           /* geometry chosen for the current page */
    double page_width, page_height; /* on paper */
    int page_rotation; /* the master's reference-orientation: the page's
                        * regions are laid out in a turned frame */
    double flow_width; /* the width content is laid out to */
    struct rp_region body, before, after, start, end;
    /* Static content of the sequence, kept for every page. */
    struct rp_fo_node *statics[RP_MAX_STATICS];
    size_t n_statics;
    struct rp_placed *placed;
    size_t n, cap;
    size_t first_content; /* boxes before this index are repeated headers */
    double y;             /* used height of the body region */
    int page_number;
    int page_index;
    int pages_in_sequence;
    const char *number_format;
    char folio[32];
    /* Footnotes on the page (footnote.c): the parts of bodies on it, in
     * order, and their height with the separator's; the parts waiting
     * for the next pages; whether the page's first box has taken what
     * waited; the separator laid out for the page. */
    struct rp_note_part *notes;
    size_t n_notes, cap_notes;
    double notes_h;
    struct rp_note_part *waiting;
    size_t n_waiting, cap_waiting;
    bool notes_started;
    bool has_separator;
    double separator_h;
    struct rp_item_list separator;
    /* Columns of the body (columns.c): how many, their width and gap;
     * the current column and where its boxes start in placed; the set
     * of columns being filled starts at set_top (below a span="all"),
     * its boxes at set_first; in_span: spanning boxes are being
     * placed. */
    int n_cols, col;
    double col_w, col_gap;
    size_t col_start, col_first, set_first;
    double set_top;
    bool in_span;
    bool set_broken; /* a break-before="column" ended one of the set's */
};

/* Empties pg and makes it the consumer that fills the sink's pages. */
void rp_paginator_init(struct rp_paginator *pg, struct rp_layout *layout,
                       const struct rp_layout_sink *sink);
/* Ends the page being filled (blank if nothing is on it), numbers the next. */
enum rp_status rp_paginator_finish_page(struct rp_paginator *pg,
                                        struct rp_error *err);
/* Makes the folio of pg's page number the layout's current page text. */
void rp_paginator_set_folio(struct rp_paginator *pg);
/* Points pg's master cursor at the master the page sequence names. */
enum rp_status rp_paginator_start_masters(struct rp_paginator *pg,
                                          const struct rp_fo_props *seq,
                                          struct rp_error *err);
/* Footnotes on pages (footnote.c).  The height the footnotes of box
 * add to pg's page, whole (with the separator if it is the page's
 * first). */
double rp_paginator_note_room(struct rp_paginator *pg,
                              const struct rp_box *box);
/* Whether the page left footnotes waiting for the next: it is full. */
bool rp_paginator_notes_full(const struct rp_paginator *pg);
/* How a box's footnotes are fitted (rp_paginator_fit_notes). */
enum rp_note_fit {
    RP_NOTES_TRY,   /* the box goes on the page only if they let it */
    RP_NOTES_FORCE, /* the box goes on the page: they wait if need be */
    RP_NOTES_MUST,  /* no box, a page of notes: a piece goes, however tall */
};
/*
 * Fits the footnotes of box (NULL: none), about to be placed at index
 * pg->n, into room (what is left below the lowest content of the page
 * with box, the page's notes so far deducted), with what waits from
 * earlier pages when box is the page's first: as FOP does (footnote.c).
 * False, nothing changed, when box may not go on the page for them.
 */
bool rp_paginator_fit_notes(struct rp_paginator *pg, const struct rp_box *box,
                            double room, enum rp_note_fit how);
/* Forgets the footnotes of the boxes from index from on (they move). */
void rp_paginator_drop_notes(struct rp_paginator *pg, size_t from);
/* The page's footnotes (and separator) at the bottom of its body, their
 * ids' destinations: before the boxes are emitted, each line's notes go
 * among its items (a table row's to rows, for after the body's items;
 * the separator, notes continued from earlier pages and destinations to
 * items).  record: the pages of their ids. */
void rp_paginator_emit_notes(struct rp_paginator *pg,
                             struct rp_item_list *items,
                             struct rp_item_list *rows);
void rp_paginator_record_note_ids(struct rp_paginator *pg);
/* A page of the footnotes that wait alone (room: what is left of it),
 * finished. */
enum rp_status rp_paginator_notes_page(struct rp_paginator *pg, double room,
                                       struct rp_error *err) RP_MUST_CHECK;
/* At the end of the flow: what still waits, on pages of its own. */
enum rp_status rp_paginator_flush_notes(struct rp_paginator *pg,
                                        struct rp_error *err) RP_MUST_CHECK;
/* Frees what the paginator holds of footnotes (the sequence is done). */
void rp_paginator_release_notes(struct rp_paginator *pg);
/* Forgets the page's footnotes (the page is finished). */
void rp_paginator_reset_notes(struct rp_paginator *pg);

/* Columns (columns.c).  The page's columns from its body region. */
void rp_paginator_set_columns(struct rp_paginator *pg,
                              const struct rp_fo_node *body);
/* Ends the column being filled: the next column, or the next page. */
enum rp_status rp_paginator_next_column(struct rp_paginator *pg,
                                        struct rp_error *err);
/* Before box: a spanning box after columns balances them and goes
 * below; a column box after spanning ones starts a set of columns.
 * Either way the space before box is discarded (set to 0). */
void rp_paginator_enter_span(struct rp_paginator *pg, struct rp_box *box);
/* Forgets the page's columns (the page is finished). */
void rp_paginator_reset_columns(struct rp_paginator *pg);

/* Chooses the master of the next page and lays out its regions. */
enum rp_status rp_paginator_open_page(struct rp_paginator *pg, bool blank,
                                      struct rp_error *err);
/* Whether a page-sequence-master has a master for the last page. */
bool rp_masters_need_page_count(const struct rp_fo_doc *doc);

/* A finished page, as its static content and the sink need it. */
struct rp_page_desc {
    int index, number;
    double width, height; /* on paper */
    int rotation;         /* of its frame: rp_paginator.page_rotation */
    char folio[32];
    struct rp_region regions[4]; /* before, after, start, end */
};

/* The markers starting on pg's page, for the static content. */
void rp_page_collect_markers(struct rp_paginator *pg);
/* After the page: its last markers carry over to the pages that follow. */
void rp_page_carry_markers(struct rp_layout *layout);
/* Adds the static content to a page's body items; the page to the sink. */
enum rp_status rp_page_complete(struct rp_layout *layout,
                                const struct rp_page_desc *d,
                                struct rp_item_list *items,
                                const struct rp_layout_sink *sink,
                                struct rp_error *err);

/* Lays out every page sequence of the document once, pages to sink. */
enum rp_status rp_layout_pass(struct rp_layout *layout,
                              const struct rp_layout_sink *sink,
                              struct rp_error *err);
/* The document in one pass, pages spooled until the last is known. */
enum rp_status rp_layout_spooled_pass(struct rp_layout *layout,
                                      const struct rp_layout_sink *sink,
                                      struct rp_error *err);
/* Keeps a finished page's body in the spool, its static content for later. */
enum rp_status rp_layout_spool_page(struct rp_layout *layout,
                                    const struct rp_page_desc *desc,
                                    const struct rp_item_list *items,
                                    struct rp_error *err);
/* Gives the spooled pass up (spool_failed): the caller lays out twice. */
enum rp_status rp_layout_spool_give_up(struct rp_layout *layout,
                                       struct rp_error *err);

/* Text of a page-number citation; "?" (and a warning) if id is unknown. */
const char *rp_layout_citation(struct rp_layout *layout, enum rp_fo_kind kind,
                               const char *ref_id, long line);
/* Whether a citation's page is known and final now: in a spooled pass, a
 * forward one is known only once every page is laid out. */
bool rp_layout_citation_known(struct rp_layout *layout, enum rp_fo_kind kind,
                              const char *ref_id);

/* Whether an internal link's destination exists; warns once if not. */
bool rp_layout_link_target_known(struct rp_layout *layout, const char *id);

/* Paragraph of inline content laid out into line boxes. */
struct rp_paragraph;
/* block: the properties of the block at line of the FO source. */
struct rp_paragraph *rp_paragraph_new(struct rp_layout *layout,
                                      const struct rp_fo_props *block,
                                      long line);
bool rp_paragraph_empty(const struct rp_paragraph *para);
void rp_paragraph_add_text(struct rp_paragraph *para, const char *text,
                           const struct rp_fo_props *props);
/* Inline text not subject to whitespace collapse (page numbers). */
void rp_paragraph_add_literal(struct rp_paragraph *para, const char *text,
                              const struct rp_fo_props *props);
/* A page-number citation; in a spooled pass, one not known yet is laid
 * out with a stand-in, the paragraph kept and laid out again at the end
 * (rp_layout_resolve_deferred). */
void rp_paragraph_add_citation(struct rp_paragraph *para,
                               const struct rp_fo_node *node);
/*
 * Once every page is laid out: lays the kept paragraphs out again with
 * their citations' pages.  Where one no longer has the lines it had (the
 * pages would break differently), sets layout->spool_failed.
 */
enum rp_status rp_layout_resolve_deferred(struct rp_layout *layout,
                                          struct rp_error *err);
/* Appends the items of a resolved line standing in an item list as an
 * RP_AREA_DEFERRED item. */
void rp_layout_expand_deferred(struct rp_layout *layout,
                               const struct rp_area_item *deferred,
                               struct rp_item_list *out);
/* Frees the kept paragraphs, leaving an empty list. */
void rp_layout_reset_deferred(struct rp_layout *layout);
/* fo:leader: room that grows to fill its line, drawn as dots or a rule. */
void rp_paragraph_add_leader(struct rp_paragraph *para,
                             const struct rp_fo_props *props);
/* An id on an inline: its destination is the line where it starts. */
void rp_paragraph_add_id(struct rp_paragraph *para, const char *id);
/* A footnote whose mark has just been added: it goes with the mark's
 * line.  Takes the caller's reference to note. */
void rp_paragraph_add_footnote(struct rp_paragraph *para,
                               struct rp_footnote *note);
/*
 * Lays the paragraph out at x, width wide, and sends its lines down the
 * flow, one box each.  Every character reaches a line, however long the
 * paragraph or its words (lines.c); a line that may not wrap and is too
 * wide for Pango to measure is an input error.
 */
enum rp_status rp_paragraph_emit(struct rp_paragraph *para,
                                 struct rp_flow *flow, double x, double width,
                                 struct rp_error *err);
void rp_paragraph_free(struct rp_paragraph *para);

struct rp_area_color rp_area_color_of(struct rp_fo_color c);

/* Shaped paragraphs, reused by key (shape_cache.c).  get returns a new
 * reference or NULL; put copies the key and takes its own layout
 * reference, keeping them only when the key was seen before.  Keys stay
 * the caller's. */
struct rp_shape_key {
    guint8 *data;
    size_t len;
};
struct rp_shape_cache;
struct rp_shape_cache *rp_shape_cache_new(void);
void rp_shape_cache_free(struct rp_shape_cache *cache);
PangoLayout *rp_shape_cache_get(struct rp_shape_cache *cache,
                                const struct rp_shape_key *key);
void rp_shape_cache_put(struct rp_shape_cache *cache,
                        const struct rp_shape_key *key, PangoLayout *layout);
/* Whether a paragraph of text_len bytes is worth caching. */
bool rp_shape_cache_wants(size_t text_len);

/* The page spool (spool.c): pages on disk, read back in order.  A page
 * with a line only Pango can draw is not written (*written false).  Items
 * read point into the spool until the next read. */
struct rp_spool;
enum rp_status rp_spool_new(struct rp_spool **out, struct rp_error *err);
void rp_spool_free(struct rp_spool *spool);
enum rp_status rp_spool_write(struct rp_spool *spool,
                              const struct rp_item_list *items, bool *written,
                              struct rp_error *err);
enum rp_status rp_spool_rewind(struct rp_spool *spool, struct rp_error *err);
enum rp_status rp_spool_read(struct rp_spool *spool, struct rp_item_list *items,
                             struct rp_error *err);

/*
 * Tagged PDF (structure.c).  Structure elements begin before the next box
 * of the flow and end after its last box; an element no box went into is
 * dropped.  All are no-ops when the sink wants no structure.
 */
void rp_flow_struct_begin(struct rp_flow *flow, const char *role,
                          const char *alt);
void rp_flow_struct_end(struct rp_flow *flow);
/* Drops what a flow holds for structure. */
void rp_flow_struct_release(struct rp_flow *flow);
/* Puts what waits for the next box in front of box's items. */
void rp_flow_struct_prefix(struct rp_flow *flow, struct rp_box *box);
/* The element a block makes around its content (Figure, Sect...), or
 * NULL; and the type of a paragraph in a block with props p. */
const char *rp_struct_block_role(const struct rp_fo_props *p);
const char *rp_struct_paragraph_role(struct rp_flow *flow,
                                     const struct rp_fo_props *p);
/* Whether a materialised cell (or label) holds one block of text and
 * nothing else: its text is the cell's own, with no P element. */
bool rp_struct_text_only(const struct rp_fo_node *node);
/* Notes the bookmark level of a block's id for its first paragraph. */
void rp_struct_note_heading(struct rp_flow *flow, const struct rp_fo_props *p);
/* Appends a STRUCT_BEGIN (role, alt) or STRUCT_END to out. */
void rp_struct_push(struct rp_item_list *out, bool begin, const char *role,
                    const char *alt, int part);
/* Wraps items[from..] in an Artifact, each positioned group too, so that
 * a group the page stack moves stays an artifact. */
void rp_struct_artifact(struct rp_item_list *items, size_t from);
/* The bookmark levels of ids; NULL without bookmarks.  Freed with
 * g_hash_table_unref. */
GHashTable *rp_struct_heading_ids(const struct rp_fo_doc *doc);

/* Hyphenation (hyphenate.c).  The dictionary is cached in layout; NULL,
 * with a warning once, when the language has none installed. */

struct _HyphenDict *rp_hyphen_dictionary(struct rp_layout *layout,
                                         const char *language,
                                         const char *country);
/* Inserts soft hyphens into the words of text from byte start on. */
void rp_hyphenate_tail(struct _HyphenDict *dict, GString *text, size_t start,
                       int push, int remain);

#endif
