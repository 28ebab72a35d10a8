/*
 * Footnotes (XSL 1.1 §6.10.3), as FOP lays them out.  The mark (the
 * fo:inline) stays in its line; the fo:footnote-body is laid out whole,
 * at the width of the region-body, when the mark is read, and rides on
 * the line box the mark lands in (through the paragraph, lines.c).  The
 * paginator counts a line's footnotes against the room of the page the
 * line goes on, so the text above makes room for them; a line whose
 * footnotes do not fit moves to the next page with them.  A finished page
 * gets its footnotes at the bottom of its body region, above the
 * region-after, under the page sequence's xsl-footnote-separator static
 * content when it has one.  A footnote is kept whole: its body does not
 * continue on the next page.
 */
#include "layout_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

void rp_footnote_unref(struct rp_footnote *note)
{
    if (!note || --note->refs > 0)
        return;
    rp_item_list_release(&note->items);
    free(note->ids);
    free(note);
}

void rp_box_add_footnote(struct rp_box *box, struct rp_footnote *note)
{
    box->footnotes = rp_xrealloc(box->footnotes, (box->n_footnotes + 1) *
                                                     sizeof(*box->footnotes));
    box->footnotes[box->n_footnotes++] = note;
    note->refs++;
}

/* What a sub-flow holds when its content is done. */
static void release_sub_flow(struct rp_flow *sub)
{
    struct rp_id_mark *mark, *next;

    for (mark = sub->pending_ids; mark; mark = next) {
        next = mark->next;
        free(mark);
    }
    sub->pending_ids = NULL;
    while (sub->pending_markers) {
        struct rp_marker_list *m = sub->pending_markers;
        sub->pending_markers = m->next;
        rp_marker_unref(m->marker);
        free(m);
    }
    rp_deco_unref(sub->deco);
    rp_item_list_release(&sub->pending_label);
    rp_flow_struct_release(sub);
}

enum rp_status rp_footnote_layout(struct rp_flow *flow,
                                  struct rp_fo_node *footnote,
                                  struct rp_fo_node *body,
                                  struct rp_footnote **out,
                                  struct rp_error *err)
{
    struct rp_layout *layout = flow->layout;
    struct rp_stacker stacker;
    struct rp_flow sub;
    struct rp_footnote *note;
    enum rp_status status;
    size_t i;
    double width =
        layout->footnote_width > 0 ? layout->footnote_width : flow->ref_width;

    *out = NULL;
    /* XSL allows footnotes only in a flow going to a region-body. */
    if (layout->markers_off > 0 || layout->in_footnote > 0) {
        rp_fo_doc_warn_once(layout->doc, "footnote-not-in-flow", footnote->line,
                            "fo:footnote in static content, a marker or "
                            "another footnote: its mark is shown, its body "
                            "is not");
        return RP_OK;
    }
    rp_stacker_init(&stacker);
    rp_flow_init(&sub, layout, &stacker.base, 0, width);
    /* Tagged, the body is one Note; its paragraphs are its text. */
    sub.plain_paragraphs = true;
    rp_flow_struct_begin(&sub, "Note", NULL);
    layout->in_footnote++;
    status = rp_flow_children(&sub, body, err);
    layout->in_footnote--;
    rp_flow_struct_end(&sub);
    release_sub_flow(&sub);
    if (status != RP_OK) {
        rp_stacker_release(&stacker);
        return status;
    }
    note = rp_xcalloc(1, sizeof(*note));
    note->refs = 1;
    note->line = footnote->line;
    note->height = stacker.height;
    for (i = 0; i < stacker.n; i++) {
        const struct rp_id_mark *mark;
        for (mark = stacker.placed[i].box->ids; mark; mark = mark->next) {
            if (mark->is_end)
                continue;
            note->ids =
                rp_xrealloc(note->ids, (note->n_ids + 1) * sizeof(*note->ids));
            note->ids[note->n_ids].id = mark->id;
            note->ids[note->n_ids].y = stacker.placed[i].y;
            note->n_ids++;
        }
    }
    rp_stacker_finish(&stacker, 0, 0, &note->items);
    *out = note;
    return RP_OK;
}

/* Calls fn on each footnote of box, and of the cells of a table row. */
static void each_note(const struct rp_box *box,
                      void (*fn)(const struct rp_footnote *note, void *ctx),
                      void *ctx)
{
    size_t i, j;

    for (i = 0; i < box->n_footnotes; i++)
        fn(box->footnotes[i], ctx);
    if (!box->row)
        return;
    for (i = 0; i < box->row->n_cells; i++) {
        const struct rp_row_cell *cell = &box->row->cells[i];
        for (j = 0; j < cell->n_content; j++)
            each_note(cell->content[j].box, fn, ctx);
    }
}

static void add_height(const struct rp_footnote *note, void *ctx)
{
    *(double *)ctx += note->height;
}

/* The separator, laid out once per page sequence when a page first
 * needs it, as static content is: markers are not taken there. */
