/*
 * The property table: every FO property we know by its full name, one row
 * each, in strcmp order (every attribute of a document is looked up, by
 * binary search).  A row states the property's facts once (property.h):
 * inherited or not, initial value, setter, the fields it lands in, and
 * what its components mean.  The initial props of a document and the
 * fields an element inherits are computed here from the rows; the
 * generic setters (lengths, strings, colours, flags) are here too, the
 * others beside the properties of their family (text_props.c,
 * box_props.c, page_props.c, object_props.c, graphic_props.c).
 */
#include "property.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* What a row lands in: one field, fields first to last, or none. */
#define AT(f)                                                                  \
    offsetof(struct rp_fo_props, f), sizeof(((struct rp_fo_props *)0)->f)
#define FROM_TO(first, last)                                                   \
    offsetof(struct rp_fo_props, first),                                       \
        offsetof(struct rp_fo_props, last) +                                   \
            sizeof(((struct rp_fo_props *)0)->last) -                          \
            offsetof(struct rp_fo_props, first)
#define NOWHERE 0, 0

#define INHERITED true
#define NOT_INHERITED false

/* A row whose components follow the default rule. */
#define ROW(name, inherited, initial, set, fields)                             \
    {                                                                          \
        name, inherited, false, initial, set, fields, NULL                     \
    }
/* A property accepted for FOP's sake that changes nothing we lay out. */
#define ACCEPTED(name, inherited)                                              \
    {                                                                          \
        name, inherited, false, NULL, rp_fo_set_accepted, NOWHERE, NULL        \
    }

/* space-before.optimum is the space; its other components are not used. */
static enum rp_fo_component_use space_component(const char *c)
{
    if (!strcmp(c, "optimum") || !strcmp(c, "length"))
        return RP_FO_COMPONENT_WHOLE;
    if (!strcmp(c, "minimum") || !strcmp(c, "maximum") ||
        !strcmp(c, "conditionality") || !strcmp(c, "precedence"))
        return RP_FO_COMPONENT_IGNORED;
    return RP_FO_COMPONENT_UNKNOWN;
}

/* keep-together.within-page ...: strengths are not compared. */
static enum rp_fo_component_use keep_component(const char *c)
{
    (void)c;
    return RP_FO_COMPONENT_WHOLE;
}

/*
 * A property without components, or whose components we use have rows of
 * their own (leader-length.minimum).
 */
static enum rp_fo_component_use no_component(const char *c)
{
    (void)c;
    return RP_FO_COMPONENT_UNKNOWN;
}

/*
 * block- and inline-progression-dimension: FOP sizes a block-container by
 * the optimum of the range; .minimum has a row of its own.
 */
static enum rp_fo_component_use optimum_component(const char *c)
{
    return !strcmp(c, "optimum") ? RP_FO_COMPONENT_WHOLE
                                 : RP_FO_COMPONENT_UNKNOWN;
}

/* Length-conditional values: border-before-width.length and friends. */
static enum rp_fo_component_use length_component(const char *c)
{
    if (!strcmp(c, "length"))
        return RP_FO_COMPONENT_WHOLE;
    if (!strcmp(c, "conditionality"))
        return RP_FO_COMPONENT_IGNORED;
    return RP_FO_COMPONENT_UNKNOWN;
}

