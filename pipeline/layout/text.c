/*
 * Paragraphs: inline content gathered into one string with Pango
 * attributes, shaped and broken into lines by Pango, and emitted as one
 * box per line (so pages can break between lines).
 */
#include "layout_internal.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/mem.h"

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

struct inline_id {
    const char *id;
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
    GString *text;
    struct text_run *runs;
    size_t n_runs, cap_runs;
    bool after_space; /* whitespace collapse: a space was just written */
};

/*
 * Points in Pango's integer units.  Lengths are capped where they are read
 * (RP_FO_MAX_LENGTH), but sums of them (indents of nested blocks, spans of
 * columns) are not: saturate rather than overflow the int.
 */
static int pango_units(double pt)
{
    const double limit = (double)(INT_MAX / 2) / PANGO_SCALE;

    if (!(pt > -limit))
        return -(int)(limit * PANGO_SCALE);
    if (pt > limit)
        return (int)(limit * PANGO_SCALE);
    return (int)(pt * PANGO_SCALE);
}

static struct text_style style_of(const struct rp_fo_props *p)
{
    struct text_style s;
    memset(&s, 0, sizeof(s));
    s.font_family = p->font_family;
    s.font_size = p->font_size;
    s.font_weight = p->font_weight;
    s.font_italic = p->font_italic;
    s.letter_spacing = p->letter_spacing;
    s.underline = p->underline;
    s.overline = p->overline;
    s.line_through = p->line_through;
    s.baseline_shift = p->baseline_shift;
    s.color = p->color;
    s.background = p->background;
    s.link = p->link;
    s.link_internal = p->link_internal;
    return s;
}

static bool same_color(const struct rp_fo_color *a, const struct rp_fo_color *b)
{
    return a->r == b->r && a->g == b->g && a->b == b->b && a->a == b->a;
}

static bool same_style(const struct text_style *a, const struct text_style *b)
{
    return a->font_family == b->font_family && a->font_size == b->font_size &&
           a->font_weight == b->font_weight &&
           a->font_italic == b->font_italic &&
           a->letter_spacing == b->letter_spacing &&
           a->underline == b->underline && a->overline == b->overline &&
           a->line_through == b->line_through &&
           a->baseline_shift == b->baseline_shift &&
           same_color(&a->color, &b->color) &&
           same_color(&a->background, &b->background) && a->link == b->link &&
           a->link_internal == b->link_internal;
}

struct rp_paragraph *rp_paragraph_new(struct rp_layout *layout,
                                      const struct rp_fo_props *block)
{
    struct rp_paragraph *para = rp_xcalloc(1, sizeof(*para));
    para->layout = layout;
    para->block.text = style_of(block);
    para->block.text_align = block->text_align;
    para->block.text_align_last = block->text_align_last;
    para->block.line_height = block->line_height;
    para->block.text_indent = block->text_indent;
    para->block.white_space_collapse = block->white_space_collapse;
    para->block.linefeed_preserve = block->linefeed_preserve;
    para->block.wrap = block->wrap;
    para->block.orphans = block->orphans;
    para->block.widows = block->widows;
    para->text = g_string_new(NULL);
    para->after_space = true; /* leading whitespace is dropped */
    return para;
}

void rp_paragraph_free(struct rp_paragraph *para)
{
    if (!para)
        return;
    g_string_free(para->text, TRUE);
    free(para->runs);
    free(para->ids);
    free(para->leaders);
    free(para->citations);
    free(para);
}

bool rp_paragraph_empty(const struct rp_paragraph *para)
{
    return para->text->len == 0;
}

static void add_run(struct rp_paragraph *para, size_t start,
                    const struct rp_fo_props *props)
{
    struct text_run *last = para->n_runs ? &para->runs[para->n_runs - 1] : NULL;
    struct text_style style = style_of(props);

    if (para->text->len == start)
        return;
    if (last && same_style(&last->style, &style) && last->end == start) {
        last->end = para->text->len;
        return;
    }
    rp_array_grow((void **)&para->runs, &para->cap_runs, para->n_runs + 1,
                  sizeof(*para->runs));
    para->runs[para->n_runs].start = start;
    para->runs[para->n_runs].end = para->text->len;
    para->runs[para->n_runs].style = style;
    para->n_runs++;
}

