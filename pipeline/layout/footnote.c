/*
 * Footnotes (XSL 1.1 §6.10.3), as FOP lays them out.  The mark (the
 * fo:inline) stays in its line; the fo:footnote-body is laid out when
 * the mark is read, at the width of the region-body, into a pile of
 * boxes kept with the note, and rides on the line box the mark lands in
 * (through the paragraph, lines.c).  A finished page gets its footnotes
 * at the bottom of its body region, above the region-after, under the
 * page sequence's xsl-footnote-separator static content when it has one.
 *
 * The paginator counts a line's footnotes against the room of the page
 * the line goes on, as FOP's page breaker does: the notes go whole when
 * they fit; else the line stays when at least the first lines of its
 * first note fit (whole notes while they fit, then as many lines of the
 * next as fit, breaking where the body's keeps, orphans and widows
 * allow), and what does not fit waits for the next pages, where it comes
 * first, before the notes of their own lines.  A page that left notes
 * waiting is full.  A line that would bring not even one line of its
 * notes moves to the next page.  The first box of a page always stays:
 * it takes what waits, as much as fits, and the rest waits again, so a
 * body taller than a page goes on over pages; when not one line of what
 * waits fits under it, what waits gets a page of its own first, as in
 * FOP.  At the end of the flow, what still waits gets pages of its own.
 */
#include "layout_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

void rp_footnote_unref(struct rp_footnote *note)
{
    size_t i;

    if (!note || --note->refs > 0)
        return;
    for (i = 0; i < note->n; i++)
        rp_box_unref(note->boxes[i].box);
    free(note->boxes);
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
    /* The boxes are kept: the body may be split between pages. */
    note = rp_xcalloc(1, sizeof(*note));
    note->refs = 1;
    note->line = footnote->line;
    note->height = stacker.height;
    note->boxes = stacker.placed;
    note->n = stacker.n;
    stacker.placed = NULL;
    stacker.n = 0;
    rp_stacker_release(&stacker);
    *out = note;
    return RP_OK;
}

/* The height of boxes [from, to) of note, the space above from dropped
 * (as at the top of a page). */
static double part_height(const struct rp_footnote *note, size_t from,
                          size_t to)
{
    if (to <= from)
        return 0;
    return note->boxes[to - 1].y + note->boxes[to - 1].box->height -
           note->boxes[from].y;
}

/*
 * The end of the longest part of note from from on that fits in room and
 * ends where the body may break (not inside its keeps, orphans and
 * widows), short of its end; from when none does.
 */
static size_t split_at(const struct rp_footnote *note, size_t from, double room)
{
    size_t best = from, j;

    for (j = from + 1; j < note->n; j++) {
        if (part_height(note, from, j) > room)
            break;
        if (!note->boxes[j].box->keep_with_prev)
            best = j;
    }
    return best;
}

/* The next place after from where note may break, or its end. */
static size_t next_break(const struct rp_footnote *note, size_t from)
{
    size_t j = from + 1;

    while (j < note->n && note->boxes[j].box->keep_with_prev)
        j++;
    return j < note->n ? j : note->n;
}

/* Calls fn on each footnote of box, and of the cells of a table row. */
static void each_note(const struct rp_box *box,
                      void (*fn)(struct rp_footnote *note, bool in_row,
                                 void *ctx),
                      bool in_row, void *ctx)
{
    size_t i, j;

    for (i = 0; i < box->n_footnotes; i++)
        fn(box->footnotes[i], in_row, ctx);
    if (!box->row)
        return;
    for (i = 0; i < box->row->n_cells; i++) {
        const struct rp_row_cell *cell = &box->row->cells[i];
        for (j = 0; j < cell->n_content; j++)
            each_note(cell->content[j].box, fn, true, ctx);
    }
}

