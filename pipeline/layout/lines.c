/*
 * Paragraphs laid out into lines: the gathered text shaped and broken
 * into lines by Pango (never by hand), one box per line, so that pages
 * can break between lines.
 *
 * Long paragraphs go to Pango a piece at a time.  Pango measures in ints
 * of 1/1024 pt, so text wider than about two million points before it is
 * broken (a few hundred thousand characters) overflowed: Pango put the
 * whole rest of the paragraph on one line, and the PDF kept 2 sentences of
 * 10,000.  And for every line it breaks off a word wider than the line,
 * Pango shapes the rest of the word again: a 200,000-character word took
 * half a minute.  So a paragraph longer than a few dozen lines is laid
 * out in pieces of about PIECE_LINES lines each; of each piece the lines
 * but the last are kept, and the next piece starts where that last line
 * started.  Pango breaks lines greedily, each from where the one before
 * ended, so these are the lines the whole paragraph would have had: the
 * same breaks and justification, one paragraph.
 */
#include "paragraph.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

/*
 * Lines a piece aims at.  A piece costs Pango time in the square of its
 * length (it re-shapes what is left of an overlong word per line), and
 * its last line is laid out twice: a few lines is quickest.
 */
#define PIECE_LINES 16
#define PIECE_MIN_BYTES 256
/* A paragraph of up to this many pieces is laid out whole, as ever. */
#define WHOLE_PIECES 4
/* No glyph is wider than this many ems (the widest, like U+FDFD, about
 * 3): how wide a piece of n bytes can be, before Pango measures it. */
#define GLYPH_MAX_EM 4.0
/*
 * Put before a piece that starts inside one of Pango's paragraphs: U+2028
 * LINE SEPARATOR breaks the line without starting a paragraph, so the
 * piece's first line is indented as a following line, not a first.  The
 * separator's own line is not drawn.
 */
#define LINE_SEPARATOR "\xe2\x80\xa8"
#define LINE_SEPARATOR_LEN 3

PangoFontDescription *rp_text_style_font(struct rp_layout *layout,
                                         const struct text_style *p)
{
    PangoFontDescription *desc = pango_font_description_new();
    pango_font_description_set_family(
        desc, rp_layout_font_families(layout, p->font_family));
    /* Absolute size: device units are points on our 72 dpi context. */
    pango_font_description_set_absolute_size(desc, p->font_size * PANGO_SCALE);
    pango_font_description_set_weight(desc, (PangoWeight)p->font_weight);
    pango_font_description_set_style(desc, p->font_italic ? PANGO_STYLE_ITALIC
                                                          : PANGO_STYLE_NORMAL);
    return desc;
}

/* Ascent + descent of a font, cached: every paragraph needs its block's. */
static double natural_height(struct rp_layout *layout,
                             const struct text_style *style)
{
    struct rp_height_memo *memo = &layout->last_height;
    PangoFontDescription *desc;
    PangoFontMetrics *metrics;
    double *cached;

    /* Table cells come in runs of one font: the last one answers without
     * a font description made, hashed and freed.  Family names are
     * interned by the document, so equal names are equal pointers. */
    if (memo->family && memo->family == style->font_family &&
        memo->size == style->font_size && memo->weight == style->font_weight &&
        memo->italic == style->font_italic)
        return memo->height;
    desc = rp_text_style_font(layout, style);
    cached = g_hash_table_lookup(layout->font_heights, desc);
    if (!cached) {
        metrics = pango_context_get_metrics(layout->pango, desc, NULL);
        cached = g_new(double, 1);
        *cached = (double)(pango_font_metrics_get_ascent(metrics) +
                           pango_font_metrics_get_descent(metrics)) /
                  PANGO_SCALE;
        pango_font_metrics_unref(metrics);
        g_hash_table_insert(layout->font_heights, desc, cached);
    } else {
        pango_font_description_free(desc);
    }
    memo->family = style->font_family;
    memo->size = style->font_size;
    memo->weight = style->font_weight;
    memo->italic = style->font_italic;
    memo->height = *cached;
    return *cached;
}

