/*
 * Unit tests of the property table (property.c): its rows against
 * docs/fo-subset.md (found under $TOP, else from the current folder),
 * the initial values and the inherited fields computed from them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fo/property.h"

/* The names of the doc's property table, each with its row's status. */
#define MAX_NAMES 400
struct doc_name {
    char name[96];
    bool supported; /* supported, partial or accepted */
};
struct doc_names {
    struct doc_name names[MAX_NAMES];
    size_t n;
};

static void add_name(struct doc_names *d, const char *name, size_t len,
                     bool supported)
{
    assert_true(d->n < MAX_NAMES);
    assert_true(len < sizeof(d->names[0].name));
    memcpy(d->names[d->n].name, name, len);
    d->names[d->n].name[len] = '\0';
    d->names[d->n].supported = supported;
    d->n++;
}

/*
 * One backticked name of the first column, as the doc writes them:
 * `margin-top/bottom` (one prefix, several ends), `.minimum/.maximum`
 * (components of the name before), `block-progression-dimension(.minimum)`
 * (the name and a component).  Patterns (`border-*-width`), URIs and
 * xml:lang (resolve.c reads it as language) name no row.
 */
static void add_token(struct doc_names *d, const char *t, bool supported,
                      char *last_base, size_t base_size)
{
    const char *paren = strchr(t, '('), *slash, *part;
    char first[96];
    size_t prefix_len;

    if (strchr(t, '*') || strstr(t, "://") || !strncmp(t, "xml:", 4))
        return;
    if (paren) {
        char full[96];
        add_name(d, t, (size_t)(paren - t), supported);
        snprintf(full, sizeof(full), "%.*s%.*s", (int)(paren - t), t,
                 (int)strcspn(paren + 1, ")"), paren + 1);
        add_name(d, full, strlen(full), supported);
        return;
    }
    if (t[0] == '.') {
        for (part = t; *part; part = slash ? slash + 1 : part + strlen(part)) {
            char full[192];
            slash = strchr(part, '/');
            snprintf(full, sizeof(full), "%s%.*s", last_base,
                     (int)(slash ? (size_t)(slash - part) : strlen(part)),
                     part);
            add_name(d, full, strlen(full), supported);
            if (!slash)
                break;
        }
        return;
    }
    slash = strchr(t, '/');
    if (!slash) {
        add_name(d, t, strlen(t), supported);
        snprintf(last_base, base_size, "%s", t);
        return;
    }
    snprintf(first, sizeof(first), "%.*s", (int)(slash - t), t);
    add_name(d, first, strlen(first), supported);
    prefix_len =
        strrchr(first, '-') ? (size_t)(strrchr(first, '-') - first) + 1 : 0;
    for (part = slash + 1; *part;) {
        char full[192];
        size_t n = strcspn(part, "/");
        snprintf(full, sizeof(full), "%.*s%.*s", (int)prefix_len, first, (int)n,
                 part);
        add_name(d, full, strlen(full), supported);
        part += n;
        if (*part == '/')
            part++;
    }
    snprintf(last_base, base_size, "%s", first);
}

/* The rows of the table under "## Properties" in docs/fo-subset.md. */
static void read_doc(struct doc_names *d)
{
    const char *top = getenv("TOP");
    char path[4096], line[8192], last_base[96] = "";
    bool in_section = false, in_table = false;
    FILE *f;

    snprintf(path, sizeof(path), "%s/docs/fo-subset.md", top ? top : ".");
    f = fopen(path, "r");
    if (!f)
        fail_msg("cannot read %s (set TOP to the source folder)", path);
    d->n = 0;
    while (fgets(line, sizeof(line), f)) {
        char *bar1, *bar2, *bar3, *s;
        bool supported;
        if (!strncmp(line, "## ", 3)) {
            in_section = !strncmp(line, "## Properties", 13);
            in_table = false;
            continue;
        }
        if (!in_section)
            continue;
        if (!strncmp(line, "| property |", 12)) {
            in_table = true;
            continue;
        }
        if (!in_table || line[0] != '|' || !strncmp(line, "|---", 4))
            continue;
        bar1 = line;
        bar2 = strchr(bar1 + 1, '|');
        bar3 = bar2 ? strchr(bar2 + 1, '|') : NULL;
        assert_non_null(bar3);
        *bar2 = '\0';
        *bar3 = '\0';
        supported = strstr(bar2 + 1, "supported") ||
                    strstr(bar2 + 1, "partial") || strstr(bar2 + 1, "accepted");
        for (s = strchr(bar1, '`'); s; s = strchr(s, '`')) {
            char *end = strchr(s + 1, '`');
            assert_non_null(end);
            *end = '\0';
            add_token(d, s + 1, supported, last_base, sizeof(last_base));
            s = end + 1;
        }
    }
    fclose(f);
    assert_true(d->n > 100);
}

