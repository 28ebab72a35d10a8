/*
 * The property table: a row for each FO property we know by its full
 * name, saying which family of handlers applies it (text_props.c,
 * box_props.c, page_props.c, object_props.c); and rp_fo_apply_property(),
 * which folds a component (space-before.optimum, keep-together.within-page)
 * into its property, finds the row and hands the value to its family.
 * Names made of a prefix and a side (margin-top, border-before-width) have
 * no row: box_props.c takes them apart.
 */
#include "fo_internal.h"

#include <stdlib.h>
#include <string.h>

/* The files that apply properties, one for each family. */
enum family { TEXT, BOX, PAGE, OBJECT, GRAPHIC };

static int (*const apply_family[])(enum rp_fo_property property,
                                   const struct rp_fo_assignment *assign) = {
    [TEXT] = rp_fo_apply_text_property,
    [BOX] = rp_fo_apply_box_property,
    [PAGE] = rp_fo_apply_page_property,
    [OBJECT] = rp_fo_apply_object_property,
    [GRAPHIC] = rp_fo_apply_graphic_property,
};

/*
 * Every property we know by its full name, in strcmp order: every attribute
 * of a document is looked up, by binary search rather than one comparison
 * per property.
 */
static const struct property_row {
    const char *name;
    enum rp_fo_property property;
    enum family family;
} properties[] = {
    {"absolute-position", RP_FO_PROP_ABSOLUTE_POSITION, BOX},
    {"background-color", RP_FO_PROP_BACKGROUND_COLOR, BOX},
    {"baseline-shift", RP_FO_PROP_BASELINE_SHIFT, TEXT},
    {"blank-or-not-blank", RP_FO_PROP_BLANK_OR_NOT_BLANK, PAGE},
    {"block-progression-dimension", RP_FO_PROP_BLOCK_PROGRESSION_DIMENSION,
     BOX},
    {"block-progression-dimension.minimum",
     RP_FO_PROP_BLOCK_PROGRESSION_DIMENSION_MINIMUM, BOX},
    /* FOP sizes a block-container by the optimum of its range. */
    {"block-progression-dimension.optimum",
     RP_FO_PROP_BLOCK_PROGRESSION_DIMENSION, BOX},
    {"border", RP_FO_PROP_BORDER, BOX},
    {"border-collapse", RP_FO_PROP_BORDER_COLLAPSE, OBJECT},
    {"border-separation", RP_FO_PROP_BORDER_SEPARATION, OBJECT},
    {"border-separation.block-progression-direction",
     RP_FO_PROP_BORDER_SEPARATION_BLOCK_PROGRESSION_DIRECTION, OBJECT},
    {"border-separation.inline-progression-direction",
     RP_FO_PROP_BORDER_SEPARATION_INLINE_PROGRESSION_DIRECTION, OBJECT},
    {"border-spacing", RP_FO_PROP_BORDER_SPACING, OBJECT},
    {"bottom", RP_FO_PROP_BOTTOM, BOX},
    {"break-after", RP_FO_PROP_BREAK_AFTER, PAGE},
    {"break-before", RP_FO_PROP_BREAK_BEFORE, PAGE},
    {"character", RP_FO_PROP_CHARACTER, TEXT},
    {"color", RP_FO_PROP_COLOR, TEXT},
    {"column-count", RP_FO_PROP_COLUMN_COUNT, PAGE},
    {"column-gap", RP_FO_PROP_COLUMN_GAP, PAGE},
    {"column-number", RP_FO_PROP_COLUMN_NUMBER, OBJECT},
    {"column-width", RP_FO_PROP_COLUMN_WIDTH, BOX},
    {"content-height", RP_FO_PROP_CONTENT_HEIGHT, GRAPHIC},
    {"content-type", RP_FO_PROP_CONTENT_TYPE, GRAPHIC},
    {"content-width", RP_FO_PROP_CONTENT_WIDTH, GRAPHIC},
    {"country", RP_FO_PROP_COUNTRY, TEXT},
    {"destination-placement-offset", RP_FO_PROP_DESTINATION_PLACEMENT_OFFSET,
     OBJECT},
    {"display-align", RP_FO_PROP_DISPLAY_ALIGN, BOX},
    {"end-indent", RP_FO_PROP_END_INDENT, BOX},
    {"ends-row", RP_FO_PROP_ENDS_ROW, OBJECT},
    {"extent", RP_FO_PROP_EXTENT, PAGE},
    {"external-destination", RP_FO_PROP_EXTERNAL_DESTINATION, OBJECT},
    {"flow-name", RP_FO_PROP_FLOW_NAME, PAGE},
    {"font", RP_FO_PROP_FONT, TEXT},
    {"font-family", RP_FO_PROP_FONT_FAMILY, TEXT},
    {"font-selection-strategy", RP_FO_PROP_FONT_SELECTION_STRATEGY, TEXT},
    {"font-size", RP_FO_PROP_FONT_SIZE, TEXT},
    {"font-stretch", RP_FO_PROP_FONT_STRETCH, TEXT},
    {"font-style", RP_FO_PROP_FONT_STYLE, TEXT},
    {"font-weight", RP_FO_PROP_FONT_WEIGHT, TEXT},
    {"force-page-count", RP_FO_PROP_FORCE_PAGE_COUNT, PAGE},
    {"format", RP_FO_PROP_FORMAT, PAGE},
    /* FOP's extension attribute, read in its namespace (resolve.c). */
    {"fox:alt-text", RP_FO_PROP_FOX_ALT_TEXT, OBJECT},
    {"grouping-separator", RP_FO_PROP_GROUPING_SEPARATOR, PAGE},
    {"grouping-size", RP_FO_PROP_GROUPING_SIZE, PAGE},
    {"height", RP_FO_PROP_HEIGHT, BOX},
    {"hyphenate", RP_FO_PROP_HYPHENATE, TEXT},
    {"hyphenation-character", RP_FO_PROP_HYPHENATION_CHARACTER, TEXT},
    {"hyphenation-push-character-count",
     RP_FO_PROP_HYPHENATION_PUSH_CHARACTER_COUNT, TEXT},
    {"hyphenation-remain-character-count",
     RP_FO_PROP_HYPHENATION_REMAIN_CHARACTER_COUNT, TEXT},
    {"id", RP_FO_PROP_ID, OBJECT},
    {"indicate-destination", RP_FO_PROP_INDICATE_DESTINATION, OBJECT},
    {"initial-page-number", RP_FO_PROP_INITIAL_PAGE_NUMBER, PAGE},
    {"inline-progression-dimension", RP_FO_PROP_INLINE_PROGRESSION_DIMENSION,
     BOX},
    {"inline-progression-dimension.optimum",
     RP_FO_PROP_INLINE_PROGRESSION_DIMENSION, BOX},
    {"internal-destination", RP_FO_PROP_INTERNAL_DESTINATION, OBJECT},
    {"keep-together", RP_FO_PROP_KEEP_TOGETHER, PAGE},
    {"keep-with-next", RP_FO_PROP_KEEP_WITH_NEXT, PAGE},
    {"keep-with-previous", RP_FO_PROP_KEEP_WITH_PREVIOUS, PAGE},
    {"language", RP_FO_PROP_LANGUAGE, TEXT},
    {"leader-alignment", RP_FO_PROP_LEADER_ALIGNMENT, OBJECT},
    {"leader-length", RP_FO_PROP_LEADER_LENGTH, OBJECT},
    {"leader-length.maximum", RP_FO_PROP_LEADER_LENGTH_MAXIMUM, OBJECT},
    {"leader-length.minimum", RP_FO_PROP_LEADER_LENGTH_MINIMUM, OBJECT},
    {"leader-length.optimum", RP_FO_PROP_LEADER_LENGTH_OPTIMUM, OBJECT},
    {"leader-pattern", RP_FO_PROP_LEADER_PATTERN, OBJECT},
    {"leader-pattern-width", RP_FO_PROP_LEADER_PATTERN_WIDTH, OBJECT},
    {"left", RP_FO_PROP_LEFT, BOX},
    {"letter-spacing", RP_FO_PROP_LETTER_SPACING, TEXT},
    {"letter-value", RP_FO_PROP_LETTER_VALUE, PAGE},
    {"line-height", RP_FO_PROP_LINE_HEIGHT, TEXT},
    {"line-height-shift-adjustment", RP_FO_PROP_LINE_HEIGHT_SHIFT_ADJUSTMENT,
     TEXT},
    {"linefeed-treatment", RP_FO_PROP_LINEFEED_TREATMENT, TEXT},
    {"margin", RP_FO_PROP_MARGIN, BOX},
    {"marker-class-name", RP_FO_PROP_MARKER_CLASS_NAME, PAGE},
    {"master-name", RP_FO_PROP_MASTER_NAME, PAGE},
    {"master-reference", RP_FO_PROP_MASTER_REFERENCE, PAGE},
    {"maximum-repeats", RP_FO_PROP_MAXIMUM_REPEATS, PAGE},
    {"number-columns-repeated", RP_FO_PROP_NUMBER_COLUMNS_REPEATED, OBJECT},
    {"number-columns-spanned", RP_FO_PROP_NUMBER_COLUMNS_SPANNED, OBJECT},
    {"number-rows-spanned", RP_FO_PROP_NUMBER_ROWS_SPANNED, OBJECT},
    {"odd-or-even", RP_FO_PROP_ODD_OR_EVEN, PAGE},
    {"orphans", RP_FO_PROP_ORPHANS, PAGE},
    {"overflow", RP_FO_PROP_OVERFLOW, BOX},
    {"padding", RP_FO_PROP_PADDING, BOX},
    {"page-height", RP_FO_PROP_PAGE_HEIGHT, PAGE},
    {"page-position", RP_FO_PROP_PAGE_POSITION, PAGE},
    {"page-width", RP_FO_PROP_PAGE_WIDTH, PAGE},
    {"precedence", RP_FO_PROP_PRECEDENCE, PAGE},
    {"provisional-distance-between-starts",
     RP_FO_PROP_PROVISIONAL_DISTANCE_BETWEEN_STARTS, OBJECT},
    {"provisional-label-separation", RP_FO_PROP_PROVISIONAL_LABEL_SEPARATION,
     OBJECT},
    {"ref-id", RP_FO_PROP_REF_ID, OBJECT},
    {"reference-orientation", RP_FO_PROP_REFERENCE_ORIENTATION, BOX},
    {"region-name", RP_FO_PROP_REGION_NAME, PAGE},
    {"relative-align", RP_FO_PROP_RELATIVE_ALIGN, BOX},
    {"retrieve-boundary", RP_FO_PROP_RETRIEVE_BOUNDARY, PAGE},
    {"retrieve-class-name", RP_FO_PROP_RETRIEVE_CLASS_NAME, PAGE},
    {"retrieve-position", RP_FO_PROP_RETRIEVE_POSITION, PAGE},
    {"right", RP_FO_PROP_RIGHT, BOX},
    {"role", RP_FO_PROP_ROLE, OBJECT},
    {"rule-style", RP_FO_PROP_RULE_STYLE, OBJECT},
    {"rule-thickness", RP_FO_PROP_RULE_THICKNESS, OBJECT},
    {"scaling", RP_FO_PROP_SCALING, GRAPHIC},
    {"scaling-method", RP_FO_PROP_SCALING_METHOD, GRAPHIC},
    {"show-destination", RP_FO_PROP_SHOW_DESTINATION, OBJECT},
    {"space-after", RP_FO_PROP_SPACE_AFTER, BOX},
    {"space-before", RP_FO_PROP_SPACE_BEFORE, BOX},
    {"span", RP_FO_PROP_SPAN, PAGE},
    {"src", RP_FO_PROP_SRC, GRAPHIC},
    {"start-indent", RP_FO_PROP_START_INDENT, BOX},
    {"starting-state", RP_FO_PROP_STARTING_STATE, OBJECT},
    {"starts-row", RP_FO_PROP_STARTS_ROW, OBJECT},
    {"table-layout", RP_FO_PROP_TABLE_LAYOUT, OBJECT},
    {"table-omit-footer-at-break", RP_FO_PROP_TABLE_OMIT_FOOTER_AT_BREAK,
     OBJECT},
    {"table-omit-header-at-break", RP_FO_PROP_TABLE_OMIT_HEADER_AT_BREAK,
     OBJECT},
    {"text-align", RP_FO_PROP_TEXT_ALIGN, TEXT},
    {"text-align-last", RP_FO_PROP_TEXT_ALIGN_LAST, TEXT},
    {"text-decoration", RP_FO_PROP_TEXT_DECORATION, TEXT},
    {"text-indent", RP_FO_PROP_TEXT_INDENT, TEXT},
    {"top", RP_FO_PROP_TOP, BOX},
    {"vertical-align", RP_FO_PROP_VERTICAL_ALIGN, TEXT},
    {"white-space", RP_FO_PROP_WHITE_SPACE, TEXT},
    {"white-space-collapse", RP_FO_PROP_WHITE_SPACE_COLLAPSE, TEXT},
    {"white-space-treatment", RP_FO_PROP_WHITE_SPACE_TREATMENT, TEXT},
    {"widows", RP_FO_PROP_WIDOWS, PAGE},
    {"width", RP_FO_PROP_WIDTH, BOX},
    {"wrap-option", RP_FO_PROP_WRAP_OPTION, TEXT},
    {"writing-mode", RP_FO_PROP_WRITING_MODE, BOX},
    {"z-index", RP_FO_PROP_Z_INDEX, BOX},
};