static void add_attr(PangoAttrList *attrs, PangoAttribute *a,
                     const struct text_run *run)
{
    a->start_index = (guint)run->start;
    a->end_index = (guint)run->end;
    pango_attr_list_insert(attrs, a);
}

/*
 * Leaders take up what is left of their line, between their minimum and
 * maximum lengths: a table of contents puts the page number at the right
 * edge.  Returns whether any leader changed (the layout must be redone).
 */
static bool grow_leaders(struct rp_paragraph *para, const struct piece *pc,
                         double width)
{
    PangoLayoutIter *iter = pango_layout_get_iter(pc->layout);
    size_t lo = first_leader_from(para, pc->from);
    size_t hi = first_leader_from(para, pc->to);
    bool changed = false;

    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
        PangoRectangle logical;
        size_t start, end, i, n = 0;
        double slack;

        if ((size_t)line->start_index < pc->prefix)
            continue;
        start = para_offset(pc, line->start_index);
        end = start + (size_t)line->length;
        for (i = lo; i < hi; i++)
            n += para->leaders[i].offset >= start &&
                 para->leaders[i].offset < end;
        if (!n)
            continue;
        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        /* Keep a hair of room so the grown line does not wrap. */
        slack = width - (double)logical.width / PANGO_SCALE - 0.05;
        if (slack <= 0)
            continue;
        for (i = lo; i < hi; i++) {
            struct leader *l = &para->leaders[i];
            double max =
                l->max_fraction > 0 ? l->max_fraction * width : l->max_abs;
            double grown;
            if (l->offset < start || l->offset >= end)
                continue;
            grown = l->width + slack / (double)n;
            if (grown > max)
                grown = max;
            if (grown < l->min)
                grown = l->min;
            if (grown > l->width + 0.01) {
                l->width = grown;
                changed = true;
            }
        }
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    return changed;
}

/* The attributes of the piece's runs and leaders, in its indices. */
static PangoAttrList *build_attributes(struct rp_layout *layout,
                                       const struct rp_paragraph *para,
                                       const struct piece *pc)
{
    PangoAttrList *attrs = pango_attr_list_new();
    size_t i;

    for (i = first_leader_from(para, pc->from);
         i < para->n_leaders && para->leaders[i].offset < pc->to; i++) {
        PangoRectangle rect = {0, 0, 0, 0};
        PangoAttribute *a;
        rect.width = pango_units(para->leaders[i].width);
        a = pango_attr_shape_new(&rect, &rect);
        a->start_index = (guint)layout_index(pc, para->leaders[i].offset);
        a->end_index = a->start_index + LEADER_CHAR_LEN;
        pango_attr_list_insert(attrs, a);
    }
    for (i = 0; i < para->n_graphics; i++) {
        const struct graphic *g = &para->graphics[i];
        PangoRectangle rect = {0, 0, 0, 0};
        PangoAttribute *a;
        if (g->offset < pc->from || g->offset >= pc->to)
            continue;
        /* Its bottom on the baseline, as FOP places graphics. */
        rect.y = -pango_units(g->h);
        rect.width = pango_units(g->w);
        rect.height = pango_units(g->h);
        a = pango_attr_shape_new(&rect, &rect);
        a->start_index = (guint)layout_index(pc, g->offset);
        a->end_index = a->start_index + LEADER_CHAR_LEN;
        pango_attr_list_insert(attrs, a);
    }
    for (i = first_run_after(para, pc->from);
         i < para->n_runs && para->runs[i].start < pc->to; i++) {
        const struct text_style *p = &para->runs[i].style;
        PangoFontDescription *desc = rp_text_style_font(layout, p);
        struct text_run run = para->runs[i]; /* in the piece's indices */

        run.start = (size_t)layout_index(pc, run.start > pc->from ? run.start
                                                                  : pc->from);
        run.end = (size_t)layout_index(pc, run.end < pc->to ? run.end : pc->to);
        add_attr(attrs, pango_attr_font_desc_new(desc), &run);
        add_attr(attrs,
                 pango_attr_foreground_new((guint16)(p->color.r * 65535),
                                           (guint16)(p->color.g * 65535),
                                           (guint16)(p->color.b * 65535)),
                 &run);
        if (p->underline)
            add_attr(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE),
                     &run);
        if (p->overline)
            add_attr(attrs, pango_attr_overline_new(PANGO_OVERLINE_SINGLE),
                     &run);
        if (p->line_through)
            add_attr(attrs, pango_attr_strikethrough_new(TRUE), &run);
        if (p->letter_spacing != 0)
            add_attr(
                attrs,
                pango_attr_letter_spacing_new(pango_units(p->letter_spacing)),
                &run);
        if (p->baseline_shift != 0)
            add_attr(attrs, pango_attr_rise_new(pango_units(p->baseline_shift)),
                     &run);
        if (p->hyphen_char && p->hyphen_char != RP_HYPHEN)
            add_attr(attrs, rp_hyphen_attr_new(p->hyphen_char), &run);
        if (p->background.a > 0)
            add_attr(
                attrs,
                pango_attr_background_new((guint16)(p->background.r * 65535),
                                          (guint16)(p->background.g * 65535),
                                          (guint16)(p->background.b * 65535)),
                &run);
        pango_font_description_free(desc);
    }
    if (pc->shrink && pc->shrink->n)
        rp_shrink_attributes(para, pc->shrink, (int)pc->prefix - (int)pc->from,
                             attrs);
    return attrs;
}

