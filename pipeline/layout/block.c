/*
 * Block-progression layout: turns blocks, their spaces, keeps, breaks,
 * borders and padding into the box stream, and gathers inline content
 * into paragraphs.
 */
#include "layout_internal.h"
#include "paragraph.h"

#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/mem.h"

void rp_flow_init(struct rp_flow *flow, struct rp_layout *layout,
                  struct rp_consumer *out, double x_origin, double ref_width)
{
    memset(flow, 0, sizeof(*flow));
    flow->layout = layout;
    flow->out = out;
    flow->x_origin = x_origin;
    flow->ref_width = ref_width;
}

enum rp_status rp_flow_emit(struct rp_flow *flow, struct rp_box *box,
                            struct rp_error *err)
{
    struct rp_deco *d;

    box->serial = ++flow->layout->next_serial;
    box->span_all = flow->in_span;
    rp_flow_struct_prefix(flow, box);
    box->space_before = flow->pending_space;
    if (flow->pending_break > box->break_before)
        box->break_before = flow->pending_break;
    box->keep_with_prev = box->keep_with_prev || flow->pending_keep;
    flow->pending_space = 0;
    flow->pending_break = RP_FO_BREAK_AUTO;
    flow->pending_keep = false;
    if (flow->keep_together_depth > 0) {
        if (!flow->keep_together_first)
            box->keep_with_prev = true;
        flow->keep_together_first = false;
    }
    box->deco = rp_deco_ref(flow->deco);
    for (d = flow->deco; d && d->first_serial == 0; d = d->parent)
        d->first_serial = box->serial;
    /* Header and footer rows are owned by their table: no reference back. */
    if (flow->table && !box->is_header && !box->is_footer) {
        box->table = flow->table;
        flow->table->refs++;
    }
    if (flow->pending_ids) {
        struct rp_id_mark **tail = &box->ids;
        while (*tail)
            tail = &(*tail)->next;
        *tail = flow->pending_ids;
        flow->pending_ids = NULL;
    }
    if (flow->has_pending_label) {
        rp_item_list_append(&box->items, &flow->pending_label, 0, 0);
        rp_item_list_release(&flow->pending_label);
        if (flow->pending_label_height > box->height)
            box->height = flow->pending_label_height;
        flow->has_pending_label = false;
    }
    if (flow->pending_markers) {
        struct rp_marker_list **tail = &box->markers;
        while (*tail)
            tail = &(*tail)->next;
        *tail = flow->pending_markers;
        flow->pending_markers = NULL;
    }
    flow->last_box = box;
    return flow->out->add(flow->out, box, err);
}

static double border_width(const struct rp_fo_border *b)
{
    return b->style == RP_FO_BORDER_NONE ? 0 : b->width;
}

/* What block_open() changed, for block_close() to undo. */
struct block_state {
    uint64_t serial_at_open;
    struct rp_deco *deco; /* the block's own decoration, or NULL */
    bool owns_keep_together;
};

static enum rp_status emit_strut(struct rp_flow *flow, double height,
                                 bool keep_with_prev, struct rp_error *err)
{
    struct rp_box *box = rp_box_new();
    box->height = height;
    box->keep_with_prev = keep_with_prev;
    return rp_flow_emit(flow, box, err);
}

static enum rp_status block_open(struct rp_flow *flow,
                                 const struct rp_fo_node *node,
                                 struct block_state *st, struct rp_error *err)
{
    const struct rp_fo_props *p = &node->props;
    double top;

    memset(st, 0, sizeof(*st));
    st->serial_at_open = flow->layout->next_serial;
    if (p->break_before != RP_FO_BREAK_AUTO)
        flow->pending_break = p->break_before;
    if (p->space_before > flow->pending_space)
        flow->pending_space = p->space_before;
    if (p->keep_with_previous)
        flow->pending_keep = true;
    if (p->id) {
        struct rp_id_mark *mark = rp_xcalloc(1, sizeof(*mark));
        mark->id = p->id;
        mark->next = flow->pending_ids;
        flow->pending_ids = mark;
    }
    if (p->keep_together && flow->keep_together_depth == 0) {
        flow->keep_together_depth = 1;
        flow->keep_together_first = true;
        st->owns_keep_together = true;
    }
    /* A table with collapsed borders draws its own on its grid. */
    bool grid_border = node->kind == RP_FO_TABLE && !p->border_separate;