/* Whether a name is applied: a row, a component or a side name. */
static bool is_applied(const char *name)
{
    static struct rp_fo_props p;
    struct rp_fo_specified spec = {0};
    struct rp_fo_value_cache *cache;
    struct rp_fo_found found = rp_fo_property_find(name);
    int handled;

    if (found.use == RP_FO_COMPONENT_UNKNOWN)
        return false;
    if (found.row || found.use == RP_FO_COMPONENT_IGNORED)
        return true;
    cache = rp_fo_value_cache_new();
    handled = rp_fo_apply_side_property(&p, name, "1pt", &spec, cache);
    rp_fo_value_cache_free(cache);
    return handled >= 0;
}

static void every_documented_property_is_applied(void **state)
{
    static struct doc_names d;
    size_t i;

    (void)state;
    read_doc(&d);
    for (i = 0; i < d.n; i++) {
        if (d.names[i].supported && !is_applied(d.names[i].name))
            fail_msg("docs/fo-subset.md lists %s as supported, but the "
                     "property table (pipeline/fo/property.c) has no row",
                     d.names[i].name);
    }
}

static void every_row_is_documented(void **state)
{
    static struct doc_names d;
    const struct rp_fo_property_row *rows;
    size_t n, i, j;

    (void)state;
    read_doc(&d);
    rows = rp_fo_property_rows(&n);
    for (i = 0; i < n; i++) {
        for (j = 0; j < d.n && strcmp(d.names[j].name, rows[i].name); j++)
            ;
        if (j == d.n)
            fail_msg("%s has a row in pipeline/fo/property.c but no line "
                     "in docs/fo-subset.md's property table",
                     rows[i].name);
    }
}

static void rows_are_sorted_and_whole(void **state)
{
    const struct rp_fo_property_row *rows;
    size_t n, i;

    (void)state;
    rows = rp_fo_property_rows(&n);
    for (i = 0; i < n; i++) {
        assert_non_null(rows[i].set);
        assert_true(rows[i].offset + rows[i].size <=
                    sizeof(struct rp_fo_props));
        if (i > 0 && strcmp(rows[i - 1].name, rows[i].name) >= 0)
            fail_msg("%s comes before %s: rows go in strcmp order",
                     rows[i - 1].name, rows[i].name);
    }
}

/* Every initial value is a valid value of its own property. */
static void initial_values_parse(void **state)
{
    static const struct rp_fo_props zero;
    struct rp_fo_strings *strings = rp_fo_strings_new();
    struct rp_fo_value_cache *cache = rp_fo_value_cache_new();
    const struct rp_fo_property_row *rows;
    size_t n, i;

    (void)state;
    rows = rp_fo_property_rows(&n);
    for (i = 0; i < n; i++) {
        struct rp_fo_props p;
        struct rp_fo_specified spec = {0};
        struct rp_fo_assignment a = {&p,    &zero,   rows[i].initial,
                                     &spec, strings, cache};
        if (!rows[i].initial)
            continue;
        rp_fo_props_initial(&p, strings);
        if (rp_fo_property_apply(rp_fo_property_find(rows[i].name),
                                 rows[i].name, &a) != 1)
            fail_msg("%s: initial value '%s' does not parse", rows[i].name,
                     rows[i].initial);
    }
    rp_fo_value_cache_free(cache);
    rp_fo_strings_free(strings);
}

static void initial_values_are_xsl_and_fop_defaults(void **state)
{
    struct rp_fo_strings *strings = rp_fo_strings_new();
    struct rp_fo_props p;

    (void)state;
    rp_fo_props_initial(&p, strings);
    assert_string_equal(p.font_family, "sans-serif");
    assert_float_equal(p.font_size, 12, 1e-12);
    assert_true(p.line_height == 1.2 * 12.0);
    assert_int_equal(p.font_weight, 400);
    assert_float_equal(p.color.a, 1, 1e-12);
    assert_float_equal(p.background.a, 0, 1e-12);
    assert_true(p.page_width == 595.28 && p.page_height == 841.89);
    assert_int_equal(p.maximum_repeats, -1);
    assert_true(p.leader_max == -1 && p.leader_opt == 12);
    assert_int_equal(p.rule_style, RP_FO_BORDER_SOLID);
    assert_true(p.wrap && p.white_space_collapse);
    assert_int_equal(p.orphans, 2);
    assert_int_equal(p.hyphenation_remain, 2);
    assert_true(p.list_distance_between_starts == 24 &&
                p.list_label_separation == 6);
    assert_int_equal(p.columns_spanned, 1);
    assert_int_equal(p.rows_spanned, 1);
    assert_int_equal(p.columns_repeated, 1);
    assert_null(p.language);
    assert_null(p.number_format);
    assert_int_equal(p.width.kind, RP_FO_LENGTH_AUTO);
    rp_fo_strings_free(strings);
}

