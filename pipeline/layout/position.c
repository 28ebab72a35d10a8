/*
 * Positioned block-containers (absolute-position="absolute|fixed"), as
 * XSL 1.1 §7.5.1 and Apache FOP place them: a DRAFT watermark behind
 * every page, a stamp, a cover element at fixed coordinates.
 *
 * The container is laid out whole, in its own reference area, and takes
 * no room in the flow: the content around it flows as if it were not
 * there and it never causes a page break.  It becomes a group of items
 * (background, borders, content, and the positioned containers nested in
 * it) in the coordinates of what it is placed against; in the flow it
 * rides on the next box to learn its page, in static content it goes on
 * every page the static content is laid out for.  Pages are stacked by
 * z-index when they are complete (rp_page_stack).
 */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

/* Content may overhang its container by this much (rounding), in points. */
#define OVERFLOW_TOLERANCE 0.01

void rp_positioned_free(struct rp_positioned *list)
{
    while (list) {
        struct rp_positioned *next = list->next;
        rp_item_list_release(&list->items);
        free(list);
        list = next;
    }
}

void rp_positioned_append(struct rp_positioned **list,
                          struct rp_positioned *more)
{
    while (*list)
        list = &(*list)->next;
    *list = more;
}

void rp_positioned_emit(const struct rp_positioned *list, double ref_x,
                        double ref_y, struct rp_item_list *out)
{
    for (; list; list = list->next) {
        if (list->fixed)
            rp_item_list_append(out, &list->items, 0, 0);
        else
            rp_item_list_append(out, &list->items, ref_x, ref_y);
    }
}

static double border_width(const struct rp_fo_border *b)
{
    return b->style == RP_FO_BORDER_NONE ? 0 : b->width;
}

/* A length of the containing area's size whole (percentages). */
static double resolve(const struct rp_fo_length *l, double whole)
{
    return l->kind == RP_FO_LENGTH_PERCENT ? l->value / 100.0 * whole + l->plus
                                           : l->value;
}

/* The z-index of an area: its first item is its group. */
static int z_of(const struct rp_positioned *p)
{
    return p->items.n ? p->items.items[0].z : 0;
}

/*
 * The areas nested in a container, below (negative z-index) or above its
 * own content, translated to its content rectangle at (dx, dy).  Fixed
 * ones are placed against the page, not the container: the caller
 * passes them on.
 */
static void emit_nested(const struct rp_positioned *nested, bool below,
                        double dx, double dy, struct rp_item_list *out)
{
    const struct rp_positioned **sorted = NULL;
    const struct rp_positioned *p;
    size_t n = 0, cap = 0, i;

    for (p = nested; p; p = p->next) {
        if (p->fixed || (z_of(p) < 0) != below)
            continue;
        rp_array_grow((void **)&sorted, &cap, n + 1, sizeof(*sorted));
        sorted[n++] = p;
    }
    /* Addresses are not in document order; indexes are. */
    for (i = 1; i < n; i++) {
        size_t j = i;
        while (j > 0 && z_of(sorted[j - 1]) > z_of(sorted[j])) {
            const struct rp_positioned *t = sorted[j];
            sorted[j] = sorted[j - 1];
            sorted[j - 1] = t;
            j--;
        }
    }
    for (i = 0; i < n; i++)
        rp_item_list_append(out, &sorted[i]->items, dx, dy);
    free(sorted);
}

/* What a flow of a container's content holds when it is done with. */
static void flow_release(struct rp_flow *flow)
{
    struct rp_id_mark *mark, *next;

    rp_deco_unref(flow->deco);
    for (mark = flow->pending_ids; mark; mark = next) {
        next = mark->next;
        free(mark);
    }
    while (flow->pending_markers) {
        struct rp_marker_list *m = flow->pending_markers;
        flow->pending_markers = m->next;
        rp_marker_unref(m->marker);
        free(m);
    }
    rp_item_list_release(&flow->pending_label);
    rp_flow_struct_release(flow);
}

