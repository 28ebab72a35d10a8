/*
 * Lines of the area tree as glyph runs.  A plain line (most of any
 * report) is fully described by its runs' fonts, colours, glyphs and
 * text, so the painter can batch it without Pango's renderer and a page
 * can be kept on disk without its PangoLayouts (spool.c).
 */
#include "layout.h"
#include "paragraph.h"

/* hyphenation-character on a run: an int attribute of our own type. */
static PangoAttribute *hyphen_copy(const PangoAttribute *a)
{
    return rp_hyphen_attr_new((unsigned int)((const PangoAttrInt *)a)->value);
}

static void hyphen_destroy(PangoAttribute *a)
{
    g_slice_free(PangoAttrInt, (PangoAttrInt *)a);
}

static gboolean hyphen_equal(const PangoAttribute *a, const PangoAttribute *b)
{
    return ((const PangoAttrInt *)a)->value == ((const PangoAttrInt *)b)->value;
}

static PangoAttrClass hyphen_class = {PANGO_ATTR_INVALID, hyphen_copy,
                                      hyphen_destroy, hyphen_equal};

PangoAttribute *rp_hyphen_attr_new(unsigned int c)
{
    PangoAttrInt *a = g_slice_new(PangoAttrInt);

    if (hyphen_class.type == PANGO_ATTR_INVALID)
        hyphen_class.type =
            pango_attr_type_register("rp-hyphenation-character");
    pango_attribute_init(&a->attr, &hyphen_class);
    a->value = (int)c;
    return &a->attr;
}

unsigned int rp_hyphen_of(const PangoItem *item)
{
    GSList *a;

    for (a = item->analysis.extra_attrs; a; a = a->next) {
        const PangoAttribute *attr = a->data;
        if (attr->klass == &hyphen_class)
            return (unsigned int)((const PangoAttrInt *)attr)->value;
    }
    return 0;
}

bool rp_area_line_is_plain(PangoLayoutLine *line)
{
    GSList *l, *a;
    int i;

    for (l = line->runs; l; l = l->next) {
        const PangoGlyphItem *run = l->data;
        const PangoGlyphString *g = run->glyphs;

        if (run->item->analysis.level % 2)
            return false; /* right-to-left: clusters run backwards */
        for (a = run->item->analysis.extra_attrs; a; a = a->next) {
            const PangoAttribute *attr = a->data;
            switch (attr->klass->type) {
            case PANGO_ATTR_FOREGROUND:
            case PANGO_ATTR_LETTER_SPACING:
            case PANGO_ATTR_INSERT_HYPHENS:
            case PANGO_ATTR_ALLOW_BREAKS: /* justify.c's: breaking only */
                break;
            case PANGO_ATTR_SHAPE:
                /* A graphic's place in its line (lines.c): empty glyphs,
                 * drawn by nobody; its IMAGE item draws the graphic. */
                for (i = 0; i < g->num_glyphs; i++)
                    if (g->glyphs[i].glyph != PANGO_GLYPH_EMPTY)
                        return false;
                break;
            default:
                if (attr->klass == &hyphen_class)
                    break;    /* a glyph of the line's, drawn as any */
                return false; /* underline, strike, background, rise... */
            }
        }
        /* Missing glyphs are drawn as hex boxes, by Pango; empty ones
         * (the spaces ending a wrapped line) are simply not drawn. */
        for (i = 0; i < g->num_glyphs; i++) {
            if (g->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
                return false;
        }
    }
    return true;
}

void rp_area_run_of(const PangoGlyphItem *glyph_item, const char *text,
                    struct rp_area_run *out)
{
    GSList *a;

    out->font = glyph_item->item->analysis.font;
    out->rgb[0] = out->rgb[1] = out->rgb[2] = 0;
    for (a = glyph_item->item->analysis.extra_attrs; a; a = a->next) {
        const PangoAttribute *attr = a->data;
        if (attr->klass->type == PANGO_ATTR_FOREGROUND) {
            const PangoColor *c = &((const PangoAttrColor *)attr)->color;
            out->rgb[0] = c->red / 65535.0;
            out->rgb[1] = c->green / 65535.0;
            out->rgb[2] = c->blue / 65535.0;
        }
    }
    out->glyphs = glyph_item->glyphs->glyphs;
    out->n_glyphs = glyph_item->glyphs->num_glyphs;
    out->log_clusters = glyph_item->glyphs->log_clusters;
    out->text = text + glyph_item->item->offset;
    out->n_text = glyph_item->item->length;
    out->hyphen = rp_hyphen_of(glyph_item->item);
}

void rp_area_text(const struct rp_area_item *item, GString *out)
{
    size_t r;

    if (item->kind == RP_AREA_TEXT)
        g_string_append_len(
            out, pango_layout_get_text(item->layout) + item->line->start_index,
            item->line->length);
    for (r = 0; r < item->n_runs; r++)
        g_string_append_len(out, item->runs[r].text, item->runs[r].n_text);
}

void rp_area_group_matrix(const struct rp_area_item *g, double m[6])
{
    /* Page point = (x, y) + offset + R * (frame point - (x, y)); R turns
     * a quarter counter-clockwise per step on a page whose y runs down. */
    static const double turn[4][4] = {
        {1, 0, 0, 1}, {0, -1, 1, 0}, {-1, 0, 0, -1}, {0, 1, -1, 0}};
    int r = ((g->rotation % 4) + 4) % 4;
    double ox = r == 2 || r == 3 ? g->w : 0;
    double oy = r == 1 || r == 2 ? g->h : 0;
    const double *t = turn[r];

    m[0] = t[0]; /* xx */
    m[1] = t[1]; /* yx */
    m[2] = t[2]; /* xy */
    m[3] = t[3]; /* yy */
    m[4] = g->x + ox - (t[0] * g->x + t[2] * g->y);
    m[5] = g->y + oy - (t[1] * g->x + t[3] * g->y);
}
