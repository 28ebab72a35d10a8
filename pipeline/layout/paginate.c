/*
 * The paginator: the consumer that fills the body region of each page
 * with the boxes of a page sequence's flow.  It breaks pages where the
 * boxes allow (forced and odd/even breaks, keeps, a table row that must
 * move whole), continues on the next page a table row that does not fit,
 * closes a page inside a table with its footer and opens the next under
 * the repeated header, and places what no page could hold, saying so.
 * A finished page gets its number and goes on (to the sink, or to the
 * spool) before its boxes are freed; masters.c gives each page its
 * geometry.
 */
#include "layout_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/mem.h"

/* Boxes may overhang the body by this much (rounding), in points. */
#define FIT_TOLERANCE 0.01

static void format_roman(int n, bool upper, char *out, size_t size)
{
    static const struct {
        int value;
        const char *lower, *upper;
    } digits[] = {{1000, "m", "M"},  {900, "cm", "CM"}, {500, "d", "D"},
                  {400, "cd", "CD"}, {100, "c", "C"},   {90, "xc", "XC"},
                  {50, "l", "L"},    {40, "xl", "XL"},  {10, "x", "X"},
                  {9, "ix", "IX"},   {5, "v", "V"},     {4, "iv", "IV"},
                  {1, "i", "I"}};
    size_t i, len = 0;

    out[0] = '\0';
    for (i = 0; i < sizeof(digits) / sizeof(digits[0]); i++) {
        while (n >= digits[i].value && len + 3 < size) {
            const char *d = upper ? digits[i].upper : digits[i].lower;
            memcpy(out + len, d, strlen(d) + 1);
            len += strlen(d);
            n -= digits[i].value;
        }
    }
}

/* The page number as format says: 1, 01, i, I, a, A. */
void rp_format_folio(int n, const char *format, char *out, size_t size)
{
    if (!format || n <= 0 || n > 3999) {
        snprintf(out, size, "%d", n);
    } else if (!strcmp(format, "i") || !strcmp(format, "I")) {
        format_roman(n, format[0] == 'I', out, size);
    } else if (!strcmp(format, "a") || !strcmp(format, "A")) {
        /* a..z, aa..zz, ... as spreadsheets number columns */
        char rev[16];
        size_t len = 0, i;
        while (n > 0 && len < sizeof(rev)) {
            rev[len++] = (char)((format[0] == 'A' ? 'A' : 'a') + (n - 1) % 26);
            n = (n - 1) / 26;
        }
        for (i = 0; i < len && i + 1 < size; i++)
            out[i] = rev[len - 1 - i];
        out[i] = '\0';
    } else {
        snprintf(out, size, "%0*d", (int)strlen(format), n);
    }
}

void rp_paginator_set_folio(struct rp_paginator *pg)
{
    rp_format_folio(pg->page_number, pg->number_format, pg->folio,
                    sizeof(pg->folio));
    pg->layout->current_page_text = pg->folio;
}

static void record_ids(struct rp_paginator *pg)
{
    struct rp_layout *layout = pg->layout;
    size_t i;

    for (i = 0; i < pg->n; i++) {
        const struct rp_id_mark *mark;
        for (mark = pg->placed[i].box->ids; mark; mark = mark->next) {
            if (!mark->is_end &&
                !g_hash_table_contains(layout->first_page, mark->id))
                g_hash_table_insert(layout->first_page, (char *)mark->id,
                                    g_strdup(pg->folio));
            if (mark->is_end ||
                !g_hash_table_contains(layout->last_page, mark->id))
                g_hash_table_insert(layout->last_page, (char *)mark->id,
                                    g_strdup(pg->folio));
        }
    }
    rp_paginator_record_note_ids(pg);
}

/* A named destination where each id starts, for links and bookmarks. */
static void add_destinations(struct rp_paginator *pg,
                             struct rp_item_list *items)
{
    size_t i;

    for (i = 0; i < pg->n; i++) {
        const struct rp_id_mark *mark;
        for (mark = pg->placed[i].box->ids; mark; mark = mark->next) {
            struct rp_area_item item = {0};
            /* A header or footer repeated at a break is not its place. */
            if (mark->is_end || pg->placed[i].artifact)
                continue;
            item.kind = RP_AREA_DEST;
            item.x = pg->body.x + pg->placed[i].x;
            item.y = pg->body.y + pg->placed[i].y;
            item.target = mark->id;
            rp_item_list_push(items, &item);
        }
    }
}

