/*
 * Justified lines, as FOP sets them.
 *
 * Word spaces shrink: with word-spacing "normal", FOP lets a word space
 * shrink by a third of its width (and stretch by a half), so a justified
 * line takes a word more where it fits with its spaces shrunk.
 *
 * Pango breaks lines greedily and only ever stretches spaces.  A space
 * can be narrowed with letter-spacing, but every such attribute splits
 * Pango's items, and each item is shaped on its own: narrowing the spaces
 * of the lines that needed it cost a justified book a seventh of its
 * layout time.  So the lines are planned here first, greedily as Pango
 * breaks them, from the widths of the pieces of text between break
 * opportunities (measured once per font and text, and kept with the
 * context).  A line that fits with its spaces as they are breaks in Pango
 * where it would have anyway.  One that needs its spaces shrunk may break
 * nowhere before its planned end (allow-breaks, which leaves items
 * whole): Pango runs it on past its width, and its space glyphs are then
 * narrowed here to fill the line exactly, each by its third less an even
 * share of what the line does not need, as letter-spacing and Pango's
 * justification together made them.
 *
 * Word spaces stretch: here too, not in Pango, which spreads the letters
 * of a line with no space over the line (a long URL, a word that comes
 * before one too wide to follow it), where FOP leaves them as they are.
 * The others are widened exactly as Pango widened them.
 */
#include "paragraph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

/* Distinct pieces of text kept; past it the table starts again. */
#define MAX_WIDTHS 200000
/* Pango's hyphen at a soft hyphen: U+2010, where the font has it. */
#define HYPHEN "\xe2\x80\x90"
/* Plans and Pango agree to a hair; a line as wide as its room fits. */
#define FIT_EPSILON 0.001

/*
 * Widths kept with the context, like its shaped paragraphs (run.c): per
 * font and letter-spacing, a table of texts' widths, and the table last
 * asked for, as runs come in long stretches of one style.
 */
struct width_cache {
    GHashTable *fonts; /* key -> GHashTable of text -> double */
    GHashTable *last;
    char family[128]; /* of last: a copy, documents intern their own */
    double size, letter_spacing;
    int weight;
    bool italic;
};

static void width_cache_free(gpointer p)
{
    struct width_cache *c = p;
    g_hash_table_destroy(c->fonts);
    g_free(c);
}

/* The key of the widths on the context: a quark, looked up without a
 * string hashed on every word measured. */
static GQuark widths_key(void)
{
    static gsize key;

    if (g_once_init_enter(&key))
        g_once_init_leave(
            &key, g_quark_from_static_string("rp-layout-fragment-widths"));
    return (GQuark)key;
}

static GHashTable *widths_of(struct rp_layout *layout,
                             const struct text_style *s)
{
    struct width_cache *c =
        g_object_get_qdata(G_OBJECT(layout->pango), widths_key());
    char key[512];

    if (!c) {
        c = g_new0(struct width_cache, 1);
        c->fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_hash_table_destroy);
        g_object_set_qdata_full(G_OBJECT(layout->pango), widths_key(), c,
                                width_cache_free);
    }
    if (c->last && c->size == s->font_size && c->weight == s->font_weight &&
        c->italic == s->font_italic && c->letter_spacing == s->letter_spacing &&
        !strcmp(c->family, s->font_family))
        return c->last;
    snprintf(key, sizeof(key), "%.300s\x01%.17g\x01%d\x01%d\x01%.17g",
             s->font_family, s->font_size, s->font_weight, s->font_italic,
             s->letter_spacing);
    c->last = g_hash_table_lookup(c->fonts, key);
    if (!c->last) {
        c->last =
            g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        g_hash_table_insert(c->fonts, g_strdup(key), c->last);
    }
    if (strlen(s->font_family) < sizeof(c->family)) {
        strcpy(c->family, s->font_family);
        c->size = s->font_size;
        c->weight = s->font_weight;
        c->italic = s->font_italic;
        c->letter_spacing = s->letter_spacing;
        return c->last;
    }
    /* A name too long to keep: no memo. */
    {
        GHashTable *table = c->last;
        c->last = NULL;
        return table;
    }
}