static PangoAlignment alignment_of(enum rp_fo_text_align align)
{
    switch (align) {
    case RP_FO_ALIGN_CENTER:
        return PANGO_ALIGN_CENTER;
    case RP_FO_ALIGN_END:
        return PANGO_ALIGN_RIGHT;
    default:
        return PANGO_ALIGN_LEFT;
    }
}

/*
 * Every paragraph builds its key, and most find their layout cached: the
 * key is written into a buffer on the stack (on the heap only when long),
 * field by field with memcpy, and copied only when the cache keeps it.
 */
#define KEY_STACK_BYTES 512

struct key_buf {
    struct rp_shape_key key;
    size_t cap;
    guint8 stack[KEY_STACK_BYTES];
};

static void key_init(struct key_buf *k)
{
    k->key.data = k->stack;
    k->key.len = 0;
    k->cap = sizeof(k->stack);
}

static void key_release(struct key_buf *k)
{
    if (k->key.data != k->stack)
        free(k->key.data);
}

/* Makes room for n more bytes: on the heap, past the stack buffer. */
static void key_grow(struct key_buf *k, size_t n)
{
    size_t cap = 2 * (k->key.len + n);
    guint8 *data = rp_xmalloc(cap);

    memcpy(data, k->key.data, k->key.len);
    key_release(k);
    k->key.data = data;
    k->cap = cap;
}

/* Inline: a key is twenty-odd fields of a few bytes each. */
static inline void key_put(struct key_buf *k, const void *p, size_t n)
{
    if (k->key.len + n > k->cap)
        key_grow(k, n);
    memcpy(k->key.data + k->key.len, p, n);
    k->key.len += n;
}

#define KEY_ADD(key, field) key_put((key), &(field), sizeof(field))

/* Field by field, so that padding bytes never take part in the key. */
static void key_add_style(struct key_buf *key, const struct text_style *s)
{
    /* The name, not its pointer: the cache outlives the document that
     * interned it (run.c). */
    key_put(key, s->font_family, strlen(s->font_family) + 1);
    KEY_ADD(key, s->font_size);
    KEY_ADD(key, s->font_weight);
    KEY_ADD(key, s->font_italic);
    KEY_ADD(key, s->letter_spacing);
    KEY_ADD(key, s->underline);
    KEY_ADD(key, s->overline);
    KEY_ADD(key, s->line_through);
    KEY_ADD(key, s->baseline_shift);
    KEY_ADD(key, s->color);
    KEY_ADD(key, s->background);
    KEY_ADD(key, s->hyphen_char);
}