/* The boxes of each column (a run of boxes at one x) at its place;
 * a block running on from one column to the next is drawn in each. */
static void emit_columns(const struct rp_paginator *pg,
                         struct rp_item_list *items)
{
    size_t a, b;

    for (a = 0; a < pg->n; a = b) {
        for (b = a + 1; b < pg->n && pg->placed[b].x == pg->placed[a].x; b++)
            ;
        rp_emit_placed(pg->placed + a, b - a, pg->body.x + pg->placed[a].x,
                       pg->body.y, items);
    }
}

static void describe_page(const struct rp_paginator *pg, struct rp_page_desc *d)
{
    d->index = pg->page_index;
    d->number = pg->page_number;
    d->width = pg->page_width;
    d->height = pg->page_height;
    d->rotation = pg->page_rotation;
    memcpy(d->folio, pg->folio, sizeof(d->folio));
    d->regions[0] = pg->before;
    d->regions[1] = pg->after;
    d->regions[2] = pg->start;
    d->regions[3] = pg->end;
}

enum rp_status rp_paginator_finish_page(struct rp_paginator *pg,
                                        struct rp_error *err)
{
    struct rp_layout *layout = pg->layout;
    struct rp_item_list items = {0}, row_notes = {0};
    enum rp_status status = rp_paginator_open_page(pg, pg->n == 0, err);
    size_t i;

    if (status != RP_OK)
        return status;
    if (layout->spool_failed)
        return rp_layout_spool_give_up(layout, err);
    /* Pass 1 records where ids fell; pass 2 uses what it found. */
    if (layout->pass == 1)
        record_ids(pg);
    if (layout->pass == 2 && (layout->spool || pg->sink)) {
        struct rp_page_desc desc;
        describe_page(pg, &desc);
        /* A turned body holds its content; the page the fixed areas. */
        rp_turn_begin(&items, pg->body.x, pg->body.y, pg->body.w, pg->body.h,
                      pg->body.rotation);
        rp_paginator_emit_notes(pg, &items, &row_notes);
        emit_columns(pg, &items);
        rp_item_list_append(&items, &row_notes, 0, 0);
        rp_item_list_release(&row_notes);
        for (i = 0; i < pg->n; i++)
            rp_positioned_emit_part(pg->placed[i].box->positioned, false,
                                    pg->body.x, pg->body.y, &items);
        add_destinations(pg, &items);
        rp_turn_end(&items, pg->body.rotation);
        for (i = 0; i < pg->n; i++)
            rp_positioned_emit_part(pg->placed[i].box->positioned, true, 0, 0,
                                    &items);
        rp_page_collect_markers(pg);
        if (layout->spool) {
            /* The spooled pass is the only one: it records ids too. */
            record_ids(pg);
            status = rp_layout_spool_page(layout, &desc, &items, err);
        } else {
            status = rp_page_complete(layout, &desc, &items, pg->sink, err);
        }
        rp_page_carry_markers(layout);
    }
    rp_item_list_release(&items);
    for (i = 0; i < pg->n; i++)
        rp_box_unref(pg->placed[i].box);
    pg->n = 0;
    pg->first_content = 0;
    pg->y = 0;
    pg->page_open = false;
    rp_paginator_reset_notes(pg);
    rp_paginator_reset_columns(pg);
    layout->stats->pages++;
    pg->pages_in_sequence++;
    pg->page_index++;
    pg->page_number++;
    rp_paginator_set_folio(pg);
    return status;
}

static void place(struct rp_paginator *pg, struct rp_box *box, double y)
{
    rp_array_grow((void **)&pg->placed, &pg->cap, pg->n + 1,
                  sizeof(*pg->placed));
    pg->placed[pg->n].box = box;
    pg->placed[pg->n].y = y;
    pg->placed[pg->n].artifact = false;
    pg->placed[pg->n].x = pg->in_span ? 0 : pg->col * (pg->col_w + pg->col_gap);
    pg->n++;
    pg->y = y + box->height;
}

/* The bottom of the lowest box on the page, in any column. */
static double page_bottom(const struct rp_paginator *pg)
{
    double bottom = pg->y;
    size_t i;

    for (i = 0; i < pg->n; i++) {
        double b = pg->placed[i].y + pg->placed[i].box->height;
        if (b > bottom)
            bottom = b;
    }
    return bottom;
}

/* Whether nothing is above the column being filled but repeated table
 * headers: a box too tall for it is too tall for any (a column below a
 * span="all" is shorter than one on the next page). */
