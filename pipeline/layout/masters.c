/*
 * Page masters (XSL 1.1 §6.4.7-6.4.14): which simple-page-master each
 * page of a sequence takes, simple or from a page-sequence-master's
 * sub-sequences and their conditions (first, last, odd/even, blank), and
 * the page's regions as that master lays them out: the body the flow
 * fills, and the side regions with the static content that goes in them.
 */
#include "layout_internal.h"

#include <math.h>
#include <string.h>

static struct rp_fo_node *find_static(struct rp_paginator *pg,
                                      const char *flow_name)
{
    size_t i;
    for (i = 0; i < pg->n_statics; i++) {
        const char *name = pg->statics[i]->props.flow_name;
        if (name && strcmp(name, flow_name) == 0)
            return pg->statics[i];
    }
    return NULL;
}

static struct rp_fo_node *static_for(struct rp_paginator *pg,
                                     const struct rp_fo_node *region,
                                     const char *default_name)
{
    return find_static(pg, region->props.region_name ? region->props.region_name
                                                     : default_name);
}

static bool conditions_match(const struct rp_fo_node *ref, bool first,
                             bool last, bool last_known, int number, bool blank,
                             bool has_last_alternative)
{
    const struct rp_fo_props *p = &ref->props;

    switch (p->page_position) {
    case RP_FO_POSITION_ANY:
        break;
    case RP_FO_POSITION_FIRST:
        if (!first)
            return false;
        break;
    case RP_FO_POSITION_LAST:
        if (!last || !last_known)
            return false;
        break;
    case RP_FO_POSITION_ONLY:
        if (!first || !last || !last_known)
            return false;
        break;
    case RP_FO_POSITION_REST:
        /* Not first; and not last when a "last" alternative exists. */
        if (first || (last && last_known && has_last_alternative))
            return false;
        break;
    }
    if (p->odd_or_even == RP_FO_PARITY_ODD && number % 2 == 0)
        return false;
    if (p->odd_or_even == RP_FO_PARITY_EVEN && number % 2 != 0)
        return false;
    if (p->blank_or_not_blank == RP_FO_BLANK && !blank)
        return false;
    if (p->blank_or_not_blank == RP_FO_NOT_BLANK && blank)
        return false;
    return true;
}

static const struct rp_fo_node *
choose_alternative(struct rp_paginator *pg, const struct rp_fo_node *alts,
                   bool blank)
{
    const struct rp_fo_node *c;
    bool first = pg->pages_in_sequence == 0;
    bool last_known = pg->sequence_pages_known > 0;
    bool last =
        last_known && pg->pages_in_sequence == pg->sequence_pages_known - 1;
    bool has_last = false;

    for (c = alts->first_child; c; c = c->next) {
        if (c->kind == RP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE &&
            (c->props.page_position == RP_FO_POSITION_LAST ||
             c->props.page_position == RP_FO_POSITION_ONLY))
            has_last = true;
    }
    for (c = alts->first_child; c; c = c->next) {
        if (c->kind == RP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE &&
            conditions_match(c, first, last, last_known, pg->page_number, blank,
                             has_last))
            return c;
    }
    return NULL;
}

/* The simple-page-master for the next page (XSL 1.1 §6.4.7-6.4.11). */
static enum rp_status select_master(struct rp_paginator *pg, bool blank,
                                    const struct rp_fo_node **out,
                                    struct rp_error *err)
{
    struct rp_master_cursor *mc = &pg->masters;
    const struct rp_fo_node *ref = NULL;
    const char *name;