    if (p->background.a > 0 ||
        (!grid_border &&
         (border_width(&p->border[0]) > 0 || border_width(&p->border[1]) > 0 ||
          border_width(&p->border[2]) > 0 ||
          border_width(&p->border[3]) > 0))) {
        struct rp_deco *d = rp_xcalloc(1, sizeof(*d));
        double left =
            border_width(&p->border[RP_FO_LEFT]) + p->padding[RP_FO_LEFT];
        double right =
            border_width(&p->border[RP_FO_RIGHT]) + p->padding[RP_FO_RIGHT];
        d->refs = 1;
        d->parent = flow->deco; /* the flow's reference moves to d */
        d->depth = d->parent ? d->parent->depth + 1 : 0;
        d->x = flow->x_origin + p->start_indent - left;
        d->w = flow->ref_width - p->start_indent - p->end_indent + left + right;
        d->background = rp_area_color_of(p->background);
        if (!grid_border)
            memcpy(d->border, p->border, sizeof(d->border));
        flow->deco = d;
        st->deco = d;
    }
    top = border_width(&p->border[RP_FO_TOP]) + p->padding[RP_FO_TOP];
    /* A table sends its own (table.c): a break before its first row
     * takes the table's start along (and its end, block_close). */
    if (top > 0 && node->kind != RP_FO_TABLE)
        return emit_strut(flow, top, false, err);
    return RP_OK;
}

static enum rp_status block_close(struct rp_flow *flow,
                                  const struct rp_fo_node *node,
                                  struct block_state *st, struct rp_error *err)
{
    const struct rp_fo_props *p = &node->props;
    enum rp_status status = RP_OK;
    double bottom =
        border_width(&p->border[RP_FO_BOTTOM]) + p->padding[RP_FO_BOTTOM];

    if (bottom > 0 && node->kind != RP_FO_TABLE) /* table.c sends it */
        status = emit_strut(flow, bottom, true, err);
    /* An empty block with an id still needs a place on a page. */
    else if (p->id && flow->layout->next_serial == st->serial_at_open)
        status = emit_strut(flow, 0, false, err);
    if (status != RP_OK)
        return status;
    if (p->id && flow->layout->next_serial != st->serial_at_open)
        rp_box_add_id(flow->last_box, p->id, true);
    if (st->deco) {
        st->deco->last_serial = flow->layout->next_serial;
        flow->deco = rp_deco_ref(st->deco->parent);
        rp_deco_unref(st->deco);
    }
    if (st->owns_keep_together)
        flow->keep_together_depth = 0;
    if (p->keep_with_next)
        flow->pending_keep = true;
    if (p->break_after != RP_FO_BREAK_AUTO)
        flow->pending_break = p->break_after;
    if (p->space_after > flow->pending_space)
        flow->pending_space = p->space_after;
    return RP_OK;
}

const char *rp_layout_citation(struct rp_layout *layout, enum rp_fo_kind kind,
                               const char *ref_id, long line)
{
    GHashTable *map = kind == RP_FO_PAGE_NUMBER_CITATION_LAST
                          ? layout->last_page
                          : layout->first_page;
    const char *text;

    /* Pass 1 only measures; a two-digit stand-in keeps widths close. */
    if (layout->pass == 1)
        return "00";
    text = ref_id ? g_hash_table_lookup(map, ref_id) : NULL;
    if (!text) {
        rp_log_warn("%s:%ld: fo:%s refers to id '%s', which no element has",
                    rp_fo_doc_name(layout->doc), line, rp_fo_kind_name(kind),
                    ref_id ? ref_id : "");
        return "?";
    }
    return text;
}

bool rp_layout_citation_known(struct rp_layout *layout, enum rp_fo_kind kind,
                              const char *ref_id)
{
    /* A first page, once recorded, is final; a last page may move on. */
    if (!layout->spool || layout->replaying)
        return true;
    return kind != RP_FO_PAGE_NUMBER_CITATION_LAST && ref_id &&
           g_hash_table_contains(layout->first_page, ref_id);
}

