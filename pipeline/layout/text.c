/*
 * Paragraphs: inline content gathered into one string with runs of style
 * (laid out into lines by lines.c), and paragraphs whose page citations
 * are known only at the end, laid out again then.
 */
#include "paragraph.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/mem.h"

static struct text_style style_of(const struct rp_fo_props *p)
{
    struct text_style s;
    memset(&s, 0, sizeof(s));
    s.font_family = p->font_family;
    s.font_size = p->font_size;
    s.font_weight = p->font_weight;
    s.font_italic = p->font_italic;
    s.letter_spacing = p->letter_spacing;
    s.hyphen_char = p->hyphenation_character;
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

bool rp_text_style_equal(const struct text_style *a, const struct text_style *b)
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
           a->link_internal == b->link_internal &&
           a->hyphen_char == b->hyphen_char;
}

struct rp_paragraph *rp_paragraph_new(struct rp_layout *layout,
                                      const struct rp_fo_props *block,
                                      long line)
{
    struct rp_paragraph *para = rp_xcalloc(1, sizeof(*para));
    para->layout = layout;
    para->line = line;
    para->block.text = style_of(block);
    para->block.text_align = block->text_align;
    para->block.text_align_last = block->text_align_last;
    para->block.line_height = block->line_height;
    para->block.text_indent = block->text_indent;
    para->block.white_space_collapse = block->white_space_collapse;
    para->block.linefeed_preserve = block->linefeed_preserve;
    para->block.wrap = block->wrap;
    para->block.disregard_shifts = block->disregard_shifts;
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
    free(para->graphics);
    free(para->citations);
    for (size_t i = 0; i < para->n_footnotes; i++)
        rp_footnote_unref(para->footnotes[i].note);
    free(para->footnotes);
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
    if (last && rp_text_style_equal(&last->style, &style) &&
        last->end == start) {
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

void rp_paragraph_add_graphic(struct rp_paragraph *para,
                              const struct graphic *g,
                              const struct rp_fo_props *props)
{
    size_t start = para->text->len;

    rp_array_grow((void **)&para->graphics, &para->cap_graphics,
                  para->n_graphics + 1, sizeof(*para->graphics));
    para->graphics[para->n_graphics] = *g;
    para->graphics[para->n_graphics].offset = start;
    para->n_graphics++;
    g_string_append_len(para->text, LEADER_CHAR, LEADER_CHAR_LEN);
    para->after_space = false;
    add_run(para, start, props);
}

void rp_paragraph_add_footnote(struct rp_paragraph *para,
                               struct rp_footnote *note)
{
    rp_array_grow((void **)&para->footnotes, &para->cap_footnotes,
                  para->n_footnotes + 1, sizeof(*para->footnotes));
    para->footnotes[para->n_footnotes].note = note;
    /* The mark's last byte decides its line. */
    para->footnotes[para->n_footnotes].offset =
        para->text->len ? para->text->len - 1 : 0;
    para->n_footnotes++;
}

void rp_paragraph_give_footnotes(const struct rp_paragraph *para, size_t *next,
                                 size_t line_end, bool last, struct rp_box *box)
{
    while (*next < para->n_footnotes &&
           (para->footnotes[*next].offset < line_end || last))
        rp_box_add_footnote(box, para->footnotes[(*next)++].note);
}

void rp_paragraph_add_id(struct rp_paragraph *para, const char *id)
{
    rp_array_grow((void **)&para->ids, &para->cap_ids, para->n_ids + 1,
                  sizeof(*para->ids));
    para->ids[para->n_ids].id = id;
    para->ids[para->n_ids].offset = para->text->len;
    para->n_ids++;
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
    for (i = 0; i < para->n_graphics; i++)
        para->graphics[i].offset =
            moved(c, n, new_len, para->graphics[i].offset);
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
        rp_flow_struct_release(&flow);
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