/* The width of text (len bytes) in style s, on a line of its own. */
static double measure(struct rp_layout *layout, const struct text_style *s,
                      const char *text, size_t len)
{
    GHashTable *widths = widths_of(layout, s);
    char small[128], *key = len < sizeof(small) ? small : g_malloc(len + 1);
    double *found;

    memcpy(key, text, len);
    key[len] = '\0';
    found = g_hash_table_lookup(widths, key);
    if (!found) {
        PangoLayout *one = pango_layout_new(layout->pango);
        PangoFontDescription *desc = rp_text_style_font(layout, s);
        PangoRectangle logical;

        pango_layout_set_font_description(one, desc);
        pango_font_description_free(desc);
        if (s->letter_spacing != 0) {
            PangoAttrList *attrs = pango_attr_list_new();
            pango_attr_list_insert(attrs,
                                   pango_attr_letter_spacing_new(
                                       (int)(s->letter_spacing * PANGO_SCALE)));
            pango_layout_set_attributes(one, attrs);
            pango_attr_list_unref(attrs);
        }
        pango_layout_set_text(one, text, (int)len);
        pango_layout_get_extents(one, NULL, &logical);
        g_object_unref(one);
        if (g_hash_table_size(widths) >= MAX_WIDTHS)
            g_hash_table_remove_all(widths);
        found = g_new(double, 1);
        *found = (double)logical.width / PANGO_SCALE;
        g_hash_table_insert(widths, key == small ? g_strdup(key) : key, found);
        return *found;
    }
    if (key != small)
        g_free(key);
    return *found;
}

double rp_space_shrink(struct rp_layout *layout, const struct text_style *s)
{
    /* Whole millipoints, as FOP counts (SpaceVal.makeWordSpacing). */
    return floor(measure(layout, s, " ", 1) * 1000 / 3) / 1000;
}

/* What lies between two break opportunities: content, then spaces. */
struct unit {
    size_t start, content_end;
    double content;  /* its width, inner spaces as they are */
    double inner;    /* how much its inner spaces may shrink */
    double trailing; /* the spaces after it */
    double trailing_shrink;
    double hyphen; /* drawn when the line breaks after it */
};

/* Gathers units while walking the text. */
struct walk {
    struct rp_layout *layout;
    const struct rp_paragraph *para;
    struct unit *units;
    size_t n, cap;
    struct unit cur;
    double pending, pending_shrink; /* spaces not yet known inner or not */
    const struct text_style *space_style; /* of space, space_shrink */
    double space, space_shrink;
};

static void end_unit(struct walk *w, size_t end)
{
    w->cur.trailing = w->pending;
    w->cur.trailing_shrink = w->pending_shrink;
    w->pending = w->pending_shrink = 0;
    rp_array_grow((void **)&w->units, &w->cap, w->n + 1, sizeof(*w->units));
    w->units[w->n++] = w->cur;
    memset(&w->cur, 0, sizeof(w->cur));
    w->cur.start = end;
}

/*
 * The units of text [from, to), measured.  Lines break after spaces, at
 * soft hyphens and after a hard hyphen or a slash before a letter:
 * Pango's rules (Unicode's) find a few more, but a plan that misses one
 * only leaves that line unshrunk, and reading bytes keeps it cheap.
 */