/* Everything that decides the shape of a paragraph's layout. */
static void shape_key(struct key_buf *key, const struct rp_paragraph *para,
                      const struct piece *pc, double width)
{
    const struct block_style *b = &para->block;
    size_t i;

    KEY_ADD(key, width);
    if (pc->shrink) {
        KEY_ADD(key, pc->shrink->n);
        for (i = 0; i < pc->shrink->n; i++) {
            KEY_ADD(key, pc->shrink->ranges[i].from);
            KEY_ADD(key, pc->shrink->ranges[i].to);
        }
    }
    key_add_style(key, &b->text);
    KEY_ADD(key, b->text_align);
    KEY_ADD(key, b->text_align_last);
    KEY_ADD(key, b->text_indent);
    KEY_ADD(key, b->wrap);
    for (i = 0; i < para->n_runs; i++) {
        /* Most runs are in the block's own style: one byte says so. */
        bool own = rp_text_style_equal(&para->runs[i].style, &b->text);
        KEY_ADD(key, para->runs[i].start);
        KEY_ADD(key, para->runs[i].end);
        KEY_ADD(key, own);
        if (!own)
            key_add_style(key, &para->runs[i].style);
    }
    key_put(key, para->text->str, para->text->len);
}

/* Shapes the piece's text (from the cache when it is a short paragraph
 * laid out whole); returns a new reference. */
static PangoLayout *shape_piece(struct rp_paragraph *para, struct rp_flow *flow,
                                const struct piece *pc, double width)
{
    const struct block_style *block = &para->block;
    bool whole = pc->from == 0 && pc->to == para->text->len;
    PangoLayout *layout = NULL;
    PangoFontDescription *desc;
    PangoAttrList *attrs;
    struct key_buf key;
    bool keyed = false;
    struct piece shaped = *pc;

    /* Leaders grow per line: such paragraphs are not shared. */
    if (whole && !para->n_leaders && !para->n_graphics &&
        rp_shape_cache_wants(para->text->len)) {
        key_init(&key);
        shape_key(&key, para, pc, width);
        keyed = true;
        layout = rp_shape_cache_get(flow->layout->shapes, &key.key);
        if (layout) {
            key_release(&key);
            return layout;
        }
    }
    layout = pango_layout_new(flow->layout->pango);
    desc = rp_text_style_font(flow->layout, &block->text);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    /* no-wrap: one line per line feed, as long as it is (it may overflow). */
    pango_layout_set_width(layout, block->wrap ? pango_units(width) : -1);
    /* At word boundaries (and soft hyphens) only: a word wider than the
     * line overflows it whole (warn_overflow). */
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    /* With justify, Pango's alignment is that of the last line. */
    pango_layout_set_alignment(
        layout, alignment_of(block->text_align == RP_FO_ALIGN_JUSTIFY
                                 ? block->text_align_last
                                 : block->text_align));
    /* Justified here, not by Pango: it spreads the letters of a line that
     * has no space (rp_justify_lines). */
    pango_layout_set_indent(layout, pango_units(block->text_indent));
    if (pc->prefix) {
        GString *text = g_string_sized_new(pc->prefix + pc->to - pc->from);
        g_string_append_len(text, LINE_SEPARATOR, LINE_SEPARATOR_LEN);
        g_string_append_len(text, para->text->str + pc->from,
                            (gssize)(pc->to - pc->from));
        pango_layout_set_text(layout, text->str, (int)text->len);
        g_string_free(text, TRUE);
    } else {
        pango_layout_set_text(layout, para->text->str + pc->from,
                              (int)(pc->to - pc->from));
    }
    attrs = build_attributes(flow->layout, para, pc);
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    shaped.layout = layout;
    if (para->n_leaders && grow_leaders(para, &shaped, width)) {
        attrs = build_attributes(flow->layout, para, pc);
        pango_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(attrs);
    }
    /* Last: new attributes would lay the lines out afresh. */
    if (pc->shrink && pc->shrink->n)
        rp_shrink_lines(flow->layout, para, pc->shrink,
                        (int)pc->prefix - (int)pc->from, layout);
    if (block->text_align == RP_FO_ALIGN_JUSTIFY)
        rp_justify_lines(layout, block->text_align_last == RP_FO_ALIGN_JUSTIFY);
    if (keyed) {
        rp_shape_cache_put(flow->layout->shapes, &key.key, layout);
        key_release(&key);
    }
    return layout;
}