static bool is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void rp_paragraph_add_text(struct rp_paragraph *para, const char *text,
                           const struct rp_fo_props *props)
{
    size_t start = para->text->len;
    const char *s;

    if (!props->white_space_collapse) {
        const char *c;
        /* Kept line feeds break lines; others become spaces. */
        for (c = text; *c; c++)
            g_string_append_c(para->text,
                              *c == '\n' && !props->linefeed_preserve ? ' '
                              : *c == '\r'                            ? ' '
                                                                      : *c);
        para->after_space = false;
        add_run(para, start, props);
        return;
    }
    /*
     * XSL defaults (linefeed-treatment treat-as-space, white-space-collapse
     * true): every run of XML whitespace becomes one space, none at the
     * start of the paragraph.
     */
    for (s = text; *s; s++) {
        if (*s == '\n' && props->linefeed_preserve) {
            /* Spaces around a kept line feed go (ignore-if-surrounding-
             * linefeed); the line feed itself breaks the line in Pango. */
            if (para->text->len > start &&
                para->text->str[para->text->len - 1] == ' ')
                g_string_truncate(para->text, para->text->len - 1);
            g_string_append_c(para->text, '\n');
            para->after_space = true;
        } else if (is_xml_space(*s)) {
            if (!para->after_space)
                g_string_append_c(para->text, ' ');
            para->after_space = true;
        } else {
            g_string_append_c(para->text, *s);
            para->after_space = false;
        }
    }
    if (props->hyphenate && props->language)
        rp_hyphenate_tail(
            rp_hyphen_dictionary(para->layout, props->language, props->country),
            para->text, start, props->hyphenation_push,
            props->hyphenation_remain);
    add_run(para, start, props);
}

void rp_paragraph_add_literal(struct rp_paragraph *para, const char *text,
                              const struct rp_fo_props *props)
{
    size_t start = para->text->len;
    g_string_append(para->text, text);
    para->after_space = false;
    add_run(para, start, props);
}

void rp_paragraph_add_citation(struct rp_paragraph *para,
                               const struct rp_fo_node *node)
{
    struct rp_layout *layout = para->layout;
    const char *ref_id = node->props.ref_id;
    struct pending_citation *c;

    if (rp_layout_citation_known(layout, node->kind, ref_id)) {
        rp_paragraph_add_literal(
            para, rp_layout_citation(layout, node->kind, ref_id, node->line),
            &node->props);
        return;
    }
    rp_array_grow((void **)&para->citations, &para->cap_citations,
                  para->n_citations + 1, sizeof(*para->citations));
    c = &para->citations[para->n_citations++];
    c->offset = para->text->len;
    c->len = 2;
    c->kind = node->kind;
    c->ref_id = ref_id;
    c->line = node->line;
    /* Two digits, as the layout-only pass measures them. */
    rp_paragraph_add_literal(para, "00", &node->props);
}

void rp_paragraph_add_leader(struct rp_paragraph *para,
                             const struct rp_fo_props *props)
{
    struct leader *l;
    size_t start = para->text->len;

    rp_array_grow((void **)&para->leaders, &para->cap_leaders,
                  para->n_leaders + 1, sizeof(*para->leaders));
    l = &para->leaders[para->n_leaders++];
    memset(l, 0, sizeof(*l));
    l->offset = start;
    l->pattern = props->leader_pattern;
    l->min = props->leader_min;
    l->max_abs = props->leader_max >= 0 ? props->leader_max : 0;
    l->max_fraction = props->leader_max < 0 ? -props->leader_max : 0;
    l->width = l->opt = props->leader_opt;
    l->thickness = props->rule_thickness;
    l->rule_style = props->rule_style;
    l->pattern_width = props->leader_pattern_width;
    l->font_size = props->font_size;
    l->color = props->color;
    g_string_append_len(para->text, LEADER_CHAR, LEADER_CHAR_LEN);
    para->after_space = false;
    add_run(para, start, props);
}