static void gather(struct walk *w, size_t from, size_t to)
{
    const struct rp_paragraph *para = w->para;
    const char *text = para->text->str;
    size_t b = from, run = 0;

    while (run < para->n_runs && para->runs[run].end <= from)
        run++;
    w->cur.start = from;
    while (b < to) {
        const struct text_style *s =
            run < para->n_runs ? &para->runs[run].style : &para->block.text;
        size_t run_end = run < para->n_runs && para->runs[run].end < to
                             ? para->runs[run].end
                             : to;
        size_t e = b;

        if (text[b] == ' ') {
            if (s != w->space_style) {
                w->space_style = s;
                w->space = measure(w->layout, s, " ", 1);
                w->space_shrink = rp_space_shrink(w->layout, s);
            }
            w->pending += w->space;
            w->pending_shrink += w->space_shrink;
            b++;
        } else {
            bool hyphen = false, breaks = false;
            if (w->pending > 0 && w->cur.content_end > w->cur.start)
                end_unit(w, b); /* a break after the spaces */
            else if (w->pending > 0) {
                w->cur.content += w->pending; /* spaces the line starts with */
                w->pending = w->pending_shrink = 0;
            }
            while (e < run_end && text[e] != ' ') {
                if ((unsigned char)text[e] == 0xC2 && e + 1 < run_end &&
                    (unsigned char)text[e + 1] == 0xAD) {
                    e += 2;
                    hyphen = breaks = true;
                    break;
                }
                /* After a hard hyphen or a slash, before a letter. */
                if ((text[e] == '-' || text[e] == '/') && e > b && e + 1 < to &&
                    text[e + 1] != ' ' && !g_ascii_isdigit(text[e + 1])) {
                    e++;
                    breaks = true;
                    break;
                }
                e++;
            }
            w->cur.content += measure(w->layout, s, text + b, e - b);
            w->cur.content_end = e;
            w->cur.hyphen = hyphen ? measure(w->layout, s, HYPHEN, 3) : 0;
            b = e;
            if (breaks && b < to && text[b] != ' ')
                end_unit(w, b);
        }
        while (run < para->n_runs && para->runs[run].end <= b)
            run++;
    }
    end_unit(w, to);
}

void rp_shrink_plan(struct rp_layout *layout, const struct rp_paragraph *para,
                    size_t from, size_t to, bool first_line, double width,
                    struct shrink_plan *out)
{
    struct walk w = {0};
    double indent = para->block.text_indent;
    size_t i = 0;

    memset(out, 0, sizeof(*out));
    w.layout = layout;
    w.para = para;
    gather(&w, from, to);
    while (i < w.n) {
        double avail =
            width - (first_line ? fmax(indent, 0) : fmax(-indent, 0));
        double acc = 0, acc_shrink = 0, natural = 0;
        size_t k, best = i;

        for (k = i; k < w.n; k++) {
            double wide = acc + w.units[k].content + w.units[k].hyphen;
            double can = acc_shrink + w.units[k].inner;
            if (k > i && wide - can > avail + FIT_EPSILON)
                break;
            best = k;
            natural = wide;
            acc += w.units[k].content + w.units[k].trailing;
            acc_shrink += w.units[k].inner + w.units[k].trailing_shrink;
        }
        if (natural > avail + FIT_EPSILON && best > i) {
            rp_array_grow((void **)&out->ranges, &out->cap, out->n + 1,
                          sizeof(*out->ranges));
            out->ranges[out->n].from = w.units[i].start;
            out->ranges[out->n].to = w.units[best].content_end;
            out->n++;
        }
        i = best + 1;
        first_line = false;
    }
    free(w.units);
}

void rp_shrink_plan_release(struct shrink_plan *plan)
{
    free(plan->ranges);
    memset(plan, 0, sizeof(*plan));
}

/*
 * Whether Pango keeps the break after c where breaks are not allowed:
 * after hyphens and visible word dividers (UAX #14's untailorable ones,
 * as Pango 1.50's break.c lists them; not '-'), and after a zero width
 * space.
 */
static bool keeps_break_after(gunichar c)
{
    switch (c) {
    case 0x00AD: /* soft hyphen */
    case 0x05A0:
    case 0x2010:
    case 0x2012:
    case 0x2013:
    case 0x05BE:
    case 0x0F0B:
    case 0x1361:
    case 0x17D8:
    case 0x17DA:
    case 0x2027:
    case 0x007C:
    case 0x200B:
        return true;
    default:
        return false;
    }
}

static void allow_no_breaks(PangoAttrList *attrs, size_t from, size_t to,
                            int shift)
{
    PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);

    a->start_index = (guint)((int)from + shift);
    a->end_index = (guint)((int)to + shift);
    pango_attr_list_insert(attrs, a);
}