/* Sends the first waiting line down the flow; n_lines is the paragraph's
 * count of lines when known, else -1. */
static enum rp_status send_line(struct line_out *o, int n_lines,
                                enum rp_status status, struct rp_error *err)
{
    const struct block_style *block = &o->para->block;
    struct rp_box *box = o->waiting[o->head++];
    int i = o->first_waiting++;

    /* Orphans and widows: the first and last lines keep company. */
    box->keep_with_prev =
        i > 0 &&
        (i < block->orphans || (n_lines >= 0 && i > n_lines - block->widows));
    if (status != RP_OK) {
        rp_box_unref(box);
        return status;
    }
    return rp_flow_emit(o->flow, box, err);
}

/* Takes a line's box; sends on those that cannot be among the widows. */
static enum rp_status queue_line(struct line_out *o, struct rp_box *box,
                                 struct rp_error *err)
{
    size_t hold =
        o->para->block.widows > 1 ? (size_t)o->para->block.widows - 1 : 0;
    enum rp_status status = RP_OK;

    if (o->head > 0 && o->head == o->n)
        o->head = o->n = 0;
    if (o->n == o->cap && o->head > o->n / 2) {
        memmove(o->waiting, o->waiting + o->head,
                (o->n - o->head) * sizeof(*o->waiting));
        o->n -= o->head;
        o->head = 0;
    }
    rp_array_grow((void **)&o->waiting, &o->cap, o->n + 1, sizeof(*o->waiting));
    o->waiting[o->n++] = box;
    o->n_lines++;
    while (status == RP_OK && o->n - o->head > hold)
        status = send_line(o, -1, status, err);
    return status;
}

/* Queues lines [first, end) of the piece; final: the paragraph's last. */
static enum rp_status piece_lines(struct line_out *o, const struct piece *pc,
                                  int first, int end, bool final,
                                  struct rp_error *err)
{
    PangoLayoutIter *iter = pango_layout_get_iter(pc->layout);
    enum rp_status status = RP_OK;
    int i;

    for (i = 0; i < first; i++)
        pango_layout_iter_next_line(iter);
    for (; status == RP_OK && i < end; i++) {
        status =
            queue_line(o, rp_line_box(o, pc, iter, final && i == end - 1), err);
        pango_layout_iter_next_line(iter);
    }
    pango_layout_iter_free(iter);
    return status;
}

/* Whether Pango would take offset for the start of a paragraph. */
static bool starts_paragraph(const GString *text, size_t offset)
{
    const char *prev;

    if (offset == 0)
        return true;
    prev = g_utf8_find_prev_char(text->str, text->str + offset);
    return *prev == '\n' || *prev == '\r' ||
           g_utf8_get_char(prev) == 0x2029; /* PARAGRAPH SEPARATOR */
}

/*
 * How many bytes a piece may hold with its width still in Pango's range,
 * however wide its characters: each as wide as GLYPH_MAX_EM of the
 * largest font plus the widest letter-spacing, each leader (three bytes)
 * grown to its length plus a whole line.
 */
static size_t piece_cap(const struct rp_paragraph *para, double width)
{
    double em = para->block.text.font_size;
    double spacing = fabs(para->block.text.letter_spacing), per_byte, cap;
    size_t i;

    for (i = 0; i < para->n_runs; i++) {
        const struct text_style *s = &para->runs[i].style;
        if (s->font_size > em)
            em = s->font_size;
        if (fabs(s->letter_spacing) > spacing)
            spacing = fabs(s->letter_spacing);
    }
    per_byte = GLYPH_MAX_EM * em + spacing;
    for (i = 0; i < para->n_leaders; i++) {
        const struct leader *l = &para->leaders[i];
        double most = (l->opt > l->min ? l->opt : l->min) + width;
        if (most / LEADER_CHAR_LEN > per_byte)
            per_byte = most / LEADER_CHAR_LEN;
    }
    for (i = 0; i < para->n_graphics; i++) {
        if (para->graphics[i].w / LEADER_CHAR_LEN > per_byte)
            per_byte = para->graphics[i].w / LEADER_CHAR_LEN;
    }
    cap = PANGO_MAX_PT / per_byte;
    /* At least one character of any font (its size is capped). */
    return cap < 8                       ? 8
           : cap > (double)(INT_MAX / 2) ? INT_MAX / 2
                                         : (size_t)cap;
}