void rp_paragraph_add_id(struct rp_paragraph *para, const char *id)
{
    rp_array_grow((void **)&para->ids, &para->cap_ids, para->n_ids + 1,
                  sizeof(*para->ids));
    para->ids[para->n_ids].id = id;
    para->ids[para->n_ids].offset = para->text->len;
    para->n_ids++;
}

static PangoFontDescription *font_of(const struct text_style *p)
{
    PangoFontDescription *desc = pango_font_description_new();
    pango_font_description_set_family(desc, p->font_family);
    /* Absolute size: device units are points on our 72 dpi context. */
    pango_font_description_set_absolute_size(desc, p->font_size * PANGO_SCALE);
    pango_font_description_set_weight(desc, (PangoWeight)p->font_weight);
    pango_font_description_set_style(desc, p->font_italic ? PANGO_STYLE_ITALIC
                                                          : PANGO_STYLE_NORMAL);
    return desc;
}

/* Ascent + descent of a font, cached: every paragraph needs its block's. */
static double natural_height(struct rp_layout *layout,
                             const PangoFontDescription *desc)
{
    double *cached = g_hash_table_lookup(layout->font_heights, desc);
    PangoFontMetrics *metrics;

    if (cached)
        return *cached;
    metrics = pango_context_get_metrics(layout->pango, desc, NULL);
    cached = g_new(double, 1);
    *cached = (double)(pango_font_metrics_get_ascent(metrics) +
                       pango_font_metrics_get_descent(metrics)) /
              PANGO_SCALE;
    pango_font_metrics_unref(metrics);
    g_hash_table_insert(layout->font_heights, pango_font_description_copy(desc),
                        cached);
    return *cached;
}

static void add_attr(PangoAttrList *attrs, PangoAttribute *a,
                     const struct text_run *run)
{
    a->start_index = (guint)run->start;
    a->end_index = (guint)run->end;
    pango_attr_list_insert(attrs, a);
}

/* Link areas over the parts of line that carry a link. */
static void add_links(struct rp_layout *layout, const struct rp_paragraph *para,
                      PangoLayoutLine *line, double x, double height,
                      struct rp_item_list *items)
{
    size_t i;
    int line_start = line->start_index,
        line_end = line->start_index + line->length;

    for (i = 0; i < para->n_runs; i++) {
        const struct text_run *run = &para->runs[i];
        int from = (int)run->start, to = (int)run->end, *ranges = NULL;
        int n_ranges = 0, r;

        if (!run->style.link || to <= line_start || from >= line_end)
            continue;
        /* Spooled pages check their links when painted. */
        if (run->style.link_internal && layout->pass == 2 && !layout->spool &&
            !rp_layout_link_target_known(layout, run->style.link))
            continue;
        if (from < line_start)
            from = line_start;
        if (to > line_end)
            to = line_end;
        pango_layout_line_get_x_ranges(line, from, to, &ranges, &n_ranges);
        for (r = 0; r < n_ranges; r++) {
            struct rp_area_item item = {0};
            item.kind = RP_AREA_LINK;
            item.x = x + (double)ranges[2 * r] / PANGO_SCALE;
            item.y = 0;
            item.w = (double)(ranges[2 * r + 1] - ranges[2 * r]) / PANGO_SCALE;
            item.h = height;
            item.target = run->style.link;
            item.internal = run->style.link_internal;
            if (item.w > 0)
                rp_item_list_push(items, &item);
        }
        g_free(ranges);
    }
}

/*
 * Leaders take up what is left of their line, between their minimum and
 * maximum lengths: a table of contents puts the page number at the right
 * edge.  Returns whether any leader changed (the layout must be redone).
 */