static const struct rp_fo_property_row rows[] = {
    ROW("absolute-position", NOT_INHERITED, "auto", rp_fo_set_absolute_position,
        AT(absolute_position)),
    ROW("background-color", NOT_INHERITED, "transparent", rp_fo_set_color,
        AT(background)),
    /* Carried: a shift adds up through nested inlines. */
    ROW("baseline-shift", INHERITED, "baseline", rp_fo_set_baseline_shift,
        AT(baseline_shift)),
    ROW("blank-or-not-blank", NOT_INHERITED, "any",
        rp_fo_set_blank_or_not_blank, AT(blank_or_not_blank)),
    {"block-progression-dimension", NOT_INHERITED, false, "auto",
     rp_fo_set_height, AT(height), optimum_component},
    ROW("block-progression-dimension.minimum", NOT_INHERITED, NULL,
        rp_fo_set_min_height, AT(min_height)),
    ROW("border", NOT_INHERITED, NULL, rp_fo_set_border, NOWHERE),
    ROW("border-collapse", INHERITED, "collapse", rp_fo_set_border_collapse,
        AT(border_separate)),
    {"border-separation", INHERITED, false, "0pt", rp_fo_set_border_separation,
     AT(border_separation), no_component},
    ROW("border-separation.block-progression-direction", INHERITED, NULL,
        rp_fo_set_length, AT(border_separation[1])),
    ROW("border-separation.inline-progression-direction", INHERITED, NULL,
        rp_fo_set_length, AT(border_separation[0])),
    /* CSS's name for border-separation, which FOP takes. */
    ROW("border-spacing", INHERITED, NULL, rp_fo_set_border_separation,
        AT(border_separation)),
    ROW("bottom", NOT_INHERITED, "auto", rp_fo_set_offset,
        AT(offset[RP_FO_BOTTOM])),
    ROW("break-after", NOT_INHERITED, "auto", rp_fo_set_break, AT(break_after)),
    ROW("break-before", NOT_INHERITED, "auto", rp_fo_set_break,
        AT(break_before)),
    ROW("character", NOT_INHERITED, NULL, rp_fo_set_string, AT(character)),
    ROW("color", INHERITED, "black", rp_fo_set_color, AT(color)),
    ROW("column-count", NOT_INHERITED, "1", rp_fo_set_column_count,
        AT(column_count)),
    ROW("column-gap", NOT_INHERITED, "12pt", rp_fo_set_column_gap,
        AT(column_gap)),
    ACCEPTED("column-number", NOT_INHERITED),
    ROW("column-width", NOT_INHERITED, "auto", rp_fo_set_width,
        AT(column_width)),
    ROW("content-height", NOT_INHERITED, "auto", rp_fo_set_content_size,
        AT(content_height)),
    /* The format is told by the bytes, never by what a file claims. */
    ACCEPTED("content-type", NOT_INHERITED),
    ROW("content-width", NOT_INHERITED, "auto", rp_fo_set_content_size,
        AT(content_width)),
    ROW("country", INHERITED, "none", rp_fo_set_country, AT(country)),
    ACCEPTED("destination-placement-offset", NOT_INHERITED),
    ROW("display-align", INHERITED, "auto", rp_fo_set_display_align,
        AT(display_align)),
    ROW("end-indent", INHERITED, "0pt", rp_fo_set_end_indent, AT(end_indent)),
    ROW("ends-row", NOT_INHERITED, "false", rp_fo_set_boolean, AT(ends_row)),
    ROW("extent", NOT_INHERITED, "0pt", rp_fo_set_length, AT(extent)),
    /* Carried: text in nested inlines keeps its link. */
    ROW("external-destination", INHERITED, NULL, rp_fo_set_destination,
        FROM_TO(link, link_internal)),
    ROW("flow-name", NOT_INHERITED, NULL, rp_fo_set_string, AT(flow_name)),
    /* A shorthand: its parts are inherited by their own rows. */
    ROW("font", NOT_INHERITED, NULL, rp_fo_set_font, NOWHERE),
    ROW("font-family", INHERITED, "sans-serif", rp_fo_set_string,
        AT(font_family)),
    ACCEPTED("font-selection-strategy", INHERITED),
    /* Not length-conditional: font-size.length is no property. */
    {"font-size", INHERITED, true, "12pt", rp_fo_set_font_size, AT(font_size),
     no_component},
    ACCEPTED("font-stretch", INHERITED),
    ROW("font-style", INHERITED, "normal", rp_fo_set_font_style,
        AT(font_italic)),
    ROW("font-weight", INHERITED, "normal", rp_fo_set_font_weight,
        AT(font_weight)),
    ROW("force-page-count", NOT_INHERITED, "auto", rp_fo_set_force_page_count,
        AT(force_page_count)),
    /* NULL stands for "1", the initial format. */
    ROW("format", NOT_INHERITED, NULL, rp_fo_set_format, AT(number_format)),
    /* FOP's extension attribute, read in its namespace (resolve.c). */
    ROW("fox:alt-text", NOT_INHERITED, NULL, rp_fo_set_string, AT(alt_text)),
    ACCEPTED("grouping-separator", NOT_INHERITED),
    ACCEPTED("grouping-size", NOT_INHERITED),
    ROW("height", NOT_INHERITED, "auto", rp_fo_set_height, AT(height)),
    ROW("hyphenate", INHERITED, "false", rp_fo_set_hyphenate, AT(hyphenate)),
    ROW("hyphenation-character", INHERITED, "\xe2\x80\x90",
        rp_fo_set_hyphenation_character, AT(hyphenation_character)),
    ROW("hyphenation-push-character-count", INHERITED, "2",
        rp_fo_set_hyphenation_count, AT(hyphenation_push)),
    ROW("hyphenation-remain-character-count", INHERITED, "2",
        rp_fo_set_hyphenation_count, AT(hyphenation_remain)),
    ROW("id", NOT_INHERITED, NULL, rp_fo_set_string, AT(id)),
    ACCEPTED("indicate-destination", NOT_INHERITED),
    ROW("initial-page-number", NOT_INHERITED, "auto",
        rp_fo_set_initial_page_number,
        FROM_TO(initial_page_number, initial_parity)),
    {"inline-progression-dimension", NOT_INHERITED, false, "auto",
     rp_fo_set_width, AT(width), optimum_component},
    ROW("internal-destination", INHERITED, NULL, rp_fo_set_internal_destination,
        FROM_TO(link, link_internal)),
    {"keep-together", NOT_INHERITED, false, "auto", rp_fo_set_not_auto,
     AT(keep_together), keep_component},
    {"keep-with-next", NOT_INHERITED, false, "auto", rp_fo_set_not_auto,
     AT(keep_with_next), keep_component},
    {"keep-with-previous", NOT_INHERITED, false, "auto", rp_fo_set_not_auto,
     AT(keep_with_previous), keep_component},
    ROW("language", INHERITED, "none", rp_fo_set_language, AT(language)),
    /* We do not align dots across lines yet. */
    ACCEPTED("leader-alignment", INHERITED),
    {"leader-length", NOT_INHERITED, false, NULL, rp_fo_set_leader_length,
     FROM_TO(leader_min, leader_max), no_component},
    ROW("leader-length.maximum", NOT_INHERITED, "100%",
        rp_fo_set_leader_length_maximum, AT(leader_max)),
    ROW("leader-length.minimum", NOT_INHERITED, "0pt", rp_fo_set_length,
        AT(leader_min)),
    ROW("leader-length.optimum", NOT_INHERITED, "12pt", rp_fo_set_length,
        AT(leader_opt)),
    ROW("leader-pattern", NOT_INHERITED, "space", rp_fo_set_leader_pattern,
        AT(leader_pattern)),
    ROW("leader-pattern-width", NOT_INHERITED, "use-font-metrics",
        rp_fo_set_leader_pattern_width, AT(leader_pattern_width)),
    ROW("left", NOT_INHERITED, "auto", rp_fo_set_offset,
        AT(offset[RP_FO_LEFT])),
    ROW("letter-spacing", INHERITED, "normal", rp_fo_set_letter_spacing,
        AT(letter_spacing)),
    ACCEPTED("letter-value", NOT_INHERITED),
    ROW("line-height", INHERITED, "normal", rp_fo_set_line_height,
        AT(line_height)),
    ROW("line-height-shift-adjustment", INHERITED, "consider-shifts",
        rp_fo_set_shift_adjustment, AT(disregard_shifts)),
    ROW("linefeed-treatment", INHERITED, "treat-as-space",
        rp_fo_set_linefeed_treatment, AT(linefeed_preserve)),
    ROW("margin", NOT_INHERITED, NULL, rp_fo_set_margin, NOWHERE),
    ROW("marker-class-name", NOT_INHERITED, NULL, rp_fo_set_string,
        AT(marker_class)),
    ROW("master-name", NOT_INHERITED, NULL, rp_fo_set_string, AT(master_name)),
    ROW("master-reference", NOT_INHERITED, NULL, rp_fo_set_string,
        AT(master_reference)),
    ROW("maximum-repeats", NOT_INHERITED, "no-limit", rp_fo_set_maximum_repeats,
        AT(maximum_repeats)),
    ROW("number-columns-repeated", NOT_INHERITED, "1", rp_fo_set_span_count,
        AT(columns_repeated)),
    ROW("number-columns-spanned", NOT_INHERITED, "1", rp_fo_set_span_count,
        AT(columns_spanned)),
    ROW("number-rows-spanned", NOT_INHERITED, "1", rp_fo_set_span_count,
        AT(rows_spanned)),
    ROW("odd-or-even", NOT_INHERITED, "any", rp_fo_set_parity, AT(odd_or_even)),
    ROW("orphans", INHERITED, "2", rp_fo_set_line_count, AT(orphans)),
    ROW("overflow", NOT_INHERITED, "auto", rp_fo_set_overflow, AT(overflow)),
    ROW("padding", NOT_INHERITED, NULL, rp_fo_set_padding, NOWHERE),
    /* A4, FOP's default. */
    ROW("page-height", NOT_INHERITED, "841.89pt", rp_fo_set_length,
        AT(page_height)),
    ROW("page-position", NOT_INHERITED, "any", rp_fo_set_page_position,
        AT(page_position)),
    ROW("page-width", NOT_INHERITED, "595.28pt", rp_fo_set_length,
        AT(page_width)),
    ROW("precedence", NOT_INHERITED, "false", rp_fo_set_true, AT(precedence)),
    /* Carried: nested lists count from their parent's. */
    ROW("provisional-distance-between-starts", INHERITED, "24pt",
        rp_fo_set_expression, AT(list_distance_between_starts)),
    ROW("provisional-label-separation", INHERITED, "6pt", rp_fo_set_expression,
        AT(list_label_separation)),
    ROW("ref-id", NOT_INHERITED, NULL, rp_fo_set_string, AT(ref_id)),
    ROW("reference-orientation", NOT_INHERITED, "0",
        rp_fo_set_reference_orientation, AT(reference_orientation)),
    ROW("region-name", NOT_INHERITED, NULL, rp_fo_set_string, AT(region_name)),
    /* Only matters with several columns or scripts we do not mix. */
    ACCEPTED("relative-align", INHERITED),
    ROW("retrieve-boundary", NOT_INHERITED, "page-sequence",
        rp_fo_set_retrieve_boundary, AT(retrieve_boundary)),
    ROW("retrieve-class-name", NOT_INHERITED, NULL, rp_fo_set_string,
        AT(marker_class)),
    ROW("retrieve-position", NOT_INHERITED, "first-starting-within-page",
        rp_fo_set_retrieve_position, AT(retrieve_position)),
    ROW("right", NOT_INHERITED, "auto", rp_fo_set_offset,
        AT(offset[RP_FO_RIGHT])),
    ROW("role", NOT_INHERITED, NULL, rp_fo_set_role, AT(role)),
    ROW("rule-style", NOT_INHERITED, "solid", rp_fo_set_rule_style,
        AT(rule_style)),
    ROW("rule-thickness", NOT_INHERITED, "1pt", rp_fo_set_length,
        AT(rule_thickness)),
    ROW("scaling", NOT_INHERITED, "uniform", rp_fo_set_scaling,
        AT(scaling_non_uniform)),
    /* A hint; Cairo's PDF viewer-side interpolation decides. */
    ACCEPTED("scaling-method", NOT_INHERITED),
    ACCEPTED("show-destination", NOT_INHERITED),
    {"space-after", NOT_INHERITED, false, "0pt", rp_fo_set_length,
     AT(space_after), space_component},
    {"space-before", NOT_INHERITED, false, "0pt", rp_fo_set_length,
     AT(space_before), space_component},
    /* Not inherited, but DocBook XSL writes span="inherit". */
    ROW("span", NOT_INHERITED, "none", rp_fo_set_span, AT(span_all)),
    /* Resolved (and refused) by layout, which knows the folders. */
    ROW("src", NOT_INHERITED, NULL, rp_fo_set_string, AT(src)),
    ROW("start-indent", INHERITED, "0pt", rp_fo_set_start_indent,
        AT(start_indent)),
    /* NULL: hide (XSL says show). */
    ROW("starting-state", NOT_INHERITED, NULL, rp_fo_set_starting_state,
        AT(starting_state_show)),
    ROW("starts-row", NOT_INHERITED, "false", rp_fo_set_boolean,
        AT(starts_row)),
    ROW("table-layout", NOT_INHERITED, "auto", rp_fo_set_table_layout,
        AT(table_layout_fixed)),
    ROW("table-omit-footer-at-break", NOT_INHERITED, "false", rp_fo_set_true,
        AT(omit_footer_at_break)),
    ROW("table-omit-header-at-break", NOT_INHERITED, "false", rp_fo_set_true,
        AT(omit_header_at_break)),
    ROW("text-align", INHERITED, "start", rp_fo_set_text_align, AT(text_align)),
    ROW("text-align-last", INHERITED, "relative", rp_fo_set_text_align_last,
        AT(text_align_last)),
    /* Carried: decorations add up from ancestors. */
    ROW("text-decoration", INHERITED, "none", rp_fo_set_text_decoration,
        FROM_TO(underline, line_through)),
    ROW("text-indent", INHERITED, "0pt", rp_fo_set_length, AT(text_indent)),
    ROW("top", NOT_INHERITED, "auto", rp_fo_set_offset, AT(offset[RP_FO_TOP])),
    /* The CSS-style shorthand FOP accepts for baseline-shift. */
    ROW("vertical-align", INHERITED, NULL, rp_fo_set_vertical_align,
        AT(baseline_shift)),
    /* FOP's shorthand: its parts are inherited by their own rows. */
    ROW("white-space", NOT_INHERITED, NULL, rp_fo_set_white_space, NOWHERE),
    ROW("white-space-collapse", INHERITED, "true",
        rp_fo_set_white_space_collapse, AT(white_space_collapse)),
    /* Our collapse handles the common cases. */
    ACCEPTED("white-space-treatment", INHERITED),
    ROW("widows", INHERITED, "2", rp_fo_set_line_count, AT(widows)),
    ROW("width", NOT_INHERITED, "auto", rp_fo_set_width, AT(width)),
    ROW("wrap-option", INHERITED, "wrap", rp_fo_set_wrap_option, AT(wrap)),
    ROW("writing-mode", INHERITED, "lr-tb", rp_fo_set_writing_mode, NOWHERE),
    ROW("z-index", NOT_INHERITED, "auto", rp_fo_set_z_index, AT(z_index)),
};