static bool has_deferred(const struct rp_item_list *items)
{
    size_t i;

    for (i = 0; i < items->n; i++) {
        if (items->items[i].kind == RP_AREA_DEFERRED)
            return true;
    }
    return false;
}

/* The container's geometry, resolved against what it is placed against. */
struct placement {
    double inset[4];  /* border + padding per side */
    double w, h;      /* content rectangle, in the parent's frame */
    double fw, fh;    /* the content's own frame: w x h, or h x w turned */
    int rotation;     /* reference-orientation, quarter turns */
    bool auto_height; /* h is the content's */
};

/* The content's frame: for 90 and 270 degrees its lines run along h. */
static void place_frame(const struct rp_fo_props *p, struct placement *pl)
{
    pl->rotation = p->reference_orientation & 3;
    if (pl->rotation % 2) {
        /* Lines need a length before there is content: the height the
         * container may take is theirs, and stays its height. */
        pl->auto_height = false;
        pl->fw = pl->h;
        pl->fh = pl->w;
    } else {
        pl->fw = pl->w;
        pl->fh = pl->h;
    }
}

static void place_insets(const struct rp_fo_props *p, struct placement *pl)
{
    int side;

    for (side = 0; side < 4; side++)
        pl->inset[side] = border_width(&p->border[side]) + p->padding[side];
}

static void place_size(const struct rp_fo_props *p, double cw, double ch,
                       struct placement *pl)
{
    const struct rp_fo_length *off = p->offset;
    double left = off[RP_FO_LEFT].kind ? resolve(&off[RP_FO_LEFT], cw) : 0;
    double right = off[RP_FO_RIGHT].kind ? resolve(&off[RP_FO_RIGHT], cw) : 0;
    double top = off[RP_FO_TOP].kind ? resolve(&off[RP_FO_TOP], ch) : 0;
    double bottom =
        off[RP_FO_BOTTOM].kind ? resolve(&off[RP_FO_BOTTOM], ch) : 0;

    place_insets(p, pl);
    /* No width: what the offsets leave of the containing area. */
    if (p->width.kind == RP_FO_LENGTH_ABSOLUTE ||
        p->width.kind == RP_FO_LENGTH_PERCENT)
        pl->w = resolve(&p->width, cw);
    else
        pl->w =
            cw - left - right - pl->inset[RP_FO_LEFT] - pl->inset[RP_FO_RIGHT];
    /* No height: what top and bottom leave, or else the content's. */
    pl->auto_height = false;
    if (p->height.kind != RP_FO_LENGTH_AUTO) {
        pl->h = resolve(&p->height, ch);
    } else if (off[RP_FO_TOP].kind && off[RP_FO_BOTTOM].kind) {
        pl->h =
            ch - top - bottom - pl->inset[RP_FO_TOP] - pl->inset[RP_FO_BOTTOM];
    } else {
        /* Until the content is laid out: room for nested areas. */
        pl->h = ch - top - pl->inset[RP_FO_TOP] - pl->inset[RP_FO_BOTTOM];
        pl->auto_height = true;
    }
    if (!(pl->w > 0))
        pl->w = 0;
    if (!(pl->h > 0))
        pl->h = 0;
    place_frame(p, pl);
}

/* The border box's top-left corner: left or right, top or bottom, or 0. */
static void place_corner(const struct rp_fo_props *p, double cw, double ch,
                         const struct placement *pl, double *x, double *y)
{
    const struct rp_fo_length *off = p->offset;
    double bw = pl->w + pl->inset[RP_FO_LEFT] + pl->inset[RP_FO_RIGHT];
    double bh = pl->h + pl->inset[RP_FO_TOP] + pl->inset[RP_FO_BOTTOM];

    if (off[RP_FO_LEFT].kind)
        *x = resolve(&off[RP_FO_LEFT], cw);
    else if (off[RP_FO_RIGHT].kind)
        *x = cw - resolve(&off[RP_FO_RIGHT], cw) - bw;
    else
        *x = 0;
    if (off[RP_FO_TOP].kind)
        *y = resolve(&off[RP_FO_TOP], ch);
    else if (off[RP_FO_BOTTOM].kind)
        *y = ch - resolve(&off[RP_FO_BOTTOM], ch) - bh;
    else
        *y = 0;
}