static bool grow_leaders(struct rp_paragraph *para, PangoLayout *layout,
                         double width)
{
    PangoLayoutIter *iter = pango_layout_get_iter(layout);
    bool changed = false;

    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
        PangoRectangle logical;
        size_t start = (size_t)line->start_index;
        size_t end = start + (size_t)line->length, i, n = 0;
        double slack;

        for (i = 0; i < para->n_leaders; i++)
            n += para->leaders[i].offset >= start &&
                 para->leaders[i].offset < end;
        if (!n)
            continue;
        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        /* Keep a hair of room so the grown line does not wrap. */
        slack = width - (double)logical.width / PANGO_SCALE - 0.05;
        if (slack <= 0)
            continue;
        for (i = 0; i < para->n_leaders; i++) {
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

/* The dots or rule of each leader on a line, on its baseline. */
static void draw_leaders(const struct rp_paragraph *para, PangoLayout *layout,
                         PangoLayoutLine *line, double x, double baseline,
                         struct rp_item_list *items)
{
    size_t i, start = (size_t)line->start_index;
    size_t end = start + (size_t)line->length;

    for (i = 0; i < para->n_leaders; i++) {
        const struct leader *l = &para->leaders[i];
        struct rp_area_item item = {0};
        PangoRectangle pos;

        if (l->offset < start || l->offset >= end ||
            (l->pattern != RP_FO_LEADER_DOTS &&
             l->pattern != RP_FO_LEADER_RULE))
            continue;
        pango_layout_index_to_pos(layout, (int)l->offset, &pos);
        item.kind = RP_AREA_RULE;
        item.color = rp_area_color_of(l->color);
        if (l->pattern == RP_FO_LEADER_DOTS) {
            /* Round dots the size of a full stop, a full stop apart. */
            double period =
                l->pattern_width > 0 ? l->pattern_width : 0.3 * l->font_size;
            item.rule_width = 0.12 * l->font_size;
            item.rule_style = RP_AREA_RULE_DOTTED;
            item.rule_period = period;
            item.x = x + (double)pos.x / PANGO_SCALE + period / 2;
            item.w = (double)pos.width / PANGO_SCALE - period;
            item.y = baseline - item.rule_width / 2;
        } else {
            static const enum rp_area_rule_style styles[] = {
                [RP_FO_BORDER_NONE] = RP_AREA_RULE_SOLID,
                [RP_FO_BORDER_SOLID] = RP_AREA_RULE_SOLID,
                [RP_FO_BORDER_DASHED] = RP_AREA_RULE_DASHED,
                [RP_FO_BORDER_DOTTED] = RP_AREA_RULE_DOTTED,
                [RP_FO_BORDER_DOUBLE] = RP_AREA_RULE_DOUBLE,
            };
            item.rule_width = l->thickness;
            item.rule_style = styles[l->rule_style];
            item.x = x + (double)pos.x / PANGO_SCALE;
            item.w = (double)pos.width / PANGO_SCALE;
            item.y = baseline - l->thickness / 2;
        }
        if (item.w > 0 && item.rule_width > 0)
            rp_item_list_push(items, &item);
    }
}

static PangoAttrList *build_attributes(const struct rp_paragraph *para)
{
    PangoAttrList *attrs = pango_attr_list_new();
    size_t i;

    for (i = 0; i < para->n_leaders; i++) {
        PangoRectangle rect = {0, 0, 0, 0};
        PangoAttribute *a;
        rect.width = pango_units(para->leaders[i].width);
        a = pango_attr_shape_new(&rect, &rect);
        a->start_index = (guint)para->leaders[i].offset;
        a->end_index = (guint)(para->leaders[i].offset + LEADER_CHAR_LEN);
        pango_attr_list_insert(attrs, a);
    }
    for (i = 0; i < para->n_runs; i++) {
        const struct text_run *run = &para->runs[i];
        const struct text_style *p = &run->style;
        PangoFontDescription *desc = font_of(p);
        PangoAttribute *a;

        a = pango_attr_font_desc_new(desc);
        a->start_index = (guint)run->start;
        a->end_index = (guint)run->end;
        pango_attr_list_insert(attrs, a);
        pango_font_description_free(desc);
        a = pango_attr_foreground_new((guint16)(p->color.r * 65535),
                                      (guint16)(p->color.g * 65535),
                                      (guint16)(p->color.b * 65535));
        a->start_index = (guint)run->start;
        a->end_index = (guint)run->end;
        pango_attr_list_insert(attrs, a);
        if (p->underline)
            add_attr(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE),
                     run);
        if (p->overline)
            add_attr(attrs, pango_attr_overline_new(PANGO_OVERLINE_SINGLE),
                     run);
        if (p->line_through)
            add_attr(attrs, pango_attr_strikethrough_new(TRUE), run);
        if (p->letter_spacing != 0)
            add_attr(
                attrs,
                pango_attr_letter_spacing_new(pango_units(p->letter_spacing)),
                run);
        if (p->baseline_shift != 0)
            add_attr(attrs, pango_attr_rise_new(pango_units(p->baseline_shift)),
                     run);
        if (p->background.a > 0)
            add_attr(
                attrs,
                pango_attr_background_new((guint16)(p->background.r * 65535),
                                          (guint16)(p->background.g * 65535),
                                          (guint16)(p->background.b * 65535)),
                run);
    }
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

#define KEY_ADD(key, field)                                                    \
    g_byte_array_append((key), (const guint8 *)&(field), sizeof(field))

/* Field by field, so that padding bytes never take part in the key. */
static void key_add_style(GByteArray *key, const struct text_style *s)
{
    KEY_ADD(key, s->font_family); /* interned: equal names, equal pointers */
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
}

/* Everything that decides the shape of a paragraph's layout. */
static GBytes *shape_key(const struct rp_paragraph *para, double width)
{
    const struct block_style *b = &para->block;
    GByteArray *key = g_byte_array_sized_new((guint)(para->text->len + 256));
    size_t i;

    KEY_ADD(key, width);
    key_add_style(key, &b->text);
    KEY_ADD(key, b->text_align);
    KEY_ADD(key, b->text_align_last);
    KEY_ADD(key, b->text_indent);
    KEY_ADD(key, b->wrap);
    for (i = 0; i < para->n_runs; i++) {
        /* Most runs are in the block's own style: one byte says so. */
        bool own = same_style(&para->runs[i].style, &b->text);
        KEY_ADD(key, para->runs[i].start);
        KEY_ADD(key, para->runs[i].end);
        KEY_ADD(key, own);
        if (!own)
            key_add_style(key, &para->runs[i].style);
    }
    g_byte_array_append(key, (const guint8 *)para->text->str,
                        (guint)para->text->len);
    return g_byte_array_free_to_bytes(key);
}

enum rp_status rp_paragraph_emit(struct rp_paragraph *para,
                                 struct rp_flow *flow, double x, double width,
                                 struct rp_error *err)
{
    const struct block_style *block = &para->block;
    PangoLayout *layout = NULL;
    PangoFontDescription *desc = font_of(&block->text);
    GBytes *key = NULL;
    PangoAttrList *attrs;
    PangoLayoutIter *iter;
    enum rp_status status = RP_OK;
    double base_height = natural_height(flow->layout, desc);
    int n_lines, i = 0;
    size_t k;
    /* Citations not known yet: the lines stand in the flow with their
     * heights only, and are laid out again at the end. */
    struct deferred_para *defer = NULL;

    /* Trailing collapsed space would shift centred and right text. */
    if (block->white_space_collapse && para->text->len &&
        para->text->str[para->text->len - 1] == ' ')
        g_string_truncate(para->text, para->text->len - 1);
    if (width < 1)
        width = 1;
    /* Leaders grow per line: such paragraphs are not shared. */
    if (!para->n_leaders && rp_shape_cache_wants(para->text->len)) {
        key = shape_key(para, width);
        layout = rp_shape_cache_get(flow->layout->shapes, key);
    }
    if (layout) {
        g_bytes_unref(key);
        key = NULL;
        goto shaped;
    }
    layout = pango_layout_new(flow->layout->pango);
    pango_layout_set_font_description(layout, desc);
    /* no-wrap: one line per line feed, as long as it is (it may overflow). */
    pango_layout_set_width(layout, block->wrap ? pango_units(width) : -1);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    /* With justify, Pango's alignment is that of the last line. */
    pango_layout_set_alignment(
        layout, alignment_of(block->text_align == RP_FO_ALIGN_JUSTIFY
                                 ? block->text_align_last
                                 : block->text_align));
    pango_layout_set_justify(layout, block->text_align == RP_FO_ALIGN_JUSTIFY);
    pango_layout_set_justify_last_line(layout, block->text_align_last ==
                                                   RP_FO_ALIGN_JUSTIFY);
    pango_layout_set_indent(layout, pango_units(block->text_indent));
    pango_layout_set_text(layout, para->text->str, (int)para->text->len);
    attrs = build_attributes(para);
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);

    if (para->n_leaders && grow_leaders(para, layout, width)) {
        attrs = build_attributes(para);
        pango_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(attrs);
    }
    if (key)
        rp_shape_cache_put(flow->layout->shapes, key, layout);
shaped:
    n_lines = pango_layout_get_line_count(layout);
    if (para->n_citations) {
        defer = rp_xcalloc(1, sizeof(*defer));
        defer->x = x;
        defer->width = width;
        defer->heights = rp_xcalloc((size_t)n_lines, sizeof(*defer->heights));
    }
    iter = pango_layout_get_iter(layout);
    do {
        PangoRectangle logical;
        struct rp_area_item item = {0};
        struct rp_box *box = rp_box_new();
        double natural, line_height, ascent;
        int baseline = pango_layout_iter_get_baseline(iter);

        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        natural = (double)logical.height / PANGO_SCALE;
        ascent = (double)(baseline - logical.y) / PANGO_SCALE;
        /* line-height scales up when larger inline text is on the line. */
        line_height = block->line_height;
        if (natural > base_height * 1.001)
            line_height *= natural / base_height;
        item.kind = RP_AREA_TEXT;
        item.x = x + (double)logical.x / PANGO_SCALE;
        if (!block->wrap && block->text_align != RP_FO_ALIGN_START &&
            logical.width < width * PANGO_SCALE) {
            double slack = width - (double)logical.width / PANGO_SCALE;
            item.x +=
                block->text_align == RP_FO_ALIGN_CENTER ? slack / 2 : slack;
        }
        item.y = (line_height - natural) / 2 + ascent;
        item.w = (double)logical.width / PANGO_SCALE;
        item.layout = g_object_ref(layout);
        item.line = pango_layout_iter_get_line_readonly(iter);
        rp_item_list_push(&box->items, &item);
        if (para->n_leaders)
            draw_leaders(para, layout, item.line,
                         item.x - (double)logical.x / PANGO_SCALE, item.y,
                         &box->items);
        add_links(flow->layout, para, item.line,
                  item.x - (double)logical.x / PANGO_SCALE, line_height,
                  &box->items);
        box->height = line_height;
        for (k = 0; k < para->n_ids; k++) {
            size_t line_end =
                (size_t)(item.line->start_index + item.line->length);
            /* Ids go to the line they start on; the last takes the rest. */
            if (para->ids[k].offset >= (size_t)item.line->start_index &&
                (para->ids[k].offset < line_end || i == n_lines - 1))
                rp_box_add_id(box, para->ids[k].id, false);
        }
        /* Orphans and widows: the first and last lines keep company. */
        box->keep_with_prev =
            i > 0 && (i < block->orphans || i > n_lines - block->widows);
        if (defer) {
            struct rp_area_item stand_in = {0};
            rp_item_list_release(&box->items);
            stand_in.kind = RP_AREA_DEFERRED;
            stand_in.deferred = flow->layout->deferred->len;
            stand_in.deferred_line = (size_t)i;
            rp_item_list_push(&box->items, &stand_in);
            defer->heights[defer->n_lines++] = line_height;
        }
        status = rp_flow_emit(flow, box, err);
        i++;
    } while (status == RP_OK && pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    g_object_unref(layout);
    pango_font_description_free(desc);
    if (defer) {
        /* The paragraph is the caller's: keep its contents, leave it empty. */
        defer->para = rp_xcalloc(1, sizeof(*defer->para));
        *defer->para = *para;
        para->text = g_string_new(NULL);
        para->runs = NULL;
        para->ids = NULL;
        para->leaders = NULL;
        para->citations = NULL;
        para->n_runs = para->n_ids = para->n_leaders = para->n_citations = 0;
        g_ptr_array_add(flow->layout->deferred, defer);
    }
    return status;
}

static void deferred_free(gpointer data)
{
    struct deferred_para *d = data;
    size_t i;

    for (i = 0; d->lines && i < d->n_lines; i++)
        rp_box_unref(d->lines[i]);
    free(d->lines);
    free(d->heights);
    rp_paragraph_free(d->para);
    free(d);
}

void rp_layout_reset_deferred(struct rp_layout *layout)
{
    if (layout->deferred)
        g_ptr_array_free(layout->deferred, TRUE);
    layout->deferred = g_ptr_array_new_with_free_func(deferred_free);
}

/* Where a byte of the text moves when the stand-ins before it are
 * replaced: old and new lengths of each citation, in order. */
static size_t moved(const struct pending_citation *c, size_t n,
                    const size_t *new_len, size_t at)
{
    size_t i, to = at;

    for (i = 0; i < n && c[i].offset + c[i].len <= at; i++)
        to = to - c[i].len + new_len[i];
    return to;
}

/* Puts the citations' pages in place of their stand-ins. */
static void fill_in_citations(struct rp_layout *layout,
                              struct rp_paragraph *para)
{
    const struct pending_citation *c = para->citations;
    size_t n = para->n_citations, i, from = 0;
    size_t *new_len = rp_xcalloc(n, sizeof(*new_len));
    GString *text = g_string_sized_new(para->text->len + 8 * n);

    for (i = 0; i < n; i++) {
        const char *page =
            rp_layout_citation(layout, c[i].kind, c[i].ref_id, c[i].line);
        g_string_append_len(text, para->text->str + from, c[i].offset - from);
        g_string_append(text, page);
        new_len[i] = strlen(page);
        from = c[i].offset + c[i].len;
    }
    g_string_append_len(text, para->text->str + from, para->text->len - from);
    for (i = 0; i < para->n_runs; i++) {
        para->runs[i].start = moved(c, n, new_len, para->runs[i].start);
        para->runs[i].end = moved(c, n, new_len, para->runs[i].end);
    }
    for (i = 0; i < para->n_ids; i++)
        para->ids[i].offset = moved(c, n, new_len, para->ids[i].offset);
    /* Leaders grow anew to fill the lines with the real numbers. */
    for (i = 0; i < para->n_leaders; i++) {
        para->leaders[i].offset = moved(c, n, new_len, para->leaders[i].offset);
        para->leaders[i].width = para->leaders[i].opt;
    }
    g_string_free(para->text, TRUE);
    para->text = text;
    para->n_citations = 0;
    free(new_len);
}

enum rp_status rp_layout_resolve_deferred(struct rp_layout *layout,
                                          struct rp_error *err)
{
    enum rp_status status = RP_OK;
    guint p;

    for (p = 0; status == RP_OK && p < layout->deferred->len; p++) {
        struct deferred_para *d = g_ptr_array_index(layout->deferred, p);
        struct rp_stacker stacker;
        struct rp_flow flow;
        size_t i;

        fill_in_citations(layout, d->para);
        rp_stacker_init(&stacker);
        rp_flow_init(&flow, layout, &stacker.base, 0, d->width);
        status = rp_paragraph_emit(d->para, &flow, d->x, d->width, err);
        if (status == RP_OK && stacker.n != d->n_lines)
            layout->spool_failed = true;
        for (i = 0; status == RP_OK && !layout->spool_failed && i < stacker.n;
             i++) {
            if (fabs(stacker.placed[i].box->height - d->heights[i]) > 1e-9)
                layout->spool_failed = true;
        }
        if (status == RP_OK && !layout->spool_failed) {
            d->lines = rp_xcalloc(d->n_lines, sizeof(*d->lines));
            for (i = 0; i < d->n_lines; i++)
                d->lines[i] = rp_box_ref(stacker.placed[i].box);
        }
        rp_deco_unref(flow.deco);
        rp_stacker_release(&stacker);
        if (layout->spool_failed)
            break;
    }
    return status;
}

void rp_layout_expand_deferred(struct rp_layout *layout,
                               const struct rp_area_item *deferred,
                               struct rp_item_list *out)
{
    const struct deferred_para *d =
        g_ptr_array_index(layout->deferred, deferred->deferred);

    rp_item_list_append(out, &d->lines[deferred->deferred_line]->items,
                        deferred->x, deferred->y);
}