bool rp_layout_link_target_known(struct rp_layout *layout, const char *id)
{
    /* A link to nowhere would make the PDF invalid: drop it, say so. */
    if (g_hash_table_contains(layout->first_page, id))
        return true;
    rp_fo_doc_warn_once(layout->doc, id, 0,
                        "fo:basic-link to internal destination '%s', which "
                        "no element has as id; the link is dropped",
                        id);
    return false;
}

static void warn_stray_marker(struct rp_flow *flow,
                              const struct rp_fo_node *marker)
{
    rp_fo_doc_warn_once(flow->layout->doc, "fo:marker outside the flow",
                        marker->line,
                        "fo:marker is allowed only in fo:flow, not in static "
                        "content or in another marker; ignored");
}

static bool is_inline_level(enum rp_fo_kind kind)
{
    switch (kind) {
    case RP_FO_TEXT:
    case RP_FO_INLINE:
    case RP_FO_WRAPPER:
    case RP_FO_PAGE_NUMBER:
    case RP_FO_PAGE_NUMBER_CITATION:
    case RP_FO_PAGE_NUMBER_CITATION_LAST:
    case RP_FO_BASIC_LINK:
    case RP_FO_CHARACTER:
    case RP_FO_LEADER:
    case RP_FO_RETRIEVE_MARKER:
    case RP_FO_EXTERNAL_GRAPHIC:
    case RP_FO_INSTREAM_FOREIGN_OBJECT:
    case RP_FO_FOOTNOTE:
        return true;
    default:
        return false;
    }
}

/*
 * Where inline content goes: the paragraph of the block being laid out,
 * opened when content comes.  A block inside an inline (DocBook's author
 * lines, synopses) ends it; the inline's text after the block opens a new
 * one with the same block properties, as FOP lays it out.
 */
struct inline_sink {
    struct rp_paragraph *para;
    const struct rp_fo_props *block;
    long line;
};

static struct rp_paragraph *sink_para(struct rp_flow *flow,
                                      struct inline_sink *in)
{
    if (!in->para)
        in->para = rp_paragraph_new(flow->layout, in->block, in->line);
    return in->para;
}

static enum rp_status flush_paragraph(struct rp_flow *flow,
                                      const struct rp_fo_props *p,
                                      struct rp_paragraph **para,
                                      struct rp_error *err);
static enum rp_status flow_block_level(struct rp_flow *flow,
                                       struct rp_fo_node *c,
                                       struct rp_error *err);

/* A block-level child of an inline, a wrapper or a retrieved marker: the
 * lines so far end, the block is laid out in the flow. */
static enum rp_status inline_block(struct rp_flow *flow, struct inline_sink *in,
                                   struct rp_fo_node *c, struct rp_error *err)
{
    enum rp_status status = flush_paragraph(flow, in->block, &in->para, err);

    if (status != RP_OK)
        return status;
    return flow_block_level(flow, c, err);
}

/* fo:footnote: its inline is the mark in the text; its body, laid out
 * whole, goes with the mark's line (footnote.c). */
static enum rp_status collect_inline(struct rp_flow *flow,
                                     struct inline_sink *in,
                                     struct rp_fo_node *node,
                                     struct rp_error *err);

static enum rp_status collect_footnote(struct rp_flow *flow,
                                       struct inline_sink *in,
                                       struct rp_fo_node *node,
                                       struct rp_error *err)
{
    struct rp_fo_node *c = NULL;
    enum rp_status status;

    while ((status = rp_fo_next_child(flow->layout->doc, node, &c, err)) ==
               RP_OK &&
           c) {
        if (c->kind == RP_FO_FOOTNOTE_BODY) {
            struct rp_footnote *note = NULL;
            status = rp_footnote_layout(flow, node, c, &note, err);
            if (note)
                rp_paragraph_add_footnote(sink_para(flow, in), note);
        } else if (is_inline_level(c->kind) && c->kind != RP_FO_FOOTNOTE) {
            status = collect_inline(flow, in, c, err);
        }
        if (status != RP_OK)
            break;
    }
    if (status != RP_OK)
        rp_fo_node_done(c);
    return status;
}

static enum rp_status collect_inline(struct rp_flow *flow,
                                     struct inline_sink *in,
                                     struct rp_fo_node *node,
                                     struct rp_error *err)
{
    struct rp_fo_node *c = NULL;
    enum rp_status status = RP_OK;