static void layout_separator(struct rp_paginator *pg)
{
    struct rp_layout *layout = pg->layout;
    struct rp_fo_node *content = NULL;
    struct rp_positioned *waiting = layout->positioned;
    struct rp_stacker stacker;
    struct rp_flow flow;
    struct rp_error err;
    size_t i;

    pg->has_separator = true;
    for (i = 0; i < pg->n_statics && !content; i++) {
        const char *name = pg->statics[i]->props.flow_name;
        if (name && !strcmp(name, "xsl-footnote-separator"))
            content = pg->statics[i];
    }
    if (!content)
        return;
    layout->positioned = NULL;
    rp_stacker_init(&stacker);
    rp_flow_init(&flow, layout, &stacker.base, 0, pg->body.w);
    layout->markers_off++;
    if (rp_flow_children(&flow, content, &err) == RP_OK) {
        pg->separator_h = stacker.height;
        rp_stacker_finish(&stacker, 0, 0, &pg->separator);
        /* A rule, not content: tagged, it is an artifact. */
        if (layout->structure)
            rp_struct_artifact(&pg->separator, 0);
    } else {
        /* Its content is materialised: nothing is read that can fail;
         * should it, the footnotes go without a separator. */
        rp_stacker_release(&stacker);
    }
    layout->markers_off--;
    release_sub_flow(&flow);
    rp_positioned_free(layout->positioned);
    layout->positioned = waiting;
}

double rp_paginator_note_room(struct rp_paginator *pg, const struct rp_box *box)
{
    double h = 0;

    each_note(box, add_height, &h);
    if (h <= 0)
        return 0;
    if (pg->notes_h <= 0) {
        if (!pg->has_separator)
            layout_separator(pg);
        h += pg->separator_h;
    }
    return h;
}

void rp_paginator_take_notes(struct rp_paginator *pg, const struct rp_box *box)
{
    pg->notes_h += rp_paginator_note_room(pg, box);
}

void rp_paginator_recount_notes(struct rp_paginator *pg)
{
    size_t i;

    pg->notes_h = 0;
    for (i = 0; i < pg->n; i++)
        if (!pg->placed[i].artifact)
            rp_paginator_take_notes(pg, pg->placed[i].box);
}

struct emit_ctx {
    struct rp_paginator *pg;
    struct rp_item_list *items; /* NULL: record the ids' pages only */
    struct rp_item_list *rows;  /* the notes of table rows */
    double y;                   /* of the next footnote, in the body */
    /* The box of the line whose footnotes these are, and where it is;
     * NULL for a table row's (its cells' lines are not at hand). */
    struct rp_box *line;
    const struct rp_placed *at;
};

static void emit_note(const struct rp_footnote *note, void *ctx)
{
    struct emit_ctx *e = ctx;
    struct rp_paginator *pg = e->pg;
    GHashTable *first = pg->layout->first_page, *last = pg->layout->last_page;
    size_t i;

    for (i = 0; i < note->n_ids; i++) {
        struct rp_area_item dest = {0};
        const char *id = note->ids[i].id;
        if (!e->items) {
            if (!g_hash_table_contains(first, id))
                g_hash_table_insert(first, (char *)id, g_strdup(pg->folio));
            g_hash_table_insert(last, (char *)id, g_strdup(pg->folio));
            continue;
        }
        dest.kind = RP_AREA_DEST;
        dest.x = pg->body.x;
        dest.y = pg->body.y + e->y + note->ids[i].y;
        dest.target = id;
        rp_item_list_push(e->items, &dest);
    }
    /* Among the items of its mark's line: a tagged Note is read there,
     * inside the element the mark is in, as PDF/UA would have it. */
    if (e->items && e->line)
        rp_item_list_append(&e->line->items, &note->items, -e->at->x,
                            e->y - e->at->y);
    else if (e->items)
        rp_item_list_append(e->rows, &note->items, pg->body.x,
                            pg->body.y + e->y);
    e->y += note->height;
}

static void walk_notes(struct rp_paginator *pg, struct rp_item_list *items,
                       struct rp_item_list *rows)
{
    struct emit_ctx e = {pg, items, rows, pg->body.h - pg->notes_h, NULL, NULL};
    size_t i, k;

    if (pg->notes_h <= 0)
        return;
    if (items && pg->separator.n)
        rp_item_list_append(items, &pg->separator, pg->body.x,
                            pg->body.y + e.y);
    e.y += pg->separator_h;
    for (i = 0; i < pg->n; i++) {
        struct rp_box *box = pg->placed[i].box;
        if (pg->placed[i].artifact)
            continue;
        e.line = box;
        e.at = &pg->placed[i];
        for (k = 0; k < box->n_footnotes; k++)
            emit_note(box->footnotes[k], &e);
        if (box->row) {
            struct rp_box shell = *box;
            e.line = NULL;
            shell.n_footnotes = 0; /* done above */
            each_note(&shell, emit_note, &e);
        }
    }
}

/* Before the page's boxes are emitted: their lines take their notes. */
void rp_paginator_emit_notes(struct rp_paginator *pg,
                             struct rp_item_list *items,
                             struct rp_item_list *rows)
{
    walk_notes(pg, items, rows);
}

void rp_paginator_record_note_ids(struct rp_paginator *pg)
{
    walk_notes(pg, NULL, NULL);
}

void rp_paginator_reset_notes(struct rp_paginator *pg)
{
    pg->notes_h = 0;
}