static bool at_page_top(const struct rp_paginator *pg)
{
    if (pg->in_span)
        return pg->n == pg->first_content;
    return pg->n == pg->col_first && pg->set_top <= 0;
}

/* Whether box fits below pg->y + space, the page's footnotes below. */
static bool fits_alone(const struct rp_paginator *pg, const struct rp_box *box,
                       double space, double reserve)
{
    return !rp_paginator_notes_full(pg) &&
           pg->y + space + box->height + reserve <=
               pg->body.h - pg->notes_h + FIT_TOLERANCE;
}

/* Whether box fits with the footnotes it brings, which every column
 * above them must leave room for; if so, they are placed (footnote.c). */
static bool fits(struct rp_paginator *pg, const struct rp_box *box,
                 double space, double reserve)
{
    double bottom = pg->y + space + box->height + reserve;
    double low = page_bottom(pg);

    if (!fits_alone(pg, box, space, reserve))
        return false;
    if (bottom > low)
        low = bottom;
    return rp_paginator_fit_notes(
        pg, box, pg->body.h - pg->notes_h - low + FIT_TOLERANCE, RP_NOTES_TRY);
}

/* Places box's footnotes whatever room is left: the box stays. */
static void force_notes(struct rp_paginator *pg, const struct rp_box *box,
                        double space, double reserve)
{
    double low = page_bottom(pg),
           bottom = pg->y + space + box->height + reserve;

    if (bottom > low)
        low = bottom;
    rp_paginator_fit_notes(pg, box,
                           pg->body.h - pg->notes_h - low + FIT_TOLERANCE,
                           RP_NOTES_FORCE);
}

static void repeat_table_header(struct rp_paginator *pg,
                                const struct rp_table_ctx *table)
{
    size_t i;

    if (table->omit_header_at_break)
        return;
    for (i = 0; i < table->n_header; i++) {
        place(pg, rp_box_ref(table->header[i]), pg->y);
        pg->placed[pg->n - 1].artifact = true;
    }
    if (pg->first_content == pg->col_first)
        pg->first_content = pg->n;
    pg->col_first = pg->n;
}

/* Room a table body row must leave for its footer at a page break. */
static double footer_reserve(const struct rp_box *box)
{
    const struct rp_table_ctx *t = box->table;
    if (!t || box->is_header || box->is_footer || t->omit_footer_at_break)
        return 0;
    return t->footer_height;
}

/* Before a page break inside a table: its footer closes the page. */
static void close_table_on_page(struct rp_paginator *pg)
{
    const struct rp_box *last;
    const struct rp_table_ctx *t;
    size_t i;

    if (pg->n <= pg->col_first)
        return;
    last = pg->placed[pg->n - 1].box;
    t = last->table;
    if (!t || last->is_footer || t->omit_footer_at_break || !t->n_footer)
        return;
    for (i = 0; i < t->n_footer; i++) {
        place(pg, rp_box_ref(t->footer[i]), pg->y);
        pg->placed[pg->n - 1].artifact = true;
    }
}

static enum rp_status paginator_add(struct rp_consumer *consumer,
                                    struct rp_box *box, struct rp_error *err)
{
    struct rp_paginator *pg = (struct rp_paginator *)consumer;
    struct rp_placed *moved = NULL;
    size_t n_moved = 0, k, i;
    enum rp_status status = RP_OK;
    double space, notes;
    bool full;

    /* Positioned containers met since the last box go on its page. */
    rp_positioned_append(&box->positioned, pg->layout->positioned);
    pg->layout->positioned = NULL;