/*
 * A planned line may break nowhere before its planned end: Pango's
 * allow-breaks, unlike letter-spacing, leaves its items whole.  Pango
 * then runs the line on to that end, past its width, and leaves it
 * unjustified (rp_shrink_lines narrows it).  Pango clears the breaks
 * strictly inside an attribute's range, but keeps those after a hyphen
 * (a soft one too) that is not the range's first character: so a range
 * is cut into attributes that each start at such a hyphen, and the one
 * before reaches over it, to clear the break before it.
 */
void rp_shrink_attributes(const struct rp_paragraph *para,
                          const struct shrink_plan *plan, int shift,
                          PangoAttrList *attrs)
{
    const char *text = para->text->str;
    size_t r;

    for (r = 0; r < plan->n; r++) {
        const struct shrink_range *range = &plan->ranges[r];
        size_t from = range->from, i = from;

        while (i < range->to) {
            size_t next = (size_t)(g_utf8_next_char(text + i) - text);
            if ((unsigned char)text[i] >= 0x80 || text[i] == '|') {
                if (i > from && keeps_break_after(g_utf8_get_char(text + i))) {
                    allow_no_breaks(attrs, from, next, shift);
                    from = i;
                }
            }
            i = next;
        }
        if (range->to > from)
            allow_no_breaks(attrs, from, range->to, shift);
    }
}

/* The style of the run at offset. */
static const struct text_style *style_at(const struct rp_paragraph *para,
                                         size_t offset)
{
    size_t r = first_run_after(para, offset);

    return r < para->n_runs ? &para->runs[r].style : &para->block.text;
}

/*
 * Narrows the word spaces of line to take away delta (Pango units), as
 * Pango's letter-spacing and justification did: each space shrinks by
 * its third less an even share of what the line does not need.
 */
static bool narrow_spaces(struct rp_layout *layout,
                          const struct rp_paragraph *para, const char *ltext,
                          int shift, PangoLayoutLine *line, size_t content_end,
                          int delta)
{
    double total = 0, acc = 0;
    int n = 0, done = 0;
    GSList *l;

    for (int pass = 0; pass < 2; pass++) {
        for (l = line->runs; l; l = l->next) {
            PangoGlyphItem *run = l->data;
            PangoGlyphString *g = run->glyphs;
            for (int i = 0; i < g->num_glyphs; i++) {
                int at = run->item->offset + g->log_clusters[i];
                size_t offset = (size_t)(at - shift);
                double can;
                int cut;
                if (ltext[at] != ' ' || offset >= content_end ||
                    g->glyphs[i].geometry.width <= 0)
                    continue;
                can = rp_space_shrink(layout, style_at(para, offset)) *
                      PANGO_SCALE;
                if (pass == 0) {
                    total += can;
                    n++;
                    continue;
                }
                acc += can - (total - delta) / n;
                cut = (int)lround(acc) - done;
                g->glyphs[i].geometry.width -= cut;
                done += cut;
            }
        }
        /* More than the spaces may give: Pango broke elsewhere. */
        if (pass == 0 && (n == 0 || total + n < delta))
            return false;
    }
    return true;
}

void rp_shrink_lines(struct rp_layout *layout, const struct rp_paragraph *para,
                     const struct shrink_plan *plan, int shift, PangoLayout *pl)
{
    const char *ltext = pango_layout_get_text(pl);
    int width = pango_layout_get_width(pl);
    int indent = pango_layout_get_indent(pl);
    GSList *l;
    size_t r = 0;
    int index = 0;

    if (!plan->n)
        return;
    for (l = pango_layout_get_lines_readonly(pl); l && r < plan->n;
         l = l->next, index++) {
        PangoLayoutLine *line = l->data;
        size_t start = (size_t)(line->start_index - shift);
        int room = width, natural = 0;
        GSList *g;

        if (line->start_index < shift)
            continue;
        while (r < plan->n && plan->ranges[r].from < start)
            r++;
        if (r == plan->n || plan->ranges[r].from != start)
            continue;
        /* Pango's room for the line: its width less the indent. */
        if (line->is_paragraph_start && indent > 0)
            room -= indent;
        else if (!line->is_paragraph_start && indent < 0)
            room += indent;
        for (g = line->runs; g; g = g->next)
            natural += pango_glyph_string_get_width(
                ((PangoGlyphItem *)g->data)->glyphs);
        if (natural > room && narrow_spaces(layout, para, ltext, shift, line,
                                            plan->ranges[r].to, natural - room))
            /* Taken as Pango's to change: it measures it afresh. */
            pango_layout_get_line(pl, index);
        r++;
    }
}