static int find_property_name(const void *key, const void *entry)
{
    return strcmp(key, ((const struct property_row *)entry)->name);
}

/* The row of the property called name, or NULL for one not in the table. */
static const struct property_row *property_of(const char *name)
{
    return bsearch(name, properties, sizeof(properties) / sizeof(properties[0]),
                   sizeof(properties[0]), find_property_name);
}

/*
 * Returns 1 when the property was handled, 0 when its value is invalid, -1
 * when the property is not one we support.
 */
int rp_fo_apply_property(struct rp_fo_props *p,
                         const struct rp_fo_props *parent, const char *name,
                         const char *value, struct rp_fo_specified *spec,
                         struct rp_fo_strings *strings,
                         struct rp_fo_value_cache *cache)
{
    struct rp_fo_assignment assign = {.p = p,
                                      .parent = parent,
                                      .value = value,
                                      .spec = spec,
                                      .strings = strings,
                                      .cache = cache};
    const struct property_row *row;
    const char *dot;
    char base[64];

    /* space-before.optimum and friends: we use one value per space. */
    dot = strchr(name, '.');
    if (dot && (size_t)(dot - name) < sizeof(base)) {
        memcpy(base, name, (size_t)(dot - name));
        base[dot - name] = '\0';
        if ((!strcmp(base, "space-before") || !strcmp(base, "space-after")) &&
            (!strcmp(dot, ".optimum") || !strcmp(dot, ".minimum") ||
             !strcmp(dot, ".maximum") || !strcmp(dot, ".conditionality") ||
             !strcmp(dot, ".precedence"))) {
            if (strcmp(dot, ".optimum") != 0)
                return 1; /* min/max/conditionality: not yet used */
            name = base;
        } else if (!strcmp(base, "border-separation") ||
                   !strcmp(base, "leader-length") ||
                   !strcmp(base, "block-progression-dimension") ||
                   !strcmp(base, "inline-progression-dimension")) {
            /* handled below under their full names */
        } else if (!strcmp(base, "keep-together") ||
                   !strcmp(base, "keep-with-next") ||
                   !strcmp(base, "keep-with-previous")) {
            name = base; /* .within-page / .within-column / .within-line */
        } else if (!strcmp(dot, ".length") || !strcmp(dot, ".conditionality")) {
            name = base;
            if (strcmp(dot, ".conditionality") == 0)
                return 1;
        } else {
            return -1;
        }
    }
    row = property_of(name);
    if (!row)
        return rp_fo_apply_side_property(p, name, value, spec, cache);
    assign.name = name;
    return apply_family[row->family](row->property, &assign);
}