/*
 * The spans copy exactly the fields of inherited rows: a parent of all
 * ones gives a child whose inherited fields are the parent's, the others
 * initial.
 */
static void inherited_spans_copy_inherited_fields_only(void **state)
{
    const struct rp_fo_property_row *rows;
    struct rp_fo_inherited inh;
    static struct rp_fo_props parent, initial, child;
    size_t n, i, k;

    (void)state;
    rows = rp_fo_property_rows(&n);
    rp_fo_inherited_init(&inh);
    assert_true(inh.n > 0 && inh.n <= 4); /* a few copies per element */
    memset(&parent, 0xff, sizeof(parent));
    memset(&initial, 0, sizeof(initial));
    child = initial;
    for (k = 0; k < inh.n; k++)
        memcpy((char *)&child + inh.spans[k].offset,
               (const char *)&parent + inh.spans[k].offset, inh.spans[k].size);
    for (i = 0; i < n; i++) {
        const unsigned char *c = (const unsigned char *)&child + rows[i].offset;
        unsigned char want = rows[i].inherited ? 0xff : 0;
        size_t b;
        /* Shared fields (link) are written by an inherited row. */
        if (!rows[i].inherited && rows[i].size) {
            size_t j;
            bool shared = false;
            for (j = 0; j < n; j++)
                shared |= rows[j].inherited &&
                          rows[j].offset < rows[i].offset + rows[i].size &&
                          rows[j].offset + rows[j].size > rows[i].offset;
            if (shared)
                continue;
        }
        for (b = 0; b < rows[i].size; b++) {
            if (c[b] != want)
                fail_msg("%s: byte %zu of its field is %s", rows[i].name, b,
                         want ? "not inherited" : "inherited");
        }
    }
    /* Not a row's field, and not inherited: label-end() of end-indent. */
    assert_false(child.end_indent_label_end);
}

/* font-size is resolved before the lengths in em of the same element. */
static void font_size_is_early(void **state)
{
    struct rp_fo_found found = rp_fo_property_find("font-size");
    const struct rp_fo_property_row *rows;
    size_t n, i;

    (void)state;
    assert_non_null(found.row);
    assert_true(found.row->early);
    rows = rp_fo_property_rows(&n);
    for (i = 0; i < n; i++)
        assert_true(!rows[i].early || rows[i].set == rp_fo_set_font_size);
}

static void components_fold_into_their_property(void **state)
{
    struct rp_fo_found f;

    (void)state;
    f = rp_fo_property_find("space-before.optimum");
    assert_string_equal(f.row->name, "space-before");
    assert_int_equal(f.use, RP_FO_COMPONENT_WHOLE);
    f = rp_fo_property_find("space-after.conditionality");
    assert_int_equal(f.use, RP_FO_COMPONENT_IGNORED);
    f = rp_fo_property_find("keep-together.within-page");
    assert_string_equal(f.row->name, "keep-together");
    f = rp_fo_property_find("leader-length.minimum");
    assert_string_equal(f.row->name, "leader-length.minimum");
    f = rp_fo_property_find("inline-progression-dimension.minimum");
    assert_int_equal(f.use, RP_FO_COMPONENT_UNKNOWN);
    f = rp_fo_property_find("padding-before.length");
    assert_null(f.row);
    assert_int_equal(f.use, RP_FO_COMPONENT_WHOLE);
    f = rp_fo_property_find("border-before-width.conditionality");
    assert_int_equal(f.use, RP_FO_COMPONENT_IGNORED);
    f = rp_fo_property_find("font-size.length");
    assert_int_equal(f.use, RP_FO_COMPONENT_UNKNOWN);
    f = rp_fo_property_find("color.foo");
    assert_int_equal(f.use, RP_FO_COMPONENT_UNKNOWN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_documented_property_is_applied),
        cmocka_unit_test(every_row_is_documented),
        cmocka_unit_test(rows_are_sorted_and_whole),
        cmocka_unit_test(initial_values_parse),
        cmocka_unit_test(initial_values_are_xsl_and_fop_defaults),
        cmocka_unit_test(inherited_spans_copy_inherited_fields_only),
        cmocka_unit_test(font_size_is_early),
        cmocka_unit_test(components_fold_into_their_property),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