/*
 * Lays the container's children out in its content frame, which is the
 * reference area of what it holds: the areas positioned in it (*nested)
 * are placed against the frame.  With an auto height the content's
 * height becomes the container's.  The content's indents count from the
 * frame's edges: in the flow, as FOP counts them (an indent the content
 * inherits from the container is applied again); a positioned container
 * is placed by its offsets and its indents are not the content's.
 */
static enum rp_status
layout_content(struct rp_layout *layout, struct rp_fo_node *node,
               const struct rp_fo_props *p, bool in_flow, struct placement *pl,
               struct rp_stacker *content, struct rp_positioned **nested,
               struct rp_error *err)
{
    struct rp_positioned *outer = layout->positioned;
    double saved_ref_w = layout->ref_w, saved_ref_h = layout->ref_h;
    struct rp_flow sub;
    const char *role;
    enum rp_status status;

    layout->positioned = NULL;
    layout->ref_w = pl->fw;
    layout->ref_h = pl->fh;
    rp_stacker_init(content);
    if (in_flow)
        rp_flow_init(&sub, layout, &content->base, 0, pl->fw);
    else
        rp_flow_init(&sub, layout, &content->base, -p->start_indent,
                     pl->fw + p->start_indent + p->end_indent);
    role = rp_struct_block_role(p);
    if (role)
        rp_flow_struct_begin(&sub, role, p->alt_text);
    status = rp_flow_children(&sub, node, err);
    if (role)
        rp_flow_struct_end(&sub);
    flow_release(&sub);
    *nested = layout->positioned;
    layout->positioned = outer;
    layout->ref_w = saved_ref_w;
    layout->ref_h = saved_ref_h;
    if (status == RP_OK && pl->auto_height)
        pl->h = pl->fh = content->height;
    return status;
}

/* A group of the flow: painted in place, turned or clipped. */
static void push_group(struct rp_item_list *out, double x, double y, double w,
                       double h, int z, bool clip, int rotation, bool flow)
{
    struct rp_area_item item = {0};

    item.kind = RP_AREA_GROUP;
    item.x = x;
    item.y = y;
    item.w = w;
    item.h = h;
    item.z = z;
    item.clip = clip;
    item.rotation = rotation;
    item.flow = flow;
    rp_item_list_push(out, &item);
}

static void push_group_end(struct rp_item_list *out)
{
    struct rp_area_item item = {0};

    item.kind = RP_AREA_GROUP_END;
    rp_item_list_push(out, &item);
}

/*
 * The container's items with its border box at (x, y): background,
 * borders, content (clipped if it asks, in its turned frame if it is
 * turned) and the areas nested in it.  in_flow: the groups are the
 * flow's, painted in place.
 */
static void emit_container(struct rp_layout *layout,
                           const struct rp_fo_props *p, long line,
                           const struct placement *pl, double x, double y,
                           struct rp_stacker *content,
                           const struct rp_positioned *nested, bool in_flow,
                           struct rp_item_list *out)
{
    double bw = pl->w + pl->inset[RP_FO_LEFT] + pl->inset[RP_FO_RIGHT];
    double bh = pl->h + pl->inset[RP_FO_TOP] + pl->inset[RP_FO_BOTTOM];
    double cx = x + pl->inset[RP_FO_LEFT], cy = y + pl->inset[RP_FO_TOP];
    double slack = pl->fh - content->height, shift = 0;
    bool clip = p->overflow != RP_FO_OVERFLOW_VISIBLE;
    bool turned = pl->rotation != 0;
    struct rp_area_item item = {0};