#define N_ROWS (sizeof(rows) / sizeof(rows[0]))

const struct rp_fo_property_row *rp_fo_property_rows(size_t *n)
{
    *n = N_ROWS;
    return rows;
}

static int find_property_name(const void *key, const void *entry)
{
    return strcmp(key, ((const struct rp_fo_property_row *)entry)->name);
}

/* The row of the property called name, or NULL for one not in the table. */
static const struct rp_fo_property_row *property_of(const char *name)
{
    return bsearch(name, rows, N_ROWS, sizeof(rows[0]), find_property_name);
}

struct rp_fo_found rp_fo_property_find(const char *name)
{
    struct rp_fo_found found = {property_of(name), RP_FO_COMPONENT_WHOLE};
    const char *dot;
    char base[64];

    if (found.row)
        return found;
    dot = strchr(name, '.');
    if (!dot)
        return found; /* a side name (sides.c) or none */
    if ((size_t)(dot - name) >= sizeof(base)) {
        found.use = RP_FO_COMPONENT_UNKNOWN;
        return found;
    }
    memcpy(base, name, (size_t)(dot - name));
    base[dot - name] = '\0';
    found.row = property_of(base);
    found.use = found.row && found.row->component
                    ? found.row->component(dot + 1)
                    : length_component(dot + 1);
    if (found.use == RP_FO_COMPONENT_UNKNOWN)
        found.row = NULL;
    return found;
}

