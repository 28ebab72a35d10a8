/*
 * The property table (property.c): one row per FO property known by its
 * full name, stating its facts once: whether it is inherited, its initial
 * value, the function that parses it and the fields of struct rp_fo_props
 * it lands in.  The initial values of a document (rp_fo_props_initial),
 * which fields an element inherits from its parent (rp_fo_inherited_init)
 * and how an attribute is applied (rp_fo_property_find, _apply) are all
 * read from the rows.  Adding a property is adding a row, a field and,
 * unless a generic one fits, a setter.
 *
 * A row's setter parses the attribute's value and writes it at field, the
 * first byte of the row's fields in the element's props (NULL for none).  A
 * shorthand (font, margin, border, white-space ...) lands in fields that are
 * not side by side: its row has no fields (size 0) and its setter writes the
 * props itself.  Setters return 1 when the value was applied, 0 when it
 * is not a valid value, -1 when it is a value we do not support (warned,
 * ignored).
 *
 * Properties named for a side (margin-top, padding-before,
 * border-after-width ...) have no row: sides.c and box_props.c take the
 * name apart (none of them is inherited).
 */
#ifndef RP_FO_PROPERTY_H
#define RP_FO_PROPERTY_H

#include "fo_internal.h"

/* An attribute being applied to an element's props; all borrowed. */
struct rp_fo_assignment {
    struct rp_fo_props *p;
    const struct rp_fo_props *parent;
    const char *value;
    struct rp_fo_specified *spec;
    struct rp_fo_strings *strings;
    struct rp_fo_value_cache *cache;
};

typedef int rp_fo_setter(const struct rp_fo_assignment *a, void *field);

/* What a component (space-before.optimum) of a property does. */
enum rp_fo_component_use {
    RP_FO_COMPONENT_WHOLE,   /* applied as the property itself */
    RP_FO_COMPONENT_IGNORED, /* accepted, not used */
    RP_FO_COMPONENT_UNKNOWN, /* not supported: warned */
};

struct rp_fo_property_row {
    const char *name;
    /* Inherited: an element starts from its parent's value.  Some
     * properties XSL does not inherit are carried to descendants all the
     * same (links, decorations, baseline shift, list distances) so that
     * text in nested inlines keeps them: they say true here. */
    bool inherited;
    /* Resolved before the element's other attributes, whose em lengths
     * count from it (font-size). */
    bool early;
    /* The initial value as FO text, parsed by set at document start
     * (against zero props, rows in table order); NULL: all bits zero. */
    const char *initial;
    rp_fo_setter *set;
    size_t offset, size; /* its fields in struct rp_fo_props; size 0: none */
    /* What name.component means; NULL: .length is the property itself and
     * .conditionality is accepted (lengths-conditional), others unknown. */
    enum rp_fo_component_use (*component)(const char *component);
};

/* The rows, sorted by name (strcmp); *n gets their number. */
const struct rp_fo_property_row *rp_fo_property_rows(size_t *n);

/* An attribute name looked up once, applied later. */
struct rp_fo_found {
    const struct rp_fo_property_row *row; /* NULL: a side name or none */
    enum rp_fo_component_use use;
};
struct rp_fo_found rp_fo_property_find(const char *name);
/* Applies a found name's value; returns as the setters do. */
int rp_fo_property_apply(struct rp_fo_found found, const char *name,
                         const struct rp_fo_assignment *a);

/* XSL's universal inherit keyword (inherit.c). */
/* Whether value is "inherit". */
bool rp_fo_is_inherit(const char *value);
/*
 * Gives the property found as name its parent's computed value: the
 * row's fields copied from parent, or for a shorthand or side name with
 * no fields the fields it names; false for a name we do not know.
 */
bool rp_fo_inherit_property(struct rp_fo_found found, const char *name,
                            const struct rp_fo_assignment *a);

/*
 * The setters the rows name, by the file that holds them.  Generic ones
 * (property.c) write the type their name says into field.
 */
int rp_fo_set_length(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_string(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_color(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_true(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_boolean(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_not_auto(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_accepted(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_expression(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_span_count(const struct rp_fo_assignment *a, void *field);

/* text_props.c */
int rp_fo_set_font(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_font_size(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_font_weight(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_font_style(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_letter_spacing(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_text_align(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_text_align_last(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_line_height(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_white_space_collapse(const struct rp_fo_assignment *a,
                                   void *field);
int rp_fo_set_text_decoration(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_baseline_shift(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_vertical_align(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_linefeed_treatment(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_wrap_option(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_shift_adjustment(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_white_space(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_hyphenate(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_language(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_country(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_hyphenation_count(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_hyphenation_character(const struct rp_fo_assignment *a,
                                    void *field);

/* box_props.c */
int rp_fo_set_start_indent(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_end_indent(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_margin(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_padding(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_border(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_display_align(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_writing_mode(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_reference_orientation(const struct rp_fo_assignment *a,
                                    void *field);
int rp_fo_set_min_height(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_height(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_absolute_position(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_offset(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_z_index(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_overflow(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_width(const struct rp_fo_assignment *a, void *field);

/* page_props.c */
int rp_fo_set_break(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_line_count(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_page_position(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_parity(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_blank_or_not_blank(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_maximum_repeats(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_force_page_count(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_retrieve_position(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_retrieve_boundary(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_column_count(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_column_gap(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_span(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_format(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_initial_page_number(const struct rp_fo_assignment *a,
                                  void *field);

/* object_props.c */
int rp_fo_set_border_collapse(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_border_separation(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_destination(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_internal_destination(const struct rp_fo_assignment *a,
                                   void *field);
int rp_fo_set_leader_pattern(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_leader_length(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_leader_length_limit(const struct rp_fo_assignment *a,
                                  void *field);
int rp_fo_set_leader_length_maximum(const struct rp_fo_assignment *a,
                                    void *field);
int rp_fo_set_rule_style(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_leader_pattern_width(const struct rp_fo_assignment *a,
                                   void *field);
int rp_fo_set_starting_state(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_table_layout(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_role(const struct rp_fo_assignment *a, void *field);

/* graphic_props.c */
int rp_fo_set_content_size(const struct rp_fo_assignment *a, void *field);
int rp_fo_set_scaling(const struct rp_fo_assignment *a, void *field);

#endif
