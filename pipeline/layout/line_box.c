/*
 * One line of a paragraph as a box (rp_line_box): its text, the dots
 * and rules of its leaders, link areas over its linked runs, its inline
 * graphics, the hyphenation character at its break, its height (raised
 * inlines counted or not, line-height-shift-adjustment), the ids and
 * footnotes that start on it, and the warning of a line wider than its
 * block.  lines.c cuts paragraphs into pieces and lines; this draws them.
 */
#include "paragraph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/mem.h"

/*
 * Link areas over the parts of line that carry a link.  *cursor is the
 * first run that may reach this line: lines come in order.
 */
static void add_links(struct rp_layout *layout, const struct rp_paragraph *para,
                      const struct piece *pc, PangoLayoutLine *line, double x,
                      double height, size_t *cursor, struct rp_item_list *items)
{
    size_t i, line_start = para_offset(pc, line->start_index),
              line_end = line_start + (size_t)line->length;

    while (*cursor < para->n_runs && para->runs[*cursor].end <= line_start)
        (*cursor)++;
    for (i = *cursor; i < para->n_runs && para->runs[i].start < line_end; i++) {
        const struct text_run *run = &para->runs[i];
        size_t from = run->start, to = run->end;
        int *ranges = NULL, n_ranges = 0, r;

        if (!run->style.link)
            continue;
        /* Spooled pages check their links when painted. */
        if (run->style.link_internal && layout->pass == 2 && !layout->spool &&
            !rp_layout_link_target_known(layout, run->style.link))
            continue;
        if (from < line_start)
            from = line_start;
        if (to > line_end)
            to = line_end;
        pango_layout_line_get_x_ranges(line, layout_index(pc, from),
                                       layout_index(pc, to), &ranges,
                                       &n_ranges);
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
 * A dots leader as a line of '.' glyphs in the leader's font, as FOP
 * draws it: a table of contents then reads and searches as text.  The
 * dots stand pattern-width apart (the dot's own width by default) and
 * are centred in the leader's space.
 */
static void leader_dots(struct rp_layout *layout,
                        const struct rp_paragraph *para, const struct leader *l,
                        double x, double w, double baseline,
                        struct rp_item_list *items)
{
    size_t r = first_run_after(para, l->offset);
    const struct text_style *style =
        r < para->n_runs ? &para->runs[r].style : &para->block.text;
    PangoLayout *pl = pango_layout_new(layout->pango);
    PangoFontDescription *desc = rp_text_style_font(layout, style);
    struct rp_area_item item = {0};
    PangoAttrList *attrs;
    PangoRectangle logical;
    double dot, period;
    size_t n, i;
    char *dots;

    pango_layout_set_font_description(pl, desc);
    pango_font_description_free(desc);
    pango_layout_set_text(pl, ".", 1);
    pango_layout_get_extents(pl, NULL, &logical);
    dot = (double)logical.width / PANGO_SCALE;
    period = l->pattern_width > dot ? l->pattern_width : dot;
    if (!(period > 0) || w < period) {
        g_object_unref(pl);
        return;
    }
    /* w is at most the line's width, capped in Pango's range. */
    n = (size_t)(w / period);
    dots = g_malloc(n + 1);
    for (i = 0; i < n; i++)
        dots[i] = '.';
    dots[n] = '\0';
    pango_layout_set_text(pl, dots, (int)n);
    g_free(dots);
    attrs = pango_attr_list_new();
    pango_attr_list_insert(
        attrs, pango_attr_foreground_new((guint16)(l->color.r * 65535),
                                         (guint16)(l->color.g * 65535),
                                         (guint16)(l->color.b * 65535)));
    if (period > dot)
        pango_attr_list_insert(
            attrs, pango_attr_letter_spacing_new(pango_units(period - dot)));
    pango_layout_set_attributes(pl, attrs);
    pango_attr_list_unref(attrs);
    item.kind = RP_AREA_TEXT;
    item.x = x + (w - (double)n * period) / 2;
    item.y = baseline;
    item.w = (double)n * period;
    item.layout = pl; /* the item's reference */
    item.line = pango_layout_get_line_readonly(pl, 0);
    rp_item_list_push(items, &item);
}

/* The dots or rule of each leader on a line, on its baseline. */
static void draw_leaders(struct rp_layout *layout,
                         const struct rp_paragraph *para,
                         const struct piece *pc, PangoLayoutLine *line,
                         double x, double baseline, struct rp_item_list *items)
{
    size_t start = para_offset(pc, line->start_index);
    size_t end = start + (size_t)line->length;
    size_t i;

    for (i = first_leader_from(para, start);
         i < para->n_leaders && para->leaders[i].offset < end; i++) {
        const struct leader *l = &para->leaders[i];
        struct rp_area_item item = {0};
        PangoRectangle pos;

        if (l->pattern != RP_FO_LEADER_DOTS && l->pattern != RP_FO_LEADER_RULE)
            continue;
        pango_layout_index_to_pos(pc->layout, layout_index(pc, l->offset),
                                  &pos);
        if (l->pattern == RP_FO_LEADER_DOTS) {
            leader_dots(layout, para, l, x + (double)pos.x / PANGO_SCALE,
                        (double)pos.width / PANGO_SCALE, baseline, items);
            continue;
        }
        item.kind = RP_AREA_RULE;
        item.color = rp_area_color_of(l->color);
        item.rule_width = l->thickness;
        item.rule_style = rp_rule_style_of(l->rule_style);
        item.x = x + (double)pos.x / PANGO_SCALE;
        item.w = (double)pos.width / PANGO_SCALE;
        item.y = baseline - l->thickness / 2;
        if (item.w > 0 && item.rule_width > 0)
            rp_item_list_push(items, &item);
    }
}

/*
 * A word wider than its line is not broken between letters: it stands
 * whole on its own line and sticks out past the end edge, as in FOP,
 * which says so once per block (in millipoints, as FOP does).  Only the
 * real pass warns, a paragraph laid out with stand-ins for its citations
 * waits for its second layout, and a document painted again is quiet.
 */
static void warn_overflow(struct line_out *o, const struct piece *pc,
                          const PangoLayoutLine *line, double line_width)
{
    const struct block_style *block = &o->para->block;
    struct rp_layout *layout = o->flow->layout;
    double indent = o->n_lines == 0 ? block->text_indent : -block->text_indent;
    double over = line_width + (indent > 0 ? indent : 0) - o->width;
    size_t end = para_offset(pc, line->start_index + line->length);

    if (o->warned || over < 0.01 || layout->pass != 2 || o->defer ||
        rp_fo_doc_quiet(layout->doc))
        return;
    /* Pango justifies a line broken at a soft hyphen without the hyphen
     * it then draws: the hyphen hangs in the margin, the word fitted. */
    if (end >= 2 && !memcmp(o->para->text->str + end - 2, "\xc2\xad", 2))
        return;
    o->warned = true;
    rp_log_warn("%s:%ld: fo:block: the contents of its line %d exceed the "
                "available area in the inline-progression direction by %.0f "
                "millipoints (%.1fpt); the line sticks out past the end edge",
                rp_fo_doc_name(layout->doc), o->para->line, o->n_lines + 1,
                over * 1000, over);
}

/*
 * A line broken at a soft hyphen ends in the hyphen Pango drew, the
 * font's; where hyphenation-character names another, its glyph (in the
 * same font, which has it) takes the hyphen's place.  The layout's lines
 * are Pango's to own, but their glyphs are plain data that Pango itself
 * adjusts after shaping (justification), and every use of a layout
 * (cached ones too) gets the same character, as the style is its key.
 */
static void draw_hyphen_char(const struct rp_paragraph *para,
                             const struct piece *pc, PangoLayoutLine *line)
{
    size_t end = para_offset(pc, line->start_index + line->length);
    GSList *l;

    if (end < 2 || memcmp(para->text->str + end - 2, "\xc2\xad", 2))
        return;
    for (l = line->runs; l; l = l->next) {
        PangoGlyphItem *run = l->data;
        unsigned int c = rp_hyphen_of(run->item);
        hb_codepoint_t glyph;
        int i, at = line->start_index + line->length - 2 - run->item->offset;

        if (!c || at < 0 || at >= run->item->length ||
            !hb_font_get_nominal_glyph(
                pango_font_get_hb_font(run->item->analysis.font), c, &glyph))
            continue;
        for (i = 0; i < run->glyphs->num_glyphs; i++)
            if (run->glyphs->log_clusters[i] == at &&
                run->glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY)
                run->glyphs->glyphs[i].glyph = glyph;
    }
}

/*
 * The line's height as if its raised and lowered runs (baseline-shift)
 * sat on the baseline: line-height-shift-adjustment="disregard-shifts",
 * which DocBook XSL sets so that footnote marks leave their lines as
 * tall as the rest, as FOP does.  Only the vertical extent changes.
 */
static void unshifted_extents(PangoLayoutIter *iter, PangoRectangle *logical)
{
    PangoLayoutIter *runs = pango_layout_iter_copy(iter);
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
    int top = 0, bottom = 0;
    bool any = false, shifted = false;

    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(runs);
        PangoRectangle r;
        int y;

        if (!run)
            continue; /* the line's end */
        pango_layout_iter_get_run_extents(runs, NULL, &r);
        /* y_offset: how far the run is raised (Pango units, up). */
        y = r.y + run->y_offset;
        shifted |= run->y_offset != 0;
        if (!any || y < top)
            top = y;
        if (!any || y + r.height > bottom)
            bottom = y + r.height;
        any = true;
    } while (pango_layout_iter_next_run(runs) &&
             pango_layout_iter_get_line_readonly(runs) == line);
    pango_layout_iter_free(runs);
    if (any && shifted) {
        logical->y = top;
        logical->height = bottom - top;
    }
}

struct rp_box *rp_line_box(struct line_out *o, const struct piece *pc,
                           PangoLayoutIter *iter, bool last)
{
    const struct rp_paragraph *para = o->para;
    const struct block_style *block = &para->block;
    PangoRectangle logical;
    struct rp_area_item item = {0};
    struct rp_box *box = rp_box_new();
    double natural, line_height, ascent;
    int baseline = pango_layout_iter_get_baseline(iter);
    size_t line_end;

    pango_layout_iter_get_line_extents(iter, NULL, &logical);
    if (block->disregard_shifts)
        unshifted_extents(iter, &logical);
    natural = (double)logical.height / PANGO_SCALE;
    ascent = (double)(baseline - logical.y) / PANGO_SCALE;
    /* line-height scales up when larger inline text is on the line. */
    line_height = block->line_height;
    if (natural > o->base_height * 1.001)
        line_height *= natural / o->base_height;
    item.kind = RP_AREA_TEXT;
    item.x = o->x + (double)logical.x / PANGO_SCALE;
    if (!block->wrap && block->text_align != RP_FO_ALIGN_START &&
        logical.width < o->width * PANGO_SCALE) {
        double slack = o->width - (double)logical.width / PANGO_SCALE;
        item.x += block->text_align == RP_FO_ALIGN_CENTER ? slack / 2 : slack;
    }
    item.y = (line_height - natural) / 2 + ascent;
    item.w = (double)logical.width / PANGO_SCALE;
    item.layout = g_object_ref(pc->layout);
    item.line = pango_layout_iter_get_line_readonly(iter);
    draw_hyphen_char(para, pc, item.line);
    warn_overflow(o, pc, item.line, item.w);
    rp_item_list_push(&box->items, &item);
    if (para->n_leaders)
        draw_leaders(o->flow->layout, para, pc, item.line,
                     item.x - (double)logical.x / PANGO_SCALE, item.y,
                     &box->items);
    if (para->n_graphics)
        rp_graphics_draw(
            para, pc->layout, (int)pc->prefix - (int)pc->from,
            para_offset(pc, item.line->start_index),
            para_offset(pc, item.line->start_index + item.line->length),
            item.x - (double)logical.x / PANGO_SCALE, item.y, &box->items);
    add_links(o->flow->layout, para, pc, item.line,
              item.x - (double)logical.x / PANGO_SCALE, line_height,
              &o->next_run, &box->items);
    box->height = line_height;
    /* Ids go to the line they start on; the last takes the rest. */
    line_end = para_offset(pc, item.line->start_index + item.line->length);
    while (o->next_id < para->n_ids &&
           (para->ids[o->next_id].offset < line_end || last))
        rp_box_add_id(box, para->ids[o->next_id++].id, false);
    rp_paragraph_give_footnotes(para, &o->next_footnote, line_end, last, box);
    if (o->defer) {
        struct rp_area_item stand_in = {0};
        rp_item_list_release(&box->items);
        stand_in.kind = RP_AREA_DEFERRED;
        stand_in.deferred = o->flow->layout->deferred->len;
        stand_in.deferred_line = (size_t)o->n_lines;
        rp_item_list_push(&box->items, &stand_in);
        rp_array_grow((void **)&o->defer->heights, &o->cap_heights,
                      o->defer->n_lines + 1, sizeof(*o->defer->heights));
        o->defer->heights[o->defer->n_lines++] = line_height;
    }
    return box;
}