int rp_fo_property_apply(struct rp_fo_found found, const char *name,
                         const struct rp_fo_assignment *a)
{
    const char *dot;
    char base[64];

    if (found.use == RP_FO_COMPONENT_UNKNOWN)
        return -1;
    if (found.use == RP_FO_COMPONENT_IGNORED)
        return 1;
    if (found.row)
        return found.row->set(
            a, found.row->size ? (char *)a->p + found.row->offset : NULL);
    /* margin-top, border-before-width.length ...: no row; sides.c. */
    dot = strchr(name, '.');
    if (dot) {
        memcpy(base, name, (size_t)(dot - name)); /* < 64: found above */
        base[dot - name] = '\0';
        name = base;
    }
    return rp_fo_apply_side_property(a->p, name, a->value, a->spec, a->cache);
}

void rp_fo_props_initial(struct rp_fo_props *p, struct rp_fo_strings *s)
{
    static const struct rp_fo_props zero;
    struct rp_fo_specified spec = {0};
    struct rp_fo_value_cache *cache = rp_fo_value_cache_new();
    size_t i;

    memset(p, 0, sizeof(*p));
    /* In table order: font-size comes before line-height's "normal". */
    for (i = 0; i < N_ROWS; i++) {
        struct rp_fo_assignment a = {p,     &zero, rows[i].initial,
                                     &spec, s,     cache};
        if (rows[i].initial)
            (void)rp_fo_property_apply((struct rp_fo_found){&rows[i], 0},
                                       rows[i].name, &a);
    }
    rp_fo_value_cache_free(cache);
}