    if (mc->simple) {
        *out = mc->simple;
        return RP_OK;
    }
    while (mc->sub && !ref) {
        int max = mc->sub->props.maximum_repeats;
        switch (mc->sub->kind) {
        case RP_FO_SINGLE_PAGE_MASTER_REFERENCE:
            if (mc->used == 0)
                ref = mc->sub;
            break;
        case RP_FO_REPEATABLE_PAGE_MASTER_REFERENCE:
            if (max < 0 || mc->used < max)
                ref = mc->sub;
            break;
        case RP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES:
            if (max < 0 || mc->used < max) {
                ref = choose_alternative(pg, mc->sub, blank);
                if (!ref)
                    rp_fo_doc_warn_once(
                        pg->layout->doc, "no-alternative", mc->sub->line,
                        "no fo:conditional-page-master-reference matches "
                        "page %d; the first alternative is used",
                        pg->page_number);
                if (!ref)
                    ref = rp_fo_child(mc->sub,
                                      RP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE);
                if (!ref)
                    ref = mc->sub; /* empty alternatives: give up below */
            }
            break;
        default:
            break;
        }
        if (ref) {
            mc->used++;
            break;
        }
        mc->sub = mc->sub->next;
        mc->used = 0;
    }
    if (!ref) {
        /* Sub-sequences exhausted: FOP fails; we keep the last master. */
        rp_fo_doc_warn_once(pg->layout->doc, "masters-exhausted", pg->seq_line,
                            "the page-sequence-master '%s' has no page "
                            "master left for page %d; the last one is "
                            "repeated",
                            mc->sequence_master->props.master_name,
                            pg->page_number);
        if (*out)
            return RP_OK;
        return rp_error_set(err, RP_ERR_INPUT, pg->seq_name, pg->seq_line,
                            "master-reference",
                            "the page-sequence-master '%s' names no page "
                            "master",
                            mc->sequence_master->props.master_name);
    }
    name = ref->props.master_reference;
    *out = rp_fo_doc_find_master(pg->layout->doc, name);
    if (!*out || (*out)->kind != RP_FO_SIMPLE_PAGE_MASTER)
        return rp_error_set(err, RP_ERR_INPUT, pg->seq_name, ref->line,
                            "master-reference",
                            "fo:%s names master '%s', but no "
                            "fo:simple-page-master has that master-name",
                            rp_fo_kind_name(ref->kind), name ? name : "");
    return RP_OK;
}

/*
 * A region's rectangle on the page (x, y, w, h) made its frame: turned
 * 90 or 270 degrees, its content's lines run along its height.
 */
static struct rp_region region_of(double x, double y, double w, double h,
                                  const struct rp_fo_node *fo,
                                  struct rp_fo_node *content)
{
    int r = fo->props.reference_orientation & 3;
    struct rp_region region = {x, y, r % 2 ? h : w, r % 2 ? w : h, content, r};
    return region;
}

/* Chooses the master of the next page and lays out its regions. */
enum rp_status rp_paginator_open_page(struct rp_paginator *pg, bool blank,
                                      struct rp_error *err)
{
    const struct rp_fo_node *master = pg->last_master;
    const struct rp_fo_node *body, *before, *after, *start, *end;
    double m[4];
    double cx, cy, cw, ch, fw, fh, se = 0, ee = 0;
    enum rp_status status;
    int r, side;

