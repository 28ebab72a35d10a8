/*
 * Pagination properties, applied to an element's props: page masters and
 * their regions, how a page sequence picks its masters and numbers its
 * pages, breaks and keeps, and markers retrieved into static content.  A
 * row of the property table (property.c) sends them here.
 */
#include "fo_internal.h"

#include <stdlib.h>
#include <string.h>

int rp_fo_apply_page_property(enum rp_fo_property property,
                              const struct rp_fo_assignment *assign)
{
    struct rp_fo_props *p = assign->p;
    const char *name = assign->name, *value = assign->value;
    struct rp_fo_strings *strings = assign->strings;

    switch (property) {
    case RP_FO_PROP_BREAK_BEFORE:
    case RP_FO_PROP_BREAK_AFTER: {
        enum rp_fo_break b;
        if (!strcmp(value, "auto"))
            b = RP_FO_BREAK_AUTO;
        else if (!strcmp(value, "page") || !strcmp(value, "column"))
            b = RP_FO_BREAK_PAGE;
        else if (!strcmp(value, "odd-page"))
            b = RP_FO_BREAK_ODD_PAGE;
        else if (!strcmp(value, "even-page"))
            b = RP_FO_BREAK_EVEN_PAGE;
        else
            return 0;
        if (name[6] == 'b')
            p->break_before = b;
        else
            p->break_after = b;
        break;
    }
    case RP_FO_PROP_KEEP_WITH_NEXT:
        p->keep_with_next = strcmp(value, "auto") != 0;
        break;
    case RP_FO_PROP_KEEP_WITH_PREVIOUS:
        p->keep_with_previous = strcmp(value, "auto") != 0;
        break;
    case RP_FO_PROP_KEEP_TOGETHER:
        p->keep_together = strcmp(value, "auto") != 0;
        break;
    case RP_FO_PROP_ORPHANS:
    case RP_FO_PROP_WIDOWS: {
        char *end;
        long n = strtol(value, &end, 10);
        /* 0, as FOP takes it, asks for nothing: as 1 does. */
        if (end == value || *rp_fo_skip_space(end) || n < 0 || n > 100)
            return 0;
        if (name[0] == 'o')
            p->orphans = (int)n;
        else
            p->widows = (int)n;
        break;
    }
    case RP_FO_PROP_REGION_NAME:
        p->region_name = rp_fo_strings_intern(strings, value);
        break;
    case RP_FO_PROP_PRECEDENCE:
        p->precedence = !strcmp(value, "true");
        break;
    case RP_FO_PROP_PAGE_POSITION: {
        static const char *const names[] = {"any", "first", "last", "rest",
                                            "only"};
        size_t i;
        for (i = 0; i < 5 && strcmp(value, names[i]); i++)
            ;
        if (i == 5)
            return 0;
        p->page_position = (enum rp_fo_page_position)i;
        break;
    }
    case RP_FO_PROP_ODD_OR_EVEN:
        if (!strcmp(value, "any"))
            p->odd_or_even = RP_FO_PARITY_ANY;
        else if (!strcmp(value, "odd"))
            p->odd_or_even = RP_FO_PARITY_ODD;
        else if (!strcmp(value, "even"))
            p->odd_or_even = RP_FO_PARITY_EVEN;
        else
            return 0;
        break;
    case RP_FO_PROP_BLANK_OR_NOT_BLANK:
        if (!strcmp(value, "any"))
            p->blank_or_not_blank = RP_FO_BLANK_ANY;
        else if (!strcmp(value, "blank"))
            p->blank_or_not_blank = RP_FO_BLANK;
        else if (!strcmp(value, "not-blank"))
            p->blank_or_not_blank = RP_FO_NOT_BLANK;
        else
            return 0;
        break;
    case RP_FO_PROP_MAXIMUM_REPEATS: {
        char *end;
        long n = strtol(value, &end, 10);
        if (!strcmp(value, "no-limit"))
            p->maximum_repeats = -1;
        else if (end != value && !*rp_fo_skip_space(end) && n >= 0 &&
                 n < 1000000)
            p->maximum_repeats = (int)n;
        else
            return 0;
        break;
    }
    case RP_FO_PROP_FORCE_PAGE_COUNT: {
        static const char *const names[] = {
            "auto", "even", "odd", "end-on-even", "end-on-odd", "no-force"};
        size_t i;
        for (i = 0; i < 6 && strcmp(value, names[i]); i++)
            ;
        if (i == 6)
            return 0;
        p->force_page_count = (enum rp_fo_force_count)i;
        break;
    }
    case RP_FO_PROP_MARKER_CLASS_NAME:
    case RP_FO_PROP_RETRIEVE_CLASS_NAME:
        p->marker_class = rp_fo_strings_intern(strings, value);
        break;
    case RP_FO_PROP_RETRIEVE_POSITION:
        if (!strcmp(value, "first-starting-within-page"))
            p->retrieve_position = RP_FO_RETRIEVE_FIRST_STARTING;
        else if (!strcmp(value, "first-including-carryover"))
            p->retrieve_position = RP_FO_RETRIEVE_FIRST_INCLUDING_CARRYOVER;
        else if (!strcmp(value, "last-starting-within-page"))
            p->retrieve_position = RP_FO_RETRIEVE_LAST_STARTING;
        else if (!strcmp(value, "last-ending-within-page"))
            p->retrieve_position = RP_FO_RETRIEVE_LAST_ENDING;
        else
            return 0;
        break;
    case RP_FO_PROP_RETRIEVE_BOUNDARY:
        if (!strcmp(value, "page-sequence"))
            p->retrieve_boundary = RP_FO_BOUNDARY_PAGE_SEQUENCE;
        else if (!strcmp(value, "page"))
            p->retrieve_boundary = RP_FO_BOUNDARY_PAGE;
        else if (!strcmp(value, "document"))
            p->retrieve_boundary = RP_FO_BOUNDARY_DOCUMENT;
        else
            return 0;
        break;
    case RP_FO_PROP_COLUMN_COUNT:
        return !strcmp(value, "1") ? 1 : -1; /* one column, as ours */
    case RP_FO_PROP_COLUMN_GAP:
        /* Only matters with several columns. */
        return 1;
    case RP_FO_PROP_FORMAT: {
        /* Page numbers: 1, 01, 001, i, I, a, A (XSL 7.26.1). */
        size_t n = strlen(value);
        bool digits =
            n > 0 && strspn(value, "0") == n - 1 && value[n - 1] == '1';
        if (!digits && strcmp(value, "i") && strcmp(value, "I") &&
            strcmp(value, "a") && strcmp(value, "A"))
            return 0;
        p->number_format = rp_fo_strings_intern(strings, value);
        break;
    }
    case RP_FO_PROP_GROUPING_SEPARATOR:
    case RP_FO_PROP_GROUPING_SIZE:
    case RP_FO_PROP_LETTER_VALUE:
        return 1;
    case RP_FO_PROP_PAGE_WIDTH:
        return rp_fo_parse_length(value, p->font_size, &p->page_width);
    case RP_FO_PROP_PAGE_HEIGHT:
        return rp_fo_parse_length(value, p->font_size, &p->page_height);
    case RP_FO_PROP_EXTENT:
        return rp_fo_parse_length(value, p->font_size, &p->extent);
    case RP_FO_PROP_MASTER_NAME:
        p->master_name = rp_fo_strings_intern(strings, value);
        break;
    case RP_FO_PROP_MASTER_REFERENCE:
        p->master_reference = rp_fo_strings_intern(strings, value);
        break;
    case RP_FO_PROP_FLOW_NAME:
        p->flow_name = rp_fo_strings_intern(strings, value);
        break;
    case RP_FO_PROP_INITIAL_PAGE_NUMBER: {
        char *end;
        long n = strtol(value, &end, 10);
        if (!strcmp(value, "auto"))
            p->initial_page_number = 0;
        else if (!strcmp(value, "auto-odd"))
            p->initial_parity = RP_FO_PARITY_ODD;
        else if (!strcmp(value, "auto-even"))
            p->initial_parity = RP_FO_PARITY_EVEN;
        else if (end != value && !*rp_fo_skip_space(end) && n > 0 &&
                 n < 1000000)
            p->initial_page_number = (int)n;
        else
            return 0;
        break;
    }
    default:
        return -1; /* not of this family: see the table in property.c */
    }
    return 1;
}