    if (!turned)
        emit_nested(nested, true, cx, cy, out);
    if (p->background.a > 0) {
        item.kind = RP_AREA_RECT;
        item.x = x;
        item.y = y;
        item.w = bw;
        item.h = bh;
        item.color = rp_area_color_of(p->background);
        rp_item_list_push(out, &item);
    }
    rp_emit_box_borders(out, p->border, x, y, bw, bh, true, true);
    /* display-align moves content shorter than the container. */
    if (slack > 0)
        shift = p->display_align == 1   ? slack / 2
                : p->display_align == 2 ? slack
                                        : 0;
    else if (slack < -OVERFLOW_TOLERANCE && p->overflow == RP_FO_OVERFLOW_ERROR)
        rp_fo_doc_warn_once(layout->doc, "error-if-overflow", line,
                            "fo:block-container: content %.1fpt tall "
                            "overflows its %.1fpt height; clipped "
                            "(overflow=\"error-if-overflow\")",
                            content->height, pl->fh);
    /* The padding rectangle: borders stay whole. */
    if (clip)
        push_group(out, x + border_width(&p->border[RP_FO_LEFT]),
                   y + border_width(&p->border[RP_FO_TOP]),
                   pl->w + p->padding[RP_FO_LEFT] + p->padding[RP_FO_RIGHT],
                   pl->h + p->padding[RP_FO_TOP] + p->padding[RP_FO_BOTTOM],
                   p->z_index, true, 0, in_flow);
    if (turned) {
        /* The content rectangle, its frame turned; what is positioned in
         * it turns with it. */
        push_group(out, cx, cy, pl->w, pl->h, p->z_index, false, pl->rotation,
                   true);
        emit_nested(nested, true, cx, cy, out);
    }
    rp_stacker_finish(content, cx, cy + shift, out);
    if (turned) {
        emit_nested(nested, false, cx, cy, out);
        push_group_end(out);
    }
    if (clip)
        push_group_end(out);
    if (!turned)
        emit_nested(nested, false, cx, cy, out);
}

/* Nested fixed areas are placed against the page: they go on as the
 * container's own followers, in document order. */
static void pass_on_fixed(struct rp_layout *layout,
                          struct rp_positioned **nested)
{
    struct rp_positioned **link;

    for (link = nested; *link;) {
        struct rp_positioned *n = *link;
        if (n->fixed) {
            *link = n->next;
            n->next = NULL;
            rp_positioned_append(&layout->positioned, n);
        } else {
            link = &n->next;
        }
    }
}

enum rp_status rp_flow_positioned(struct rp_flow *flow, struct rp_fo_node *node,
                                  struct rp_error *err)
{
    struct rp_layout *layout = flow->layout;
    /* Copied: what the flow reads of the node may outlive it. */
    const struct rp_fo_props props = node->props;
    const struct rp_fo_props *p = &props;
    long line = node->line;
    bool fixed = p->absolute_position == RP_FO_ABS_FIXED;
    double cw = fixed ? layout->page_w : layout->ref_w;
    double ch = fixed ? layout->page_h : layout->ref_h;
    struct rp_positioned *nested = NULL, *area = NULL;
    struct placement pl;
    struct rp_stacker content;
    enum rp_status status;
    double x, y;

    place_size(p, cw, ch, &pl);
    status =
        layout_content(layout, node, p, false, &pl, &content, &nested, err);
    if (status != RP_OK)
        goto out;
    place_corner(p, cw, ch, &pl, &x, &y);
    area = rp_xcalloc(1, sizeof(*area));
    area->fixed = fixed;
    push_group(&area->items, x, y,
               pl.w + pl.inset[RP_FO_LEFT] + pl.inset[RP_FO_RIGHT],
               pl.h + pl.inset[RP_FO_TOP] + pl.inset[RP_FO_BOTTOM], p->z_index,
               false, 0, false);
    emit_container(layout, p, line, &pl, x, y, &content, nested, false,
                   &area->items);
    push_group_end(&area->items);
    /*
     * A citation the spool would fill in later stands outside the group
     * once filled in: lay the document out twice instead, where every
     * page number is known when the container is laid out.
     */
    if (layout->spool && has_deferred(&area->items))
        layout->spool_failed = true;
    rp_positioned_append(&layout->positioned, area);
    pass_on_fixed(layout, &nested);
out:
    rp_stacker_release(&content);
    rp_positioned_free(nested);
    return status;
}