    if (pg->page_open)
        return RP_OK;
    status = select_master(pg, blank, &master, err);
    if (status != RP_OK)
        return status;
    pg->last_master = master;
    pg->page_width = master->props.page_width;
    pg->page_height = master->props.page_height;
    /*
     * A turned page: its margins stay on the paper's edges (as FOP sets
     * them on the page viewport), the regions are laid out in the turned
     * frame.  Frame side s is paper side s - r (top, right, bottom, left).
     */
    r = pg->page_rotation = master->props.reference_orientation & 3;
    fw = r % 2 ? pg->page_height : pg->page_width;
    fh = r % 2 ? pg->page_width : pg->page_height;
    for (side = 0; side < 4; side++)
        m[side] = master->props.margin[(side - r + 4) % 4];
    cx = m[RP_FO_LEFT];
    cy = m[RP_FO_TOP];
    cw = fw - m[RP_FO_LEFT] - m[RP_FO_RIGHT];
    ch = fh - m[RP_FO_TOP] - m[RP_FO_BOTTOM];
    body = rp_fo_child(master, RP_FO_REGION_BODY);
    before = rp_fo_child(master, RP_FO_REGION_BEFORE);
    after = rp_fo_child(master, RP_FO_REGION_AFTER);
    start = rp_fo_child(master, RP_FO_REGION_START);
    end = rp_fo_child(master, RP_FO_REGION_END);
    if (!body)
        return rp_error_set(err, RP_ERR_INPUT, pg->seq_name, master->line, NULL,
                            "fo:simple-page-master '%s' has no "
                            "fo:region-body",
                            master->props.master_name);
    {
        const double *bm = body->props.margin;
        pg->body = region_of(cx + bm[RP_FO_LEFT], cy + bm[RP_FO_TOP],
                             cw - bm[RP_FO_LEFT] - bm[RP_FO_RIGHT],
                             ch - bm[RP_FO_TOP] - bm[RP_FO_BOTTOM], body, NULL);
    }
    if (pg->body.w < 1 || pg->body.h < 1)
        return rp_error_set(err, RP_ERR_INPUT, pg->seq_name, body->line, NULL,
                            "the body region of page master '%s' is empty "
                            "(margins larger than the page)",
                            master->props.master_name);
    memset(&pg->before, 0, sizeof(pg->before));
    memset(&pg->after, 0, sizeof(pg->after));
    memset(&pg->start, 0, sizeof(pg->start));
    memset(&pg->end, 0, sizeof(pg->end));
    if (start) {
        se = start->props.extent;
        pg->start = region_of(cx, cy, se, ch, start,
                              static_for(pg, start, "xsl-region-start"));
    }
    if (end) {
        ee = end->props.extent;
        pg->end = region_of(cx + cw - ee, cy, ee, ch, end,
                            static_for(pg, end, "xsl-region-end"));
    }
    /* Without precedence, before and after stop at the side regions. */
    if (before) {
        bool wide = before->props.precedence;
        pg->before =
            region_of(wide ? cx : cx + se, cy, wide ? cw : cw - se - ee,
                      before->props.extent, before,
                      static_for(pg, before, "xsl-region-before"));
    }
    if (after) {
        bool wide = after->props.precedence;
        pg->after =
            region_of(wide ? cx : cx + se, cy + ch - after->props.extent,
                      wide ? cw : cw - se - ee, after->props.extent, after,
                      static_for(pg, after, "xsl-region-after"));
    }
    rp_paginator_set_columns(pg, body);
    if (pg->flow_width <= 0)
        pg->flow_width = pg->col_w;
    else if (fabs(pg->flow_width - pg->col_w) > 0.01)
        rp_fo_doc_warn_once(pg->layout->doc, "body-width", master->line,
                            "page master '%s' has a body (or column) %.1fpt "
                            "wide, the sequence's first page %.1fpt: content "
                            "keeps the first width (not yet re-laid out per "
                            "page)",
                            master->props.master_name, pg->col_w,
                            pg->flow_width);
    pg->page_open = true;
    /* What positioned containers met in the flow are placed against. */
    pg->layout->page_w = fw;
    pg->layout->page_h = fh;
    pg->layout->ref_w = pg->body.w;
    pg->layout->ref_h = pg->body.h;
    return RP_OK;
}

/* The master the page sequence names: a simple one, or the first
 * sub-sequence of a page-sequence-master. */
enum rp_status rp_paginator_start_masters(struct rp_paginator *pg,
                                          const struct rp_fo_props *seq,
                                          struct rp_error *err)
{
    const struct rp_fo_node *m =
        rp_fo_doc_find_master(pg->layout->doc, seq->master_reference);

    memset(&pg->masters, 0, sizeof(pg->masters));
    if (!m)
        return rp_error_set(err, RP_ERR_INPUT, pg->seq_name, pg->seq_line,
                            "master-reference",
                            "fo:page-sequence names master '%s', but no "
                            "fo:simple-page-master or "
                            "fo:page-sequence-master has that master-name",
                            seq->master_reference ? seq->master_reference : "");
    if (m->kind == RP_FO_SIMPLE_PAGE_MASTER) {
        pg->masters.simple = m;
    } else {
        pg->masters.sequence_master = m;
        pg->masters.sub = m->first_child;
    }
    return RP_OK;
}

/* A master for the last page needs to know which page is last before the
 * page is laid out. */
bool rp_masters_need_page_count(const struct rp_fo_doc *doc)
{
    const struct rp_fo_node *set = rp_fo_doc_layout_masters(doc), *m, *sub,
                            *ref;

    for (m = set ? set->first_child : NULL; m; m = m->next) {
        if (m->kind != RP_FO_PAGE_SEQUENCE_MASTER)
            continue;
        for (sub = m->first_child; sub; sub = sub->next) {
            for (ref = sub->first_child; ref; ref = ref->next) {
                if (ref->props.page_position == RP_FO_POSITION_LAST ||
                    ref->props.page_position == RP_FO_POSITION_ONLY)
                    return true;
            }
        }
    }
    return false;
}