/* Whether a row's fields lie in [from, to). */
static bool field_between(size_t from, size_t to)
{
    size_t i;

    for (i = 0; i < N_ROWS; i++) {
        if (rows[i].size && rows[i].offset < to &&
            rows[i].offset + rows[i].size > from)
            return true;
    }
    return false;
}

void rp_fo_inherited_init(struct rp_fo_inherited *inh)
{
    struct {
        size_t offset, size;
    } fields[N_ROWS];
    size_t i, j, n = 0;

    for (i = 0; i < N_ROWS; i++) {
        size_t offset = rows[i].offset;
        if (!rows[i].inherited || !rows[i].size)
            continue;
        /* Sorted by offset as they come. */
        for (j = n; j > 0 && fields[j - 1].offset > offset; j--)
            fields[j] = fields[j - 1];
        fields[j].offset = offset;
        fields[j].size = rows[i].size;
        n++;
    }
    /*
     * Neighbours join, across the padding between them too: a gap of less
     * than a double in which no row's field lies holds no field at all
     * (every field of the props is some row's, but end_indent_label_end,
     * which end-indent's setter writes and which is not between inherited
     * fields).
     */
    inh->n = 0;
    for (i = 0; i < n; i++) {
        size_t end = fields[i].offset + fields[i].size;
        if (inh->n > 0) {
            size_t start = inh->spans[inh->n - 1].offset;
            size_t last_end = start + inh->spans[inh->n - 1].size;
            if (fields[i].offset <= last_end ||
                (fields[i].offset - last_end < sizeof(double) &&
                 !field_between(last_end, fields[i].offset))) {
                if (end > last_end)
                    inh->spans[inh->n - 1].size = end - start;
                continue;
            }
        }
        if (inh->n == RP_FO_MAX_SPANS)
            abort(); /* property_test.c holds the table below the limit */
        inh->spans[inh->n].offset = fields[i].offset;
        inh->spans[inh->n].size = fields[i].size;
        inh->n++;
    }
}

