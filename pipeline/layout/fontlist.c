/*
 * font-family lists as FOP reads them: for each character, the first
 * family of the list that has it.
 *
 * Handed to Pango as written, a list reaches fontconfig as one pattern in
 * which a generic name (serif) is only a weak alias while a concrete one
 * (Symbol) binds strongly: DocBook's "serif,Symbol,ZapfDingbats" drew all
 * text in Symbol's Greek.  So each name is resolved here, once per
 * context, to the concrete family fontconfig installs for it, and Pango
 * gets the list of concrete families: its fontset falls back from one to
 * the next in that order.  Generic names map as FOP maps them, to the
 * base-14 metrics (Times, Helvetica, Courier; cursive and fantasy to
 * Times, as FOP's base-14 set does), which fontconfig finds in URW's
 * metric-compatible Nimbus fonts.  A name that is not installed (its match
 * is fontconfig's fallback for any unknown name) is left out, so that the
 * next family of the list is used, not the fallback in its place.
 */
#include "layout_internal.h"

#include <string.h>

#define FAMILIES_KEY "rp-layout-font-families"
/* No font is called this: what it matches is the fallback for unknown
 * names. */
#define NO_SUCH_FAMILY "reportpipe-no-such-font-family"
/* Lists and names remembered per context; a document naming more than
 * this many has the rest handed to Pango as written. */
#define MAX_REMEMBERED 4096

struct font_families {
    GHashTable *lists; /* FO list -> concrete list, both owned */
    GHashTable *names; /* one name, folded -> concrete family or "" */
    char *fallback;    /* the family an unknown name matches */
};

static void font_families_free(struct font_families *f)
{
    g_hash_table_destroy(f->lists);
    g_hash_table_destroy(f->names);
    g_free(f->fallback);
    g_free(f);
}

/* The family fontconfig picks for name, newly allocated. */
static char *match_family(PangoContext *context, const char *name)
{
    PangoFontDescription *desc = pango_font_description_new();
    PangoFont *font;
    char *family = NULL;

    pango_font_description_set_family(desc, name);
    pango_font_description_set_absolute_size(desc, 10 * PANGO_SCALE);
    font = pango_context_load_font(context, desc);
    pango_font_description_free(desc);
    if (font) {
        PangoFontDescription *got = pango_font_describe(font);
        family = g_strdup(pango_font_description_get_family(got));
        pango_font_description_free(got);
        g_object_unref(font);
    }
    return family;
}

/* The installed family for name, or NULL when it is not installed. */
static char *installed_family(struct font_families *f, PangoContext *context,
                              const char *name)
{
    char *family = match_family(context, name);

    if (family && g_ascii_strcasecmp(family, f->fallback) == 0 &&
        g_ascii_strcasecmp(name, f->fallback) != 0) {
        g_free(family);
        return NULL;
    }
    return family;
}

/*
 * What FOP's base-14 set takes a generic name for, then the generic name
 * itself (fontconfig's own choice) where the base-14 name is missing.
 */
static const char *const *generic_candidates(const char *folded)
{
    static const char *const serif[] = {"Times", "serif", NULL};
    static const char *const sans[] = {"Helvetica", "sans-serif", NULL};
    static const char *const mono[] = {"Courier", "monospace", NULL};

    if (!strcmp(folded, "serif") || !strcmp(folded, "cursive") ||
        !strcmp(folded, "fantasy"))
        return serif;
    if (!strcmp(folded, "sans-serif"))
        return sans;
    if (!strcmp(folded, "monospace"))
        return mono;
    return NULL;
}

/* The concrete family of one name of a list, "" when not installed;
 * owned by f. */
static const char *resolve_name(struct font_families *f, PangoContext *context,
                                const char *name)
{
    char *folded = g_ascii_strdown(name, -1);
    const char *const *generic;
    char *family = NULL;
    const char *cached = g_hash_table_lookup(f->names, folded);

    if (cached) {
        g_free(folded);
        return cached;
    }
    generic = generic_candidates(folded);
    if (generic) {
        for (; *generic && !family; generic++)
            family = installed_family(f, context, *generic);
    } else {
        family = installed_family(f, context, name);
    }
    if (!family)
        family = g_strdup("");
    g_hash_table_insert(f->names, folded, family);
    return family;
}

/* Whether family is already among the comma-separated list. */
static bool listed(const GString *list, const char *family)
{
    char **names = g_strsplit(list->str, ",", -1);
    bool found = false;
    char **n;

    for (n = names; *n && !found; n++)
        found = g_ascii_strcasecmp(*n, family) == 0;
    g_strfreev(names);
    return found;
}

static char *resolve_list(struct font_families *f, PangoContext *context,
                          const char *list)
{
    char **names = g_strsplit(list, ",", -1);
    GString *out = g_string_new(NULL);
    char **n;

    for (n = names; *n; n++) {
        char *name = g_strstrip(*n);
        size_t len = strlen(name);
        const char *family;

        /* CSS lets a name be quoted: 'Nimbus Roman' or "Nimbus Roman". */
        if (len >= 2 && (name[0] == '\'' || name[0] == '"') &&
            name[len - 1] == name[0]) {
            name[len - 1] = '\0';
            name = g_strstrip(name + 1);
        }
        if (!*name)
            continue;
        family = resolve_name(f, context, name);
        if (!*family || listed(out, family))
            continue;
        if (out->len)
            g_string_append_c(out, ',');
        g_string_append(out, family);
    }
    g_strfreev(names);
    /* Nothing installed: fontconfig's choice, as before lists were read. */
    if (!out->len)
        g_string_append(out, f->fallback);
    return g_string_free(out, FALSE);
}

const char *rp_font_families(PangoContext *context, const char *list)
{
    struct font_families *f =
        g_object_get_data(G_OBJECT(context), FAMILIES_KEY);
    char *resolved;

    if (!f) {
        f = g_new0(struct font_families, 1);
        f->lists =
            g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        f->names =
            g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        f->fallback = match_family(context, NO_SUCH_FAMILY);
        if (!f->fallback)
            f->fallback = g_strdup("sans-serif");
        g_object_set_data_full(G_OBJECT(context), FAMILIES_KEY, f,
                               (GDestroyNotify)font_families_free);
    }
    resolved = g_hash_table_lookup(f->lists, list);
    if (!resolved && (g_hash_table_size(f->lists) >= MAX_REMEMBERED ||
                      g_hash_table_size(f->names) >= MAX_REMEMBERED))
        return list;
    if (!resolved) {
        resolved = resolve_list(f, context, list);
        g_hash_table_insert(f->lists, g_strdup(list), resolved);
    }
    return resolved;
}

const char *rp_layout_font_families(struct rp_layout *layout, const char *list)
{
    /* Lists are interned by the document: runs in one font are one
     * pointer compare. */
    if (layout->families_memo.list != list) {
        layout->families_memo.list = list;
        layout->families_memo.families = rp_font_families(layout->pango, list);
    }
    return layout->families_memo.families;
}