/* The bytes a piece starts with: about PIECE_LINES lines of average text. */
static size_t first_want(const struct rp_paragraph *para, double width,
                         size_t cap)
{
    double per_line = width / (0.5 * para->block.text.font_size);
    double want = PIECE_LINES * per_line;

    if (!para->block.wrap)
        return cap; /* no line breaking, nothing quadratic */
    if (want < PIECE_MIN_BYTES)
        want = PIECE_MIN_BYTES;
    return want > (double)cap ? cap : (size_t)want;
}

/* Sets pc->to: where the piece that starts at pc->from ends. */
static enum rp_status piece_end(struct rp_layout *layout,
                                const struct rp_paragraph *para,
                                struct piece *pc, size_t want, size_t cap,
                                struct rp_error *err)
{
    const char *text = para->text->str;
    size_t len = para->text->len, to, i;

    if (pc->from == 0 && len / WHOLE_PIECES <= want && len <= cap) {
        pc->to = len;
        return RP_OK;
    }
    if (!para->block.wrap) {
        /* Lines that may not wrap end at kept line feeds only. */
        if (len - pc->from <= cap) {
            pc->to = len;
            return RP_OK;
        }
        for (to = pc->from + cap; to > pc->from; to--) {
            if (text[to - 1] == '\n') {
                pc->to = to;
                return RP_OK;
            }
        }
        return rp_error_set(
            err, RP_ERR_INPUT, rp_fo_doc_name(layout->doc), para->line, NULL,
            "a line of this block may not wrap (wrap-option=\"no-wrap\") "
            "and is longer than %zu bytes: wider than Pango can measure "
            "(%.0f pt); let it wrap, or break it with line feeds "
            "(linefeed-treatment=\"preserve\")",
            cap, PANGO_MAX_PT);
    }
    if (len - pc->from <= want) {
        pc->to = len;
        return RP_OK;
    }
    /* After a space, where a line would end anyway; in a long word, at a
     * character: the piece's last line, which holds the cut, is laid out
     * again with the next piece. */
    to = pc->from + want;
    for (i = to; i > pc->from + want / 2; i--) {
        if (text[i - 1] == ' ') {
            pc->to = i;
            return RP_OK;
        }
    }
    while (to > pc->from + 1 && (text[to] & 0xC0) == 0x80)
        to--;
    pc->to = to;
    return RP_OK;
}

/* The first line of the piece after its separator's. */
static int first_line(const struct piece *pc, int n_lines)
{
    int i = 0;

    while (i < n_lines &&
           (size_t)pango_layout_get_line_readonly(pc->layout, i)->start_index <
               pc->prefix)
        i++;
    return i;
}

enum rp_status rp_paragraph_emit(struct rp_paragraph *para,
                                 struct rp_flow *flow, double x, double width,
                                 struct rp_error *err)
{
    const struct block_style *block = &para->block;
    enum rp_status status = RP_OK;
    struct line_out o;
    size_t len, from = 0, want, cap;
    bool shrink;