static void add_height(struct rp_footnote *note, bool in_row, void *ctx)
{
    (void)in_row;
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

/* The separator's height, when the page has no footnote yet. */
static double separator_room(struct rp_paginator *pg)
{
    if (pg->n_notes > 0)
        return 0;
    if (!pg->has_separator)
        layout_separator(pg);
    return pg->separator_h;
}

double rp_paginator_note_room(struct rp_paginator *pg, const struct rp_box *box)
{
    double h = 0;

    each_note(box, add_height, false, &h);
    if (h <= 0)
        return 0;
    return h + separator_room(pg);
}

bool rp_paginator_notes_full(const struct rp_paginator *pg)
{
    return pg->notes_started && pg->n_waiting > 0;
}

static void push_part(struct rp_note_part **list, size_t *n, size_t *cap,
                      const struct rp_note_part *part)
{
    rp_array_grow((void **)list, cap, *n + 1, sizeof(**list));
    (*list)[(*n)++] = *part;
    part->note->refs++;
}

/* The notes a box brings, gathered with what waits. */
struct gather {
    struct rp_note_part *q;
    size_t n, cap;
    long at;
};

static void gather_note(struct rp_footnote *note, bool in_row, void *ctx)
{
    struct gather *g = ctx;
    struct rp_note_part part = {note, 0, note->n, g->at, in_row};

    /* An empty body takes no room and has nothing to show. */
    if (note->n > 0)
        push_part(&g->q, &g->n, &g->cap, &part);
}

static void release_parts(struct rp_note_part *parts, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        rp_footnote_unref(parts[i].note);
}

static void recount(struct rp_paginator *pg)
{
    size_t i;

    pg->notes_h = 0;
    for (i = 0; i < pg->n_notes; i++)
        pg->notes_h +=
            part_height(pg->notes[i].note, pg->notes[i].from, pg->notes[i].to);
    if (pg->n_notes > 0)
        pg->notes_h += pg->separator_h;
}

bool rp_paginator_fit_notes(struct rp_paginator *pg, const struct rp_box *box,
                            double room, enum rp_note_fit how)
{
    struct gather g = {NULL, 0, 0, (long)pg->n};
    bool first = !pg->notes_started;
    size_t i = 0, j = 0, k;
    double total = 0, used = 0;

    /* The page's first box takes what waits from earlier pages. */
    if (first) {
        for (k = 0; k < pg->n_waiting; k++)
            push_part(&g.q, &g.n, &g.cap, &pg->waiting[k]);
    }
    if (box)
        each_note(box, gather_note, false, &g);
    if (g.n == 0) {
        pg->notes_started = pg->notes_started || box != NULL;
        free(g.q);
        return true;
    }
    room -= separator_room(pg);
    for (k = 0; k < g.n; k++)
        total += part_height(g.q[k].note, g.q[k].from, g.q[k].to);
    if (total <= room) {
        i = g.n;
    } else {
        /* Whole notes while they fit, then the lines of the next. */
        for (; i < g.n; i++) {
            double h = part_height(g.q[i].note, g.q[i].from, g.q[i].to);
            if (h > room - used)
                break;
            used += h;
        }
        if (i < g.n)
            j = split_at(g.q[i].note, g.q[i].from, room - used);
        /* A page of notes alone takes at least a piece, however tall. */
        if (i == 0 && j == g.q[0].from && how == RP_NOTES_MUST)
            j = next_break(g.q[0].note, g.q[0].from);
        /* Not a line of its notes: the line goes to the next page, as
         * FOP's does; the page's first stays, unless what waits from
         * earlier pages is to have a page of its own first. */
        if (i == 0 && j == g.q[0].from && how == RP_NOTES_TRY &&
            (!first || pg->n_waiting > 0)) {
            release_parts(g.q, g.n);
            free(g.q);
            return false;
        }
    }
    /* What was waiting is placed or waits again, in the same order. */
    if (first) {
        release_parts(pg->waiting, pg->n_waiting);
        pg->n_waiting = 0;
    }
    for (k = 0; k < g.n; k++) {
        struct rp_note_part part = g.q[k];
        if (k < i || (k == i && j > part.from && j >= part.to)) {
            push_part(&pg->notes, &pg->n_notes, &pg->cap_notes, &part);
        } else if (k == i && j > part.from) {
            part.to = j;
            push_part(&pg->notes, &pg->n_notes, &pg->cap_notes, &part);
            part.from = j;
            part.to = g.q[k].to;
            push_part(&pg->waiting, &pg->n_waiting, &pg->cap_waiting, &part);
        } else {
            push_part(&pg->waiting, &pg->n_waiting, &pg->cap_waiting, &part);
        }
    }
    release_parts(g.q, g.n);
    free(g.q);
    pg->notes_started = true;
    recount(pg);
    return true;
}

/* Keeps the parts of list whose box (at) is not from index from on. */
static void drop_from(struct rp_note_part *list, size_t *n, size_t from)
{
    size_t i, kept = 0;

    for (i = 0; i < *n; i++) {
        if (list[i].at >= 0 && (size_t)list[i].at >= from)
            rp_footnote_unref(list[i].note);
        else
            list[kept++] = list[i];
    }
    *n = kept;
}

void rp_paginator_drop_notes(struct rp_paginator *pg, size_t from)
{
    drop_from(pg->notes, &pg->n_notes, from);
    drop_from(pg->waiting, &pg->n_waiting, from);
    recount(pg);
}

struct emit_ctx {
    struct rp_paginator *pg;
    struct rp_item_list *items; /* NULL: record the ids' pages only */
    double y;                   /* of the part, in the body */
};

/* The structure elements open after items (their begins, innermost
 * last), from index from on, pushed onto *open. */
static void open_elements(const struct rp_item_list *items,
                          const struct rp_area_item ***open, size_t *n,
                          size_t *cap)
{
    size_t i;

    for (i = 0; i < items->n; i++) {
        const struct rp_area_item *it = &items->items[i];
        if (it->kind == RP_AREA_STRUCT_BEGIN) {
            rp_array_grow((void **)open, cap, *n + 1, sizeof(**open));
            (*open)[(*n)++] = it;
        } else if (it->kind == RP_AREA_STRUCT_END && *n > 0) {
            (*n)--;
        }
    }
}

/*
 * A part of a body split between pages is whole in the structure: the
 * elements open where it starts (the Note, a list...) begin again, and
 * those open where it ends end there; a continued body is a second Note.
 */
static void balance_structure(const struct rp_note_part *part,
                              struct rp_item_list *items)
{
    struct rp_item_list before = {0}, out = {0};
    const struct rp_area_item **open = NULL;
    size_t n_open = 0, cap = 0, i;

    if (part->from == 0 && part->to == part->note->n)
        return;
    rp_emit_placed(part->note->boxes, part->from, 0, 0, &before);
    open_elements(&before, &open, &n_open, &cap);
    for (i = 0; i < n_open; i++)
        rp_struct_push(&out, true, open[i]->role, NULL, open[i]->part);
    rp_item_list_append(&out, items, 0, 0);
    n_open = 0;
    open_elements(&out, &open, &n_open, &cap);
    for (i = 0; i < n_open; i++)
        rp_struct_push(&out, false, NULL, NULL, 0);
    rp_item_list_release(items);
    *items = out;
    rp_item_list_release(&before);
    free(open);
}

/* A part's boxes at e->y into out (NULL: the ids' pages only). */
static void emit_part(struct emit_ctx *e, const struct rp_note_part *part,
                      struct rp_item_list *out)
{
    struct rp_paginator *pg = e->pg;
    GHashTable *first = pg->layout->first_page, *last = pg->layout->last_page;
    const struct rp_placed *boxes = part->note->boxes;
    double top = boxes[part->from].y;
    size_t i;

    for (i = part->from; i < part->to; i++) {
        const struct rp_id_mark *mark;
        for (mark = boxes[i].box->ids; mark; mark = mark->next) {
            struct rp_area_item dest = {0};
            if (!e->items) {
                if (!mark->is_end && !g_hash_table_contains(first, mark->id))
                    g_hash_table_insert(first, (char *)mark->id,
                                        g_strdup(pg->folio));
                if (mark->is_end || !g_hash_table_contains(last, mark->id))
                    g_hash_table_insert(last, (char *)mark->id,
                                        g_strdup(pg->folio));
                continue;
            }
            if (mark->is_end)
                continue;
            dest.kind = RP_AREA_DEST;
            dest.x = pg->body.x;
            dest.y = pg->body.y + e->y + boxes[i].y - top;
            dest.target = mark->id;
            rp_item_list_push(e->items, &dest);
        }
    }
    if (!out)
        return;
    rp_emit_placed(boxes + part->from, part->to - part->from, 0, e->y - top,
                   out);
    if (pg->layout->structure)
        balance_structure(part, out);
}

static void walk_notes(struct rp_paginator *pg, struct rp_item_list *items,
                       struct rp_item_list *rows)
{
    struct emit_ctx e = {pg, items, pg->body.h - pg->notes_h};
    size_t i;

    if (pg->n_notes == 0)
        return;
    if (items && pg->separator.n)
        rp_item_list_append(items, &pg->separator, pg->body.x,
                            pg->body.y + e.y);
    e.y += pg->separator_h;
    for (i = 0; i < pg->n_notes; i++) {
        const struct rp_note_part *part = &pg->notes[i];
        struct rp_item_list out = {0};
        emit_part(&e, part, items ? &out : NULL);
        e.y += part_height(part->note, part->from, part->to);
        if (!items)
            continue;
        if (part->at < 0 || (size_t)part->at >= pg->n) {
            /* Continued from an earlier page: first among the notes,
             * read before the page's text. */
            rp_item_list_append(items, &out, pg->body.x, pg->body.y);
        } else if (part->in_row) {
            rp_item_list_append(rows, &out, pg->body.x, pg->body.y);
        } else {
            /* Among the items of its mark's line: a tagged Note is read
             * there, inside the element the mark is in, as PDF/UA would
             * have it. */
            const struct rp_placed *at = &pg->placed[part->at];
            rp_item_list_append(&at->box->items, &out, -at->x, -at->y);
        }
        rp_item_list_release(&out);
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
    size_t i;

    release_parts(pg->notes, pg->n_notes);
    pg->n_notes = 0;
    pg->notes_h = 0;
    pg->notes_started = false;
    /* What waits is from an earlier page now. */
    for (i = 0; i < pg->n_waiting; i++)
        pg->waiting[i].at = -1;
}

enum rp_status rp_paginator_notes_page(struct rp_paginator *pg, double room,
                                       struct rp_error *err)
{
    rp_paginator_fit_notes(pg, NULL, room, RP_NOTES_MUST);
    return rp_paginator_finish_page(pg, err);
}

enum rp_status rp_paginator_flush_notes(struct rp_paginator *pg,
                                        struct rp_error *err)
{
    enum rp_status status = RP_OK;

    while (status == RP_OK && pg->n_waiting > 0) {
        /* The page with the last text first, then pages of notes. */
        if (pg->n > 0 || pg->notes_started) {
            status = rp_paginator_finish_page(pg, err);
            continue;
        }
        status = rp_paginator_open_page(pg, false, err);
        if (status == RP_OK)
            status = rp_paginator_notes_page(pg, pg->body.h, err);
    }
    return status;
}

void rp_paginator_release_notes(struct rp_paginator *pg)
{
    release_parts(pg->notes, pg->n_notes);
    release_parts(pg->waiting, pg->n_waiting);
    free(pg->notes);
    free(pg->waiting);
    pg->notes = pg->waiting = NULL;
    pg->n_notes = pg->n_waiting = 0;
    pg->cap_notes = pg->cap_waiting = 0;
}