    switch (node->kind) {
    case RP_FO_TEXT:
        rp_paragraph_add_text(sink_para(flow, in), node->text, &node->props);
        return RP_OK;
    case RP_FO_PAGE_NUMBER:
        rp_paragraph_add_literal(sink_para(flow, in),
                                 flow->layout->current_page_text, &node->props);
        return RP_OK;
    case RP_FO_PAGE_NUMBER_CITATION:
    case RP_FO_PAGE_NUMBER_CITATION_LAST:
        rp_paragraph_add_citation(sink_para(flow, in), node);
        return RP_OK;
    case RP_FO_RETRIEVE_MARKER: {
        /* The marker's content, resolved here: it inherits the style
         * where it is shown (XSL 6.13.6) and keeps what it sets. */
        struct rp_fo_node *content = NULL, *mc = NULL;
        if (flow->layout->retrieving) {
            rp_fo_doc_warn_once(flow->layout->doc,
                                "fo:retrieve-marker in a marker", node->line,
                                "fo:retrieve-marker inside an fo:marker is "
                                "ignored (XSL allows it only in static "
                                "content)");
            return RP_OK;
        }
        status = rp_layout_retrieve_content(flow->layout, node, &content, err);
        if (status != RP_OK || !content)
            return status;
        flow->layout->retrieving++;
        while ((status = rp_fo_next_child(flow->layout->doc, content, &mc,
                                          err)) == RP_OK &&
               mc) {
            if (mc->kind == RP_FO_MARKER)
                warn_stray_marker(flow, mc);
            else if (!is_inline_level(mc->kind)) {
                /* A marker's blocks are laid out where it is retrieved;
                 * markers inside them are not carried again. */
                flow->layout->markers_off++;
                status = inline_block(flow, in, mc, err);
                flow->layout->markers_off--;
            } else
                status = collect_inline(flow, in, mc, err);
            if (status != RP_OK)
                break;
        }
        flow->layout->retrieving--;
        return status;
    }
    case RP_FO_LEADER:
        if (node->props.leader_pattern == RP_FO_LEADER_USE_CONTENT)
            rp_fo_doc_warn_once(flow->layout->doc, "leader-use-content",
                                node->line,
                                "fo:leader leader-pattern=\"use-content\" "
                                "is not supported yet; drawn as space");
        rp_paragraph_add_leader(sink_para(flow, in), &node->props);
        return RP_OK;
    case RP_FO_EXTERNAL_GRAPHIC:
    case RP_FO_INSTREAM_FOREIGN_OBJECT: {
        struct graphic g;
        if (node->props.id)
            rp_paragraph_add_id(sink_para(flow, in), node->props.id);
        rp_layout_graphic(flow->layout, node,
                          flow->ref_width - node->props.start_indent -
                              node->props.end_indent,
                          &g);
        rp_paragraph_add_graphic(sink_para(flow, in), &g, &node->props);
        return RP_OK;
    }
    case RP_FO_CHARACTER:
        if (node->props.character)
            rp_paragraph_add_literal(sink_para(flow, in), node->props.character,
                                     &node->props);
        return RP_OK;
    case RP_FO_FOOTNOTE:
        return collect_footnote(flow, in, node, err);
    default:
        break;
    }
    if (node->props.id)
        rp_paragraph_add_id(sink_para(flow, in), node->props.id);
    while ((status = rp_fo_next_child(flow->layout->doc, node, &c, err)) ==
               RP_OK &&
           c) {
        if (is_inline_level(c->kind))
            status = collect_inline(flow, in, c, err);
        else
            status = inline_block(flow, in, c, err);
        if (status != RP_OK)
            break;
    }
    if (status != RP_OK)
        rp_fo_node_done(c);
    return status;
}

static enum rp_status flush_paragraph(struct rp_flow *flow,
                                      const struct rp_fo_props *p,
                                      struct rp_paragraph **para,
                                      struct rp_error *err)
{
    enum rp_status status = RP_OK;