bool rp_container_is_whole(const struct rp_fo_props *p)
{
    return p->height.kind != RP_FO_LENGTH_AUTO || p->reference_orientation;
}

double rp_container_width(const struct rp_flow *flow,
                          const struct rp_fo_props *p)
{
    /* The content rectangle starts at the start indent; with no width
     * it ends at the end indent. */
    if (p->width.kind != RP_FO_LENGTH_ABSOLUTE &&
        p->width.kind != RP_FO_LENGTH_PERCENT)
        return flow->ref_width - p->start_indent - p->end_indent;
    return resolve(&p->width, flow->ref_width);
}

enum rp_status rp_container_box(struct rp_flow *flow, struct rp_fo_node *node,
                                struct rp_box **out, struct rp_error *err)
{
    struct rp_layout *layout = flow->layout;
    const struct rp_fo_props props = node->props;
    const struct rp_fo_props *p = &props;
    long line = node->line;
    struct rp_positioned *nested = NULL;
    struct placement pl;
    struct rp_stacker content;
    struct rp_box *box = NULL;
    enum rp_status status;
    double x;

    *out = NULL;
    memset(&pl, 0, sizeof(pl));
    place_insets(p, &pl);
    pl.w = rp_container_width(flow, p);
    if (p->height.kind != RP_FO_LENGTH_AUTO) {
        pl.h = resolve(&p->height, layout->ref_h);
    } else {
        /* Turned content needs a line length before it has a height: as
         * FOP, the height of the reference area the flow fills. */
        pl.h = layout->ref_h - pl.inset[RP_FO_TOP] - pl.inset[RP_FO_BOTTOM];
        pl.auto_height = true;
    }
    if (!(pl.w > 0))
        pl.w = 0;
    if (!(pl.h > 0))
        pl.h = 0;
    place_frame(p, &pl);
    status = layout_content(layout, node, p, true, &pl, &content, &nested, err);
    if (status != RP_OK)
        goto out;
    /* Items of a box count x from the flow's origin, y from its top. */
    x = flow->x_origin + p->start_indent - pl.inset[RP_FO_LEFT];
    box = rp_box_new();
    box->height = pl.h + pl.inset[RP_FO_TOP] + pl.inset[RP_FO_BOTTOM];
    emit_container(layout, p, line, &pl, x, 0, &content, nested, true,
                   &box->items);
    if (layout->spool && has_deferred(&box->items))
        layout->spool_failed = true;
    /* Fixed areas ride on this box; the others are in it. */
    pass_on_fixed(layout, &nested);
    *out = box;
out:
    rp_stacker_release(&content);
    rp_positioned_free(nested);
    return status;
}

void rp_turn_begin(struct rp_item_list *out, double x, double y, double fw,
                   double fh, int rotation)
{
    if (rotation)
        push_group(out, x, y, rotation % 2 ? fh : fw, rotation % 2 ? fw : fh, 0,
                   false, rotation, true);
}

void rp_turn_end(struct rp_item_list *out, int rotation)
{
    if (rotation)
        push_group_end(out);
}

void rp_positioned_emit_part(const struct rp_positioned *list, bool fixed,
                             double ref_x, double ref_y,
                             struct rp_item_list *out)
{
    for (; list; list = list->next) {
        if (list->fixed == fixed)
            rp_item_list_append(out, &list->items, fixed ? 0 : ref_x,
                                fixed ? 0 : ref_y);
    }
}