/* Whether a line of pl ends its paragraph or at a forced break: XSL
 * aligns such a line by text-align-last (Pango justifies one that ends
 * at a line separator). */
static bool ends_paragraph(const char *text, int text_len,
                           const PangoLayoutLine *line, bool last)
{
    int end = line->start_index + line->length;

    if (last || end >= text_len || text[end] == '\n' || text[end] == '\r' ||
        !strncmp(text + end, "\xe2\x80\xa9", 3))
        return true;
    return line->length >= 3 && !strncmp(text + end - 3, "\xe2\x80\xa8", 3);
}

/* Whether the glyph cluster at text is a space Pango would widen. */
static bool is_expandable_space(const char *text)
{
    return text[0] == ' ' || !strncmp(text, "\xc2\xa0", 2);
}

/*
 * Widens the word spaces of line by remaining (Pango units), as Pango's
 * justify_words does it (each in proportion to its width, rounded to
 * whole pixels where the room was), so justified text sets as before;
 * returns false, changing nothing, for a line with no such space.
 */
static bool widen_spaces(const char *text, PangoLayoutLine *line, int remaining)
{
    bool hinted = (remaining & (PANGO_SCALE - 1)) == 0;
    int64_t total = 0, so_far = 0;
    int added = 0;

    for (int pass = 0; pass < 2; pass++) {
        for (GSList *l = line->runs; l; l = l->next) {
            PangoGlyphItem *run = l->data;
            PangoGlyphString *g = run->glyphs;
            bool rtl = run->item->analysis.level % 2;
            for (int k = 0; k < g->num_glyphs; k++) {
                int i = rtl ? g->num_glyphs - 1 - k : k;
                int w = g->glyphs[i].geometry.width, adjustment;
                if (w == 0 || !is_expandable_space(text + run->item->offset +
                                                   g->log_clusters[i]))
                    continue;
                if (pass == 0) {
                    total += w;
                    continue;
                }
                so_far += w;
                adjustment = (int)(so_far * remaining / total) - added;
                if (hinted)
                    adjustment = PANGO_UNITS_ROUND(adjustment);
                g->glyphs[i].geometry.width += adjustment;
                added += adjustment;
            }
        }
        if (total == 0)
            return false;
    }
    return true;
}

void rp_justify_lines(PangoLayout *pl, bool justify_last)
{
    const char *text = pango_layout_get_text(pl);
    int text_len = (int)strlen(text);
    int width = pango_layout_get_width(pl);
    int indent = pango_layout_get_indent(pl);
    int index = 0;

    if (width < 0)
        return;
    for (GSList *l = pango_layout_get_lines_readonly(pl); l;
         l = l->next, index++) {
        PangoLayoutLine *line = l->data;
        int room = width, natural = 0;

        if (!justify_last && ends_paragraph(text, text_len, line, !l->next))
            continue;
        /* Pango's room for the line: its width less the indent. */
        if (line->is_paragraph_start && indent > 0)
            room -= indent;
        else if (!line->is_paragraph_start && indent < 0)
            room += indent;
        for (GSList *g = line->runs; g; g = g->next)
            natural += pango_glyph_string_get_width(
                ((PangoGlyphItem *)g->data)->glyphs);
        if (natural < room && widen_spaces(text, line, room - natural))
            /* Taken as Pango's to change: it measures it afresh. */
            pango_layout_get_line(pl, index);
    }
}