    if (!*para)
        return RP_OK;
    if (!rp_paragraph_empty(*para)) {
        bool tag = !flow->plain_paragraphs;
        if (tag)
            rp_flow_struct_begin(flow, rp_struct_paragraph_role(flow, p), NULL);
        status = rp_paragraph_emit(
            *para, flow, flow->x_origin + p->start_indent,
            flow->ref_width - p->start_indent - p->end_indent, err);
        if (tag)
            rp_flow_struct_end(flow);
    } else {
        /* An inline with an id that holds only blocks: the id starts
         * with the next box. */
        size_t i;
        for (i = 0; i < (*para)->n_ids; i++) {
            struct rp_id_mark *mark = rp_xcalloc(1, sizeof(*mark));
            mark->id = (*para)->ids[i].id;
            mark->next = flow->pending_ids;
            flow->pending_ids = mark;
        }
    }
    rp_paragraph_free(*para);
    *para = NULL;
    return status;
}

static enum rp_status flow_block(struct rp_flow *flow, struct rp_fo_node *node,
                                 struct rp_error *err)
{
    struct block_state st;
    enum rp_status status = block_open(flow, node, &st, err);
    const char *role = rp_struct_block_role(&node->props);

    rp_struct_note_heading(flow, &node->props);
    if (role)
        rp_flow_struct_begin(flow, role, node->props.alt_text);
    if (status == RP_OK)
        status = rp_flow_children(flow, node, err);
    if (role)
        rp_flow_struct_end(flow);
    if (status == RP_OK)
        status = block_close(flow, node, &st, err);
    return status;
}

/*
 * An in-flow block-container: with only a width, a block in a narrower
 * reference area; with a height or a reference-orientation, one box made
 * whole (position.c), its spaces, keeps, breaks and id as any block's.
 */
static enum rp_status flow_container(struct rp_flow *flow,
                                     struct rp_fo_node *node,
                                     struct rp_error *err)
{
    double saved_width = flow->ref_width;
    struct rp_fo_node shell;
    struct block_state st;
    struct rp_box *box = NULL;
    enum rp_status status;

    bool sized = node->props.width.kind == RP_FO_LENGTH_ABSOLUTE ||
                 node->props.width.kind == RP_FO_LENGTH_PERCENT;

    /* Without a size or a turn, a block-container is laid out as a block. */
    if (!sized && !rp_container_is_whole(&node->props))
        return flow_block(flow, node, err);
    if (!rp_container_is_whole(&node->props)) {
        /* Its background and borders as wide as it is, its content in
         * the reference area it makes. */
        const struct rp_fo_props *p = &node->props;
        double width = rp_container_width(flow, p);
        double saved_x = flow->x_origin;
        flow->ref_width = width + p->start_indent + p->end_indent;
        status = block_open(flow, node, &st, err);
        flow->x_origin += p->start_indent;
        flow->ref_width = width;
        if (status == RP_OK)
            status = rp_flow_children(flow, node, err);
        flow->x_origin = saved_x;
        flow->ref_width = saved_width;
        if (status == RP_OK)
            status = block_close(flow, node, &st, err);
        return status;
    }
    /* The box draws the container's background, borders and padding. */
    memset(&shell, 0, sizeof(shell));
    shell.kind = node->kind;
    shell.line = node->line;
    shell.props = node->props;
    memset(shell.props.border, 0, sizeof(shell.props.border));
    memset(shell.props.padding, 0, sizeof(shell.props.padding));
    shell.props.background.a = 0;
    status = block_open(flow, &shell, &st, err);
    if (status == RP_OK)
        status = rp_container_box(flow, node, &box, err);
    if (status == RP_OK)
        status = rp_flow_emit(flow, box, err);
    if (status == RP_OK)
        status = block_close(flow, &shell, &st, err);
    return status;
}

/* A marker rides on the next box: the start of the block it belongs to. */
static enum rp_status keep_marker(struct rp_flow *flow, struct rp_fo_node *c,
                                  struct rp_error *err)
{
    struct rp_marker_list *entry;
    struct rp_marker *m;
    enum rp_status status;

    if (!c->props.marker_class)
        return RP_OK;
    if (flow->layout->markers_off) {
        warn_stray_marker(flow, c);
        return RP_OK;
    }
    status = rp_fo_materialize(flow->layout->doc, c, err);
    if (status != RP_OK)
        return status;
    m = rp_xcalloc(1, sizeof(*m));
    m->refs = 1;
    m->node = rp_fo_node_take(c);
    m->class_name = m->node->props.marker_class;
    entry = rp_xcalloc(1, sizeof(*entry));
    entry->marker = m;
    entry->next = flow->pending_markers;
    flow->pending_markers = entry;
    return RP_OK;
}