static bool has_groups(const struct rp_item_list *items)
{
    size_t i;

    for (i = 0; i < items->n; i++) {
        if (items->items[i].kind == RP_AREA_GROUP && !items->items[i].flow)
            return true;
    }
    return false;
}

/* The index after the GROUP_END closing the group at from. */
static size_t group_after(const struct rp_item_list *items, size_t from)
{
    size_t i;
    int depth = 0;

    for (i = from; i < items->n; i++) {
        if (items->items[i].kind == RP_AREA_GROUP)
            depth++;
        else if (items->items[i].kind == RP_AREA_GROUP_END && --depth == 0)
            return i + 1;
    }
    return items->n;
}

/* A positioned area of a page: a range of one of its lists. */
struct stacked {
    const struct rp_item_list *list;
    size_t from, to;
    size_t order; /* document order */
    int z;
};

static int compare_stacked(const void *a, const void *b)
{
    const struct stacked *x = a, *y = b;

    if (x->z != y->z)
        return x->z < y->z ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void collect_groups(const struct rp_item_list *list,
                           struct stacked **groups, size_t *n, size_t *cap)
{
    size_t i = 0;

    while (i < list->n) {
        struct stacked *g;
        if (list->items[i].kind != RP_AREA_GROUP) {
            i++;
            continue;
        }
        /* A group of the flow stays where it is, with what it holds. */
        if (list->items[i].flow) {
            i = group_after(list, i);
            continue;
        }
        rp_array_grow((void **)groups, cap, *n + 1, sizeof(**groups));
        g = &(*groups)[*n];
        g->list = list;
        g->from = i;
        g->to = group_after(list, i);
        g->order = *n;
        g->z = list->items[i].z;
        (*n)++;
        i = g->to;
    }
}

/* Moves items (and their layout references) without taking new ones. */
static void move_items(struct rp_item_list *out, const struct rp_item_list *src,
                       size_t from, size_t to)
{
    if (from == to)
        return; /* src may have no array at all */
    rp_array_grow((void **)&out->items, &out->cap, out->n + (to - from),
                  sizeof(*out->items));
    memcpy(out->items + out->n, src->items + from,
           (to - from) * sizeof(*out->items));
    out->n += to - from;
}

/* The items of src outside its positioned areas. */
static void move_plain(struct rp_item_list *out, const struct rp_item_list *src)
{
    size_t i = 0, run = 0;

    while (i < src->n) {
        if (src->items[i].kind != RP_AREA_GROUP) {
            i++;
            continue;
        }
        if (src->items[i].flow) {
            i = group_after(src, i);
            continue;
        }
        move_items(out, src, run, i);
        i = group_after(src, i);
        run = i;
    }
    move_items(out, src, run, src->n);
}

void rp_page_stack(struct rp_item_list *body, struct rp_item_list *statics)
{
    struct rp_item_list out = {0};
    struct stacked *groups = NULL;
    size_t n = 0, cap = 0, i;

    /* Most pages have no positioned area: keep their items in place. */
    if (!has_groups(body) && !has_groups(statics)) {
        move_items(body, statics, 0, statics->n);
        free(statics->items);
        memset(statics, 0, sizeof(*statics));
        return;
    }
    collect_groups(statics, &groups, &n, &cap);
    collect_groups(body, &groups, &n, &cap);
    if (n > 1)
        qsort(groups, n, sizeof(*groups), compare_stacked);
    for (i = 0; i < n && groups[i].z < 0; i++)
        move_items(&out, groups[i].list, groups[i].from, groups[i].to);
    move_plain(&out, body);
    move_plain(&out, statics);
    for (; i < n; i++)
        move_items(&out, groups[i].list, groups[i].from, groups[i].to);
    free(groups);
    /* The references moved to out with the items. */
    free(body->items);
    free(statics->items);
    memset(statics, 0, sizeof(*statics));
    *body = out;
}
