/*
 * Tagged PDF: the structure elements layout puts among a page's items
 * (RP_AREA_STRUCT_BEGIN/END), in the reading order of the flow.
 *
 * What becomes what (docs/fo-subset.md, "Tagged PDF"): each paragraph of
 * a block is a P, or the heading its block's role names (H, H1..H6), or,
 * without a role, H<n> when it is the first paragraph in a block whose id
 * a bookmark of level n points at; a block or block-container with
 * fox:alt-text, or role="Figure", is a Figure with that alternative text;
 * lists are L, LI, Lbl, LBody; tables Table, TR, TH (header rows), TD.
 * Static content and repeated table headers and footers are artifacts.
 */
#include "layout_internal.h"

#include <string.h>

static bool role_in(const char *role, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(role, *list))
            return true;
    return false;
}

/* Structure types a role may name on a paragraph's block. */
static const char *const paragraph_roles[] = {
    "P",  "H",    "H1",   "H2",         "H3",    "H4", "H5",
    "H6", "Code", "Note", "BlockQuote", "Quote", NULL,
};

/* Grouping types a role may name on a block around other blocks. */
static const char *const group_roles[] = {
    "Sect",  "Div",     "Part",   "Art",     "TOC",       "TOCI",
    "Index", "Caption", "Figure", "Formula", "NonStruct", NULL,
};

void rp_struct_push(struct rp_item_list *out, bool begin, const char *role,
                    const char *alt, int part)
{
    struct rp_area_item item = {0};

    item.kind = begin ? RP_AREA_STRUCT_BEGIN : RP_AREA_STRUCT_END;
    item.role = role;
    item.alt = alt;
    item.part = part;
    rp_item_list_push(out, &item);
}

void rp_flow_struct_begin(struct rp_flow *flow, const char *role,
                          const char *alt)
{
    if (!flow->layout->structure)
        return;
    rp_struct_push(&flow->pending_struct, true, role, alt, 0);
}

void rp_flow_struct_end(struct rp_flow *flow)
{
    struct rp_item_list *p = &flow->pending_struct;
    struct rp_box *box;
    size_t i = p->n;
    int depth = 0;

    if (!flow->layout->structure)
        return;
    /* Its begin still waiting: no box went into the element. */
    if (i > 0 && p->items[i - 1].kind == RP_AREA_STRUCT_BEGIN) {
        p->n--;
        return;
    }
    while (i-- > 0) {
        if (p->items[i].kind == RP_AREA_STRUCT_END) {
            depth++;
        } else if (p->items[i].kind == RP_AREA_STRUCT_BEGIN && depth-- == 0) {
            rp_struct_push(p, false, NULL, NULL, 0);
            return;
        }
    }
    box = flow->struct_box;
    while (box && box->continued_by)
        box = box->continued_by;
    /* A row's items come after its box's: the end must follow them. */
    if (box && box->row)
        box->struct_ends++;
    else if (box)
        rp_struct_push(&box->items, false, NULL, NULL, 0);
}

void rp_flow_struct_release(struct rp_flow *flow)
{
    rp_item_list_release(&flow->pending_struct);
    rp_box_unref(flow->struct_box);
    flow->struct_box = NULL;
}

void rp_flow_struct_prefix(struct rp_flow *flow, struct rp_box *box)
{
    struct rp_item_list joined = {0};

    if (!flow->layout->structure)
        return;
    rp_box_unref(flow->struct_box);
    flow->struct_box = rp_box_ref(box);
    if (flow->pending_struct.n == 0)
        return;
    rp_item_list_append(&joined, &flow->pending_struct, 0, 0);
    rp_item_list_append(&joined, &box->items, 0, 0);
    rp_item_list_release(&flow->pending_struct);
    rp_item_list_release(&box->items);
    box->items = joined;
}

const char *rp_struct_block_role(const struct rp_fo_props *p)
{
    if (p->role && role_in(p->role, group_roles))
        return p->role;
    if (p->alt_text)
        return "Figure";
    return NULL;
}

const char *rp_struct_paragraph_role(struct rp_flow *flow,
                                     const struct rp_fo_props *p)
{
    static const char *const headings[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
    int level = flow->pending_heading;

    flow->pending_heading = 0;
    if (p->role && role_in(p->role, paragraph_roles))
        return p->role;
    if (level > 0)
        return headings[level > 6 ? 5 : level - 1];
    return "P";
}

bool rp_struct_text_only(const struct rp_fo_node *node)
{
    const struct rp_fo_node *c, *block = NULL;

    for (c = node->first_child; c; c = c->next) {
        if (c->kind == RP_FO_TEXT)
            continue;
        if (c->kind != RP_FO_BLOCK || block || c->props.role ||
            c->props.alt_text || c->props.id)
            return false;
        block = c;
    }
    if (!block)
        return false;
    for (c = block->first_child; c; c = c->next) {
        switch (c->kind) {
        case RP_FO_BLOCK:
        case RP_FO_BLOCK_CONTAINER:
        case RP_FO_TABLE:
        case RP_FO_LIST_BLOCK:
            return false;
        default:
            break;
        }
    }
    return true;
}

void rp_struct_note_heading(struct rp_flow *flow, const struct rp_fo_props *p)
{
    gpointer level;

    if (!p->id || !flow->layout->heading_ids || p->role)
        return;
    level = g_hash_table_lookup(flow->layout->heading_ids, p->id);
    if (level)
        flow->pending_heading = GPOINTER_TO_INT(level);
}

void rp_struct_artifact(struct rp_item_list *items, size_t from)
{
    struct rp_item_list out = {0};
    size_t i;
    int depth = 0;

    if (items->n == from)
        return;
    rp_struct_push(&out, true, "Artifact", NULL, 0);
    for (i = from; i < items->n; i++) {
        const struct rp_area_item *it = &items->items[i];
        if (it->kind == RP_AREA_GROUP_END && --depth == 0)
            rp_struct_push(&out, false, NULL, NULL, 0);
        rp_item_list_push(&out, it);
        if (it->kind == RP_AREA_GROUP && depth++ == 0)
            rp_struct_push(&out, true, "Artifact", NULL, 0);
    }
    rp_struct_push(&out, false, NULL, NULL, 0);
    /* The items move: out holds the layouts' references now. */
    items->n = from;
    rp_item_list_append(items, &out, 0, 0);
    rp_item_list_release(&out);
}

static void note_bookmarks(GHashTable *ids, const struct rp_fo_node *parent,
                           int level)
{
    const struct rp_fo_node *c;

    for (c = parent->first_child; c; c = c->next) {
        if (c->kind != RP_FO_BOOKMARK)
            continue;
        if (c->props.link && c->props.link_internal &&
            !g_hash_table_contains(ids, c->props.link))
            g_hash_table_insert(ids, (gpointer)c->props.link,
                                GINT_TO_POINTER(level));
        note_bookmarks(ids, c, level + 1);
    }
}

GHashTable *rp_struct_heading_ids(const struct rp_fo_doc *doc)
{
    const struct rp_fo_node *tree = rp_fo_doc_bookmarks(doc);
    GHashTable *ids;

    if (!tree)
        return NULL;
    ids = g_hash_table_new(g_str_hash, g_str_equal);
    note_bookmarks(ids, tree, 1);
    return ids;
}
