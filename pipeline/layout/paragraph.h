/*
 * Paragraphs, inside the layout engine: what text.c gathers from inline
 * content (one string, runs of style over byte ranges of it, leaders,
 * ids, citations) and lines.c lays out into line boxes.  Offsets are
 * bytes of the paragraph's text; runs, leaders, ids and citations are
 * each in the order of their offsets.
 */
#ifndef RP_LAYOUT_PARAGRAPH_H
#define RP_LAYOUT_PARAGRAPH_H

#include "layout_internal.h"

/*
 * What a run of text looks like.  Copied out of the FO node, because
 * nodes are freed as soon as layout has read them while the paragraph
 * they belong to is still being gathered.
 */
struct text_style {
    const char *font_family; /* interned by the FO document */
    double font_size;
    int font_weight;
    bool font_italic;
    double letter_spacing;
    bool underline, overline, line_through;
    double baseline_shift;
    struct rp_fo_color color;
    struct rp_fo_color background;
    const char *link; /* interned by the FO document, or NULL */
    bool link_internal;
};

struct text_run {
    size_t start, end; /* byte range in the paragraph text */
    struct text_style style;
};

/* The block's properties that shape its paragraph. */
struct block_style {
    struct text_style text;
    enum rp_fo_text_align text_align;
    enum rp_fo_text_align text_align_last;
    double line_height;
    double text_indent;
    bool white_space_collapse;
    bool linefeed_preserve;
    bool wrap;
    int orphans, widows;
};

/* U+FFFC stands in the text for a leader, sized by a shape attribute. */
#define LEADER_CHAR "\xef\xbf\xbc"
#define LEADER_CHAR_LEN 3

struct leader {
    size_t offset;
    enum rp_fo_leader_pattern pattern;
    double min, max_abs, max_fraction; /* max_fraction: of the line */
    double width; /* grown to fill its line when laid out */
    double opt;   /* as given, before it grew */
    double thickness;
    enum rp_fo_border_style rule_style;
    double pattern_width;
    double font_size;
    struct rp_fo_color color;
};

/* A graphic stands in the text as U+FFFC too, sized by a shape
 * attribute; its bottom sits on the baseline (graphic.c). */
struct graphic {
    size_t offset;
    const struct rp_area_image *image; /* the layout's; NULL: placeholder */
    double w, h;                       /* viewport */
    double dx, dy, content_w, content_h;
    bool clip;
    const char *alt; /* interned by the FO document, or NULL */
};

struct inline_id {
    const char *id;
    size_t offset;
};

/* A footnote whose mark ends at offset: it goes with the line there. */
struct inline_footnote {
    struct rp_footnote *note; /* a reference */
    size_t offset;
};

/* A paragraph whose citations were not known: its lines' heights as laid
 * out with stand-ins, and once resolved, its lines (one box each). */
struct deferred_para {
    struct rp_paragraph *para;
    double x, width;
    double *heights;
    size_t n_lines;
    struct rp_box **lines;
};

/* A citation laid out with a stand-in until its page is known. */
struct pending_citation {
    size_t offset, len; /* of the stand-in in the text */
    enum rp_fo_kind kind;
    const char *ref_id; /* interned by the FO document */
    long line;
};

struct rp_paragraph {
    struct rp_layout *layout;
    struct block_style block;
    struct pending_citation *citations;
    size_t n_citations, cap_citations;
    struct inline_id *ids;
    size_t n_ids, cap_ids;
    struct leader *leaders;
    size_t n_leaders, cap_leaders;
    struct graphic *graphics;
    size_t n_graphics, cap_graphics;
    GString *text;
    struct text_run *runs;
    size_t n_runs, cap_runs;
    bool after_space; /* whitespace collapse: a space was just written */
    long line;        /* of the block in the FO source, for messages */
    struct inline_footnote *footnotes;
    size_t n_footnotes, cap_footnotes;
};

/* Gives the footnotes whose marks end before line_end (all of them when
 * last) from *next on to box. */
void rp_paragraph_give_footnotes(const struct rp_paragraph *para, size_t *next,
                                 size_t line_end, bool last,
                                 struct rp_box *box);

/* Whether two runs look alike (may share one run, one shaping). */
bool rp_text_style_equal(const struct text_style *a,
                         const struct text_style *b);

/* Adds a graphic (laid out by rp_layout_graphic) in props' style. */
void rp_paragraph_add_graphic(struct rp_paragraph *para,
                              const struct graphic *g,
                              const struct rp_fo_props *props);
/*
 * An fo:external-graphic or fo:instream-foreign-object as a graphic:
 * its image loaded (once per document) and its viewport and content
 * sized; a graphic that cannot be shown becomes a placeholder of the
 * size asked for, with one warning naming the file, line and image.
 * ref_width: the containing block's width, for percentages.
 */
void rp_layout_graphic(struct rp_layout *layout, const struct rp_fo_node *node,
                       double ref_width, struct graphic *out);
/* The graphics' image items of a line, whose baseline is at baseline
 * and whose text starts at x (line_start..line_end: its bytes). */
void rp_graphics_draw(const struct rp_paragraph *para, PangoLayout *layout,
                      int index_shift, size_t line_start, size_t line_end,
                      double x, double baseline, struct rp_item_list *items);

#endif