    /* Trailing collapsed space would shift centred and right text. */
    if (block->white_space_collapse && para->text->len &&
        para->text->str[para->text->len - 1] == ' ')
        g_string_truncate(para->text, para->text->len - 1);
    if (width < 1)
        width = 1;
    len = para->text->len;
    memset(&o, 0, sizeof(o));
    o.flow = flow;
    o.para = para;
    o.x = x;
    o.width = width;
    o.base_height = natural_height(flow->layout, &block->text);
    if (para->n_citations) {
        o.defer = rp_xcalloc(1, sizeof(*o.defer));
        o.defer->x = x;
        o.defer->width = width;
    }
    cap = piece_cap(para, width);
    want = first_want(para, width, cap);
    /* Leaders grow into what the line leaves, graphics are not text to
     * measure; kept line feeds end lines that are not justified. */
    shrink = block->text_align == RP_FO_ALIGN_JUSTIFY && block->wrap &&
             !block->linefeed_preserve && !para->n_leaders && !para->n_graphics;
    for (;;) {
        struct piece pc = {0};
        struct shrink_plan plan = {0};
        size_t next = 0;
        int n, first, keep;

        pc.from = from;
        pc.prefix = starts_paragraph(para->text, from) ? 0 : LINE_SEPARATOR_LEN;
        status = piece_end(flow->layout, para, &pc, want, cap, err);
        if (status != RP_OK)
            break;
        if (shrink) {
            rp_shrink_plan(flow->layout, para, pc.from, pc.to, !pc.prefix,
                           width, &plan);
            pc.shrink = &plan;
        }
        pc.layout = shape_piece(para, flow, &pc, width);
        pc.shrink = NULL; /* shaped: the plan goes */
        rp_shrink_plan_release(&plan);
        n = pango_layout_get_line_count(pc.layout);
        first = first_line(&pc, n);
        if (pc.to < len && n - first < 2 && want < cap) {
            /* One line: a piece must keep one line to move on. */
            want = want < cap / 2 ? want * 2 : cap;
            g_object_unref(pc.layout);
            continue;
        }
        /*
         * The last line of a piece ends where the piece was cut, not
         * where the paragraph would break it: it starts the next piece.
         * (A piece of cap bytes on one line, in a line tens of thousands
         * of points wide, ends its line where it was cut.)
         */
        keep = pc.to == len || n - first < 2 ? n : n - 1;
        status = piece_lines(&o, &pc, first, keep, pc.to == len, err);
        if (status == RP_OK && keep < n)
            next = para_offset(
                &pc,
                pango_layout_get_line_readonly(pc.layout, n - 1)->start_index);
        if (status == RP_OK && keep < n && next > from) {
            size_t per_line = (next - from) / (size_t)(keep - first);
            size_t i;
            /* Its leaders grow again with the line they are really on. */
            for (i = first_leader_from(para, next); i < para->n_leaders; i++)
                para->leaders[i].width = para->leaders[i].opt;
            if (block->wrap)
                want = per_line * PIECE_LINES < PIECE_MIN_BYTES
                           ? PIECE_MIN_BYTES
                       : per_line * PIECE_LINES > cap ? cap
                                                      : per_line * PIECE_LINES;
            from = next;
        } else {
            from = pc.to;
        }
        g_object_unref(pc.layout);
        if (status != RP_OK || pc.to == len)
            break;
    }
    /* The lines still waiting: now it is known which are the last. */
    while (o.head < o.n)
        status = send_line(&o, o.n_lines, status, err);
    free(o.waiting);
    if (o.defer && status != RP_OK) {
        free(o.defer->heights);
        free(o.defer);
    } else if (o.defer) {
        /* The paragraph is the caller's: keep its contents, leave it empty. */
        struct deferred_para *defer = o.defer;
        defer->para = rp_xcalloc(1, sizeof(*defer->para));
        *defer->para = *para;
        para->text = g_string_new(NULL);
        para->runs = NULL;
        para->ids = NULL;
        para->leaders = NULL;
        para->graphics = NULL;
        para->citations = NULL;
        para->n_runs = para->n_ids = para->n_leaders = para->n_citations = 0;
        para->n_graphics = 0;
        /* Its lines have their footnotes: laid out again, none. */
        for (size_t i = 0; i < para->n_footnotes; i++)
            rp_footnote_unref(para->footnotes[i].note);
        defer->para->footnotes = NULL;
        defer->para->n_footnotes = defer->para->cap_footnotes = 0;
        para->footnotes = NULL;
        para->n_footnotes = para->cap_footnotes = 0;
        g_ptr_array_add(flow->layout->deferred, defer);
    }
    return status;
}