/* An id that starts with the next box of the flow. */
static void pend_id(struct rp_flow *flow, const char *id)
{
    struct rp_id_mark *mark = rp_xcalloc(1, sizeof(*mark));
    mark->id = id;
    rp_id_marks_move(&flow->pending_ids, &mark);
}

/*
 * The ids of a list item's label and of what it holds: the label is
 * drawn beside the first box of the body, so they start there.
 */
static void label_ids(struct rp_flow *flow, const struct rp_fo_node *label,
                      struct rp_stacker *stacker, struct rp_flow *sub)
{
    size_t k;

    if (label->props.id)
        pend_id(flow, label->props.id);
    for (k = 0; k < stacker->n; k++)
        rp_id_marks_move(&flow->pending_ids, &stacker->placed[k].box->ids);
    rp_id_marks_move(&flow->pending_ids, &sub->pending_ids);
}

/*
 * A list item: the label is laid out whole in the column between the
 * list's start indent and label-end(), then drawn beside the first box of
 * the body, which flows (and breaks across pages) like any block content.
 */
static enum rp_status flow_list_item(struct rp_flow *flow,
                                     struct rp_fo_node *item,
                                     struct rp_error *err)
{
    struct block_state st;
    struct rp_fo_node *c = NULL;
    enum rp_status status = block_open(flow, item, &st, err);
    /* label-end() = start of the body - the label separation. */
    double label_right = item->props.start_indent +
                         item->props.list_distance_between_starts -
                         item->props.list_label_separation;

    rp_flow_struct_begin(flow, "LI", NULL);
    while (status == RP_OK &&
           (status = rp_fo_next_child(flow->layout->doc, item, &c, err)) ==
               RP_OK &&
           c) {
        if (c->kind == RP_FO_LIST_ITEM_LABEL) {
            struct rp_stacker stacker;
            struct rp_flow sub;
            double width =
                c->props.end_indent_label_end ? label_right : flow->ref_width;
            status = rp_fo_materialize(flow->layout->doc, c, err);
            if (status != RP_OK)
                break;
            rp_stacker_init(&stacker);
            rp_flow_init(&sub, flow->layout, &stacker.base, flow->x_origin,
                         width);
            sub.plain_paragraphs = true;
            status = rp_flow_children(&sub, c, err);
            label_ids(flow, c, &stacker, &sub);
            rp_deco_unref(sub.deco);
            rp_flow_struct_release(&sub);
            if (status == RP_OK) {
                /* A nested list's first label joins its parent's. */
                if (!flow->has_pending_label ||
                    stacker.height > flow->pending_label_height)
                    flow->pending_label_height = stacker.height;
                if (flow->layout->structure) {
                    /* The label rides with the structure before the
                     * body's first box: Lbl, then LBody. */
                    rp_flow_struct_begin(flow, "Lbl", NULL);
                    rp_stacker_finish(&stacker, 0, 0, &flow->pending_struct);
                    rp_flow_struct_end(flow);
                } else {
                    rp_stacker_finish(&stacker, 0, 0, &flow->pending_label);
                }
                flow->has_pending_label = true;
            }
            rp_stacker_release(&stacker);
        } else if (c->kind == RP_FO_LIST_ITEM_BODY) {
            uint64_t serial = flow->layout->next_serial;
            const char *id = c->props.id;
            rp_flow_struct_begin(flow, "LBody", NULL);
            if (id)
                pend_id(flow, id);
            status = rp_flow_children(flow, c, err);
            /* Its end is its last box; a body with none ends where the
             * item does. */
            if (status == RP_OK && id && flow->layout->next_serial != serial)
                rp_box_add_id(flow->last_box, id, true);
            rp_flow_struct_end(flow);
        }
    }
    if (status != RP_OK)
        rp_fo_node_done(c);
    /* A body with no content still shows its label. */
    if (status == RP_OK && flow->has_pending_label) {
        struct rp_box *box = rp_box_new();
        status = rp_flow_emit(flow, box, err);
    }
    rp_flow_struct_end(flow);
    if (status == RP_OK)
        status = block_close(flow, item, &st, err);
    return status;
}