/* ---- setters for values of one type, written into field ---- */

int rp_fo_set_length(const struct rp_fo_assignment *a, void *field)
{
    double len;

    if (!rp_fo_parse_length(a->value, a->p->font_size, &len))
        return 0;
    *(double *)field = len;
    return 1;
}

/* A length expression: from-parent(), body-start() ... */
int rp_fo_set_expression(const struct rp_fo_assignment *a, void *field)
{
    return rp_fo_eval_length(a->value, a->p->font_size, a->parent, field, NULL);
}

int rp_fo_set_string(const struct rp_fo_assignment *a, void *field)
{
    *(const char **)field = rp_fo_strings_intern(a->strings, a->value);
    return 1;
}

int rp_fo_set_color(const struct rp_fo_assignment *a, void *field)
{
    return rp_fo_parse_color(a->value, field);
}

/* "true" sets a flag; anything else clears it. */
int rp_fo_set_true(const struct rp_fo_assignment *a, void *field)
{
    *(bool *)field = !strcmp(a->value, "true");
    return 1;
}

/* keeps: any value but auto keeps (strengths are not compared). */
/* true or false, nothing else (starts-row, ends-row). */
int rp_fo_set_boolean(const struct rp_fo_assignment *a, void *field)
{
    if (strcmp(a->value, "true") != 0 && strcmp(a->value, "false") != 0)
        return 0;
    *(bool *)field = !strcmp(a->value, "true");
    return 1;
}

int rp_fo_set_not_auto(const struct rp_fo_assignment *a, void *field)
{
    *(bool *)field = strcmp(a->value, "auto") != 0;
    return 1;
}

int rp_fo_set_accepted(const struct rp_fo_assignment *a, void *field)
{
    (void)a;
    (void)field;
    return 1;
}

/* Columns repeated, columns and rows spanned: 1 to 1000. */
int rp_fo_set_span_count(const struct rp_fo_assignment *a, void *field)
{
    char *end;
    long n = strtol(a->value, &end, 10);

    if (end == a->value || *rp_fo_skip_space(end) || n < 1 || n > 1000)
        return 0;
    *(int *)field = (int)n;
    return 1;
}
