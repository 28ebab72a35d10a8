/*
 * Paragraphs, inside the layout engine: what text.c gathers from inline
 * content (one string, runs of style over byte ranges of it, leaders,
 * ids, citations) and lines.c lays out into line boxes.  Offsets are
 * bytes of the paragraph's text; runs, leaders, ids and citations are
 * each in the order of their offsets.
 */
#ifndef RP_LAYOUT_PARAGRAPH_H
#define RP_LAYOUT_PARAGRAPH_H

#include <limits.h>

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
    unsigned int hyphen_char; /* hyphenation-character */
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
    bool disregard_shifts;
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

/*
 * hyphenation-character as a Pango attribute on its run (area.c), where
 * it is not U+2010, the font's own hyphen that Pango draws: the glyph of
 * a hyphenated line's hyphen becomes that character's (lines.c), and
 * rp_area_run_of carries the character for the text layer.
 */
#define RP_HYPHEN 0x2010 /* hyphenation-character's initial value */
PangoAttribute *rp_hyphen_attr_new(unsigned int c);
/* The character of a run's attribute; 0: none (the font's hyphen). */
unsigned int rp_hyphen_of(const PangoItem *item);

/* The font of a style; the caller frees it. */
PangoFontDescription *rp_text_style_font(struct rp_layout *layout,
                                         const struct text_style *style);

/*
 * Justified lines whose word spaces shrink (justify.c): the lines of a
 * piece of a paragraph planned as Pango breaks them greedily, each
 * taking every word that fits with its spaces shrunk by up to a third
 * (FOP's word-spacing="normal"); ranges are those that need the shrink
 * to take their last word, from their start to the end of that word.
 */
struct shrink_range {
    size_t from, to; /* bytes of the paragraph's text */
};

struct shrink_plan {
    struct shrink_range *ranges;
    size_t n, cap;
};

/* How far a word space of style s may shrink, in points. */
double rp_space_shrink(struct rp_layout *layout, const struct text_style *s);
/* Plans text [from, to) of para on lines width wide; first_line: the
 * first is a paragraph's first (text-indent).  Release the plan. */
void rp_shrink_plan(struct rp_layout *layout, const struct rp_paragraph *para,
                    size_t from, size_t to, bool first_line, double width,
                    struct shrink_plan *out);
void rp_shrink_plan_release(struct shrink_plan *plan);
/* Adds to attrs, whose indices are the paragraph's plus shift, what
 * keeps Pango from breaking the plan's lines before their ends. */
void rp_shrink_attributes(const struct rp_paragraph *para,
                          const struct shrink_plan *plan, int shift,
                          PangoAttrList *attrs);
/* Narrows the word spaces of the plan's lines of pl, laid out with
 * those attributes, to its width: before anything measures pl (Pango
 * keeps the extents it measured). */
void rp_shrink_lines(struct rp_layout *layout, const struct rp_paragraph *para,
                     const struct shrink_plan *plan, int shift,
                     PangoLayout *pl);
/* Justifies the lines of pl, laid out unjustified, as Pango would, but
 * for a line with no word space (one long word), left as it is, as FOP
 * leaves it; justify_last: the last line and those ending at a forced
 * break too.  After rp_shrink_lines, before anything measures pl. */
void rp_justify_lines(PangoLayout *pl, bool justify_last);

/* ---- lines.c and line_box.c: a paragraph laid out a piece at a time,
 * and its lines on their way to the flow ---- */

/* The widest length we hand Pango, in points: half what its ints hold,
 * so that sums of two stay in range. */
#define PANGO_MAX_PT ((double)(INT_MAX / 2) / PANGO_SCALE)

/*
 * Points in Pango's integer units.  Lengths are capped where they are read
 * (RP_FO_MAX_LENGTH), but sums of them (indents of nested blocks, spans of
 * columns) are not: saturate rather than overflow the int.
 */
static inline int pango_units(double pt)
{
    if (!(pt > -PANGO_MAX_PT))
        return -(int)(PANGO_MAX_PT * PANGO_SCALE);
    if (pt > PANGO_MAX_PT)
        return (int)(PANGO_MAX_PT * PANGO_SCALE);
    return (int)(pt * PANGO_SCALE);
}

/* Some of the paragraph's text, as one PangoLayout. */
struct piece {
    size_t from, to; /* bytes of the paragraph's text */
    size_t prefix;   /* LINE_SEPARATOR_LEN before a continuation, or 0 */
    const struct shrink_plan *shrink; /* lines whose spaces shrink, or NULL */
    PangoLayout *layout;
};

/* The paragraph's offset of byte index of the piece's layout text. */
static inline size_t para_offset(const struct piece *pc, int index)
{
    return pc->from + (size_t)index - pc->prefix;
}

/* The piece's layout index of the paragraph's offset. */
static inline int layout_index(const struct piece *pc, size_t offset)
{
    return (int)(offset - pc->from + pc->prefix);
}

/* The first run that ends after offset. */
static inline size_t first_run_after(const struct rp_paragraph *para,
                                     size_t offset)
{
    size_t lo = 0, hi = para->n_runs;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (para->runs[mid].end <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first leader at offset or after. */
static inline size_t first_leader_from(const struct rp_paragraph *para,
                                       size_t offset)
{
    size_t lo = 0, hi = para->n_leaders;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (para->leaders[mid].offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/*
 * Lines on their way to the flow.  The last `widows` lines keep with the
 * one before them, and how many lines there are is known only with the
 * last piece: the lines that may still be among the last wait here.
 */
struct line_out {
    struct rp_flow *flow;
    struct rp_paragraph *para;
    /* Citations not known yet: the lines stand in the flow with their
     * heights only, and are laid out again at the end. */
    struct deferred_para *defer;
    size_t cap_heights;
    struct rp_box **waiting; /* waiting[head..n): lines first_waiting... */
    size_t head, n, cap;
    int first_waiting;
    int n_lines;              /* lines made so far */
    size_t next_id, next_run; /* the first id, run the next line may take */
    size_t next_footnote;     /* the first footnote it may take */
    double x, width, base_height;
    bool warned; /* of a line wider than the block: once per paragraph */
};

/* The line at iter as a box, with what the line draws (text, leaders,
 * links, graphics, the hyphenation character), its ids and its
 * footnotes; last: the paragraph's last line.  Caller owns the box. */
struct rp_box *rp_line_box(struct line_out *o, const struct piece *pc,
                           PangoLayoutIter *iter, bool last);

#endif