    /* A column break ends the column; the others, the page. */
    if (box->break_before == RP_FO_BREAK_COLUMN && pg->n > pg->col_first) {
        pg->set_broken = !pg->in_span;
        status = rp_paginator_next_column(pg, err);
    } else if (box->break_before && pg->n > pg->first_content) {
        /* A break before a table row: the footer closes the page. */
        if (box->table && !box->is_footer)
            close_table_on_page(pg);
        status = rp_paginator_finish_page(pg, err);
    }
    if (status != RP_OK)
        goto fail;
    /* odd-page / even-page: a blank page makes up the parity. */
    if (pg->n == 0 && ((box->break_before == RP_FO_BREAK_ODD_PAGE &&
                        pg->page_number % 2 == 0) ||
                       (box->break_before == RP_FO_BREAK_EVEN_PAGE &&
                        pg->page_number % 2 != 0))) {
        status = rp_paginator_finish_page(pg, err);
        if (status != RP_OK)
            goto fail;
    }
    box->break_before = RP_FO_BREAK_AUTO;
    status = rp_paginator_open_page(pg, false, err);
    if (status != RP_OK)
        goto fail;
    rp_paginator_enter_span(pg, box);
    if (pg->n == pg->col_start && box->table && !box->is_header)
        repeat_table_header(pg, box->table);
    /* A row first on a page meets the header above it, not the row
     * before it (collapsed borders). */
    if (pg->n == pg->col_first && box->table && !box->is_header)
        rp_row_lead(box);
    space = pg->n > pg->col_first ? box->space_before : 0;
    if (fits(pg, box, space, footer_reserve(box))) {
        place(pg, box, pg->y + space);
        return RP_OK;
    }
    /* The page's first box, with not a line of what waits from earlier
     * pages under it: those notes get a page of their own first. */
    if (!pg->notes_started && pg->n_waiting > 0 &&
        fits_alone(pg, box, space, footer_reserve(box))) {
        status = rp_paginator_notes_page(pg, pg->body.h - page_bottom(pg), err);
        if (status != RP_OK)
            goto fail;
        return paginator_add(consumer, box, err);
    }
    full = rp_paginator_notes_full(pg);
    notes = full ? 0 : rp_paginator_note_room(pg, box);
    /*
     * A table row continues on the next page: the lines that fit stay,
     * the rest of each cell goes on, under the repeated header.  A row
     * kept together moves whole, unless no page could hold it.
     */
    if (box->row && !box->is_header && !full &&
        (!box->row->keep_together || pg->n == pg->col_first)) {
        struct rp_box *first, *rest;
        if (rp_row_split(box,
                         pg->body.h - pg->y - space - footer_reserve(box) -
                             pg->notes_h - notes,
                         &first, &rest)) {
            first->positioned = box->positioned;
            box->positioned = NULL;
            box->continued_by = rp_box_ref(rest);
            rp_box_unref(box);
            force_notes(pg, first, space, footer_reserve(first));
            place(pg, first, pg->y + space);
            close_table_on_page(pg);
            status = rp_paginator_next_column(pg, err);
            if (status != RP_OK) {
                rp_box_unref(rest);
                return status;
            }
            return paginator_add(consumer, rest, err);
        }
    }
    /* A page its notes fill goes on at the next page, not over them. */
    if (at_page_top(pg) && !full) {
        /* Taller than an empty page: place it and say so, never loop. */
        pg->layout->stats->overfull++;
        /* An abandoned spooled pass already warned of its pages. */
        if (pg->layout->pass == 2 && pg->page_index > pg->layout->warned_pages)
            rp_log_warn("%s: content %.1fpt tall does not fit the %.1fpt "
                        "body of page %d; it overflows",
                        rp_fo_doc_name(pg->layout->doc), box->height + notes,
                        pg->body.h - pg->y - pg->notes_h, pg->page_index);
        force_notes(pg, box, 0, 0);
        place(pg, box, pg->y);
        return RP_OK;
    }
    /* Move the chain of boxes kept with this one to the next column. */
    k = pg->n;
    if (box->keep_with_prev) {
        k = pg->n - 1;
        while (k > pg->col_first && pg->placed[k].box->keep_with_prev)
            k--;
        if (k <= pg->col_first)
            k = pg->n; /* the whole column is one chain: break the keep */
    }
    n_moved = pg->n - k;
    if (n_moved) {
        moved = rp_xmalloc(n_moved * sizeof(*moved));
        memcpy(moved, pg->placed + k, n_moved * sizeof(*moved));
        pg->n = k;
        pg->y = pg->placed[k - 1].y + pg->placed[k - 1].box->height;
        rp_paginator_drop_notes(pg, k);
    }
    if (box->table && !box->is_footer)
        close_table_on_page(pg);
    status = rp_paginator_next_column(pg, err);
    for (i = 0; i < n_moved; i++) {
        if (status == RP_OK)
            status = paginator_add(consumer, moved[i].box, err);
        else
            rp_box_unref(moved[i].box);
    }
    free(moved);
    if (status != RP_OK)
        goto fail;
    return paginator_add(consumer, box, err);
fail:
    rp_box_unref(box);
    return status;
}

void rp_paginator_init(struct rp_paginator *pg, struct rp_layout *layout,
                       const struct rp_layout_sink *sink)
{
    memset(pg, 0, sizeof(*pg));
    pg->base.add = paginator_add;
    pg->layout = layout;
    pg->sink = sink;
}