static enum rp_status flow_list_block(struct rp_flow *flow,
                                      struct rp_fo_node *list,
                                      struct rp_error *err)
{
    struct block_state st;
    struct rp_fo_node *c = NULL;
    enum rp_status status = block_open(flow, list, &st, err);

    rp_flow_struct_begin(flow, "L", NULL);
    while (status == RP_OK &&
           (status = rp_fo_next_child(flow->layout->doc, list, &c, err)) ==
               RP_OK &&
           c) {
        if (c->kind == RP_FO_LIST_ITEM)
            status = flow_list_item(flow, c, err);
    }
    if (status != RP_OK)
        rp_fo_node_done(c);
    rp_flow_struct_end(flow);
    if (status == RP_OK)
        status = block_close(flow, list, &st, err);
    return status;
}

/* span="all" counts on a block or block-container that is a child of
 * the flow of a body with columns (XSL 1.1 §7.21.4). */
static bool span_all(const struct rp_flow *flow, enum rp_fo_kind parent_kind,
                     const struct rp_fo_node *c)
{
    return c->props.span_all && flow->span_width > 0 && !flow->in_span &&
           parent_kind == RP_FO_FLOW &&
           (c->kind == RP_FO_BLOCK ||
            (c->kind == RP_FO_BLOCK_CONTAINER &&
             c->props.absolute_position == RP_FO_ABS_AUTO));
}

/* A spanning block: laid out across the body, its boxes marked so that
 * the paginator places them below the columns (columns.c). */
static enum rp_status flow_span(struct rp_flow *flow, struct rp_fo_node *c,
                                struct rp_error *err)
{
    double saved = flow->ref_width;
    enum rp_status status;

    flow->ref_width = flow->span_width;
    flow->in_span = true;
    if (c->kind == RP_FO_BLOCK)
        status = flow_block(flow, c, err);
    else
        status = flow_container(flow, c, err);
    flow->in_span = false;
    flow->ref_width = saved;
    return status;
}

/* A block-level child of a block, a flow, a cell or an inline. */
static enum rp_status flow_block_level(struct rp_flow *flow,
                                       struct rp_fo_node *c,
                                       struct rp_error *err)
{
    enum rp_status status = RP_OK;

    if (c->kind == RP_FO_MARKER) {
        status = keep_marker(flow, c, err);
    } else if (c->kind == RP_FO_BLOCK_CONTAINER &&
               c->props.absolute_position != RP_FO_ABS_AUTO) {
        status = rp_flow_positioned(flow, c, err);
    } else if (c->kind == RP_FO_BLOCK_CONTAINER) {
        status = flow_container(flow, c, err);
    } else if (c->kind == RP_FO_BLOCK) {
        status = flow_block(flow, c, err);
    } else if (c->kind == RP_FO_LIST_BLOCK) {
        status = flow_list_block(flow, c, err);
    } else if (c->kind == RP_FO_TABLE) {
        struct block_state st;
        status = block_open(flow, c, &st, err);
        rp_flow_struct_begin(flow, "Table", NULL);
        if (status == RP_OK)
            status = rp_flow_table(flow, c, err);
        rp_flow_struct_end(flow);
        if (status == RP_OK)
            status = block_close(flow, c, &st, err);
    }
    return status;
}

enum rp_status rp_flow_children(struct rp_flow *flow, struct rp_fo_node *parent,
                                struct rp_error *err)
{
    struct rp_fo_node *c = NULL;
    enum rp_status status;
    /* The parent's properties outlive its children only by copy. */
    struct rp_fo_props props = parent->props;
    struct inline_sink in = {NULL, &props, parent->line};
    enum rp_fo_kind parent_kind = parent->kind;

    while ((status = rp_fo_next_child(flow->layout->doc, parent, &c, err)) ==
               RP_OK &&
           c) {
        if (is_inline_level(c->kind)) {
            status = collect_inline(flow, &in, c, err);
        } else if (span_all(flow, parent_kind, c)) {
            status = flush_paragraph(flow, &props, &in.para, err);
            if (status == RP_OK)
                status = flow_span(flow, c, err);
        } else {
            status = inline_block(flow, &in, c, err);
        }
        if (status != RP_OK)
            break;
    }
    if (status == RP_OK)
        status = flush_paragraph(flow, &props, &in.para, err);
    else
        rp_fo_node_done(c);
    rp_paragraph_free(in.para);
    return status;
}
