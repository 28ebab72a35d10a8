/*
 * Pagination properties: page masters and their regions, how a page
 * sequence picks its masters and numbers its pages, breaks and keeps,
 * and markers retrieved into static content: the setters the rows of the
 * property table (property.c) name.
 */
#include "property.h"

#include <stdlib.h>
#include <string.h>

/* The index of value among n names, or -1. */
static int keyword_index(const char *value, const char *const *names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!strcmp(value, names[i]))
            return (int)i;
    }
    return -1;
}

/* break-before, break-after. */
int rp_fo_set_break(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    enum rp_fo_break *b = field;

    if (!strcmp(value, "auto"))
        *b = RP_FO_BREAK_AUTO;
    else if (!strcmp(value, "column"))
        *b = RP_FO_BREAK_COLUMN;
    else if (!strcmp(value, "page"))
        *b = RP_FO_BREAK_PAGE;
    else if (!strcmp(value, "odd-page"))
        *b = RP_FO_BREAK_ODD_PAGE;
    else if (!strcmp(value, "even-page"))
        *b = RP_FO_BREAK_EVEN_PAGE;
    else
        return 0;
    return 1;
}

/* orphans, widows. */
int rp_fo_set_line_count(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    char *end;
    long n = strtol(value, &end, 10);

    if (end == value || *rp_fo_skip_space(end) || n < 0 || n > 100)
        return 0;
    *(int *)field = (int)n;
    return 1;
}

int rp_fo_set_page_position(const struct rp_fo_assignment *a, void *field)
{
    static const char *const names[] = {"any", "first", "last", "rest", "only"};
    int i = keyword_index(a->value, names, 5);

    if (i < 0)
        return 0;
    *(enum rp_fo_page_position *)field = (enum rp_fo_page_position)i;
    return 1;
}

/* odd-or-even. */
int rp_fo_set_parity(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    enum rp_fo_parity *parity = field;

    if (!strcmp(value, "any"))
        *parity = RP_FO_PARITY_ANY;
    else if (!strcmp(value, "odd"))
        *parity = RP_FO_PARITY_ODD;
    else if (!strcmp(value, "even"))
        *parity = RP_FO_PARITY_EVEN;
    else
        return 0;
    return 1;
}

int rp_fo_set_blank_or_not_blank(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    enum rp_fo_blankness *blank = field;

    if (!strcmp(value, "any"))
        *blank = RP_FO_BLANK_ANY;
    else if (!strcmp(value, "blank"))
        *blank = RP_FO_BLANK;
    else if (!strcmp(value, "not-blank"))
        *blank = RP_FO_NOT_BLANK;
    else
        return 0;
    return 1;
}

int rp_fo_set_maximum_repeats(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    char *end;
    long n = strtol(value, &end, 10);

    if (!strcmp(value, "no-limit"))
        *(int *)field = -1;
    else if (end != value && !*rp_fo_skip_space(end) && n >= 0 && n < 1000000)
        *(int *)field = (int)n;
    else
        return 0;
    return 1;
}

int rp_fo_set_force_page_count(const struct rp_fo_assignment *a, void *field)
{
    static const char *const names[] = {
        "auto", "even", "odd", "end-on-even", "end-on-odd", "no-force"};
    int i = keyword_index(a->value, names, 6);

    if (i < 0)
        return 0;
    *(enum rp_fo_force_count *)field = (enum rp_fo_force_count)i;
    return 1;
}

int rp_fo_set_retrieve_position(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    enum rp_fo_retrieve_position *position = field;

    if (!strcmp(value, "first-starting-within-page"))
        *position = RP_FO_RETRIEVE_FIRST_STARTING;
    else if (!strcmp(value, "first-including-carryover"))
        *position = RP_FO_RETRIEVE_FIRST_INCLUDING_CARRYOVER;
    else if (!strcmp(value, "last-starting-within-page"))
        *position = RP_FO_RETRIEVE_LAST_STARTING;
    else if (!strcmp(value, "last-ending-within-page"))
        *position = RP_FO_RETRIEVE_LAST_ENDING;
    else
        return 0;
    return 1;
}

int rp_fo_set_retrieve_boundary(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    enum rp_fo_retrieve_boundary *boundary = field;

    if (!strcmp(value, "page-sequence"))
        *boundary = RP_FO_BOUNDARY_PAGE_SEQUENCE;
    else if (!strcmp(value, "page"))
        *boundary = RP_FO_BOUNDARY_PAGE;
    else if (!strcmp(value, "document"))
        *boundary = RP_FO_BOUNDARY_DOCUMENT;
    else
        return 0;
    return 1;
}

/* One column, as ours; more are warned. */
/* column-count: a whole number of columns, at most a sane 64. */
int rp_fo_set_column_count(const struct rp_fo_assignment *a, void *field)
{
    char *end;
    long n = strtol(a->value, &end, 10);

    if (end == a->value || *rp_fo_skip_space(end) || n < 1 || n > 64)
        return 0;
    *(int *)field = (int)n;
    return 1;
}

int rp_fo_set_column_gap(const struct rp_fo_assignment *a, void *field)
{
    double gap;

    if (!rp_fo_parse_length(a->value, a->p->font_size, &gap) || gap < 0)
        return 0;
    *(double *)field = gap;
    return 1;
}

/* span: all or none (a block across the columns of its page). */
int rp_fo_set_span(const struct rp_fo_assignment *a, void *field)
{
    if (!strcmp(a->value, "all"))
        *(bool *)field = true;
    else if (!strcmp(a->value, "none"))
        *(bool *)field = false;
    else if (!strcmp(a->value, "inherit"))
        *(bool *)field = a->parent->span_all;
    else
        return 0;
    return 1;
}

/* Page numbers: 1, 01, 001, i, I, a, A (XSL 7.26.1). */
int rp_fo_set_format(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    size_t n = strlen(value);
    bool digits = n > 0 && strspn(value, "0") == n - 1 && value[n - 1] == '1';

    if (!digits && strcmp(value, "i") && strcmp(value, "I") &&
        strcmp(value, "a") && strcmp(value, "A"))
        return 0;
    return rp_fo_set_string(a, field);
}

/* A number, auto, or auto-odd / auto-even (into initial_parity). */
int rp_fo_set_initial_page_number(const struct rp_fo_assignment *a, void *field)
{
    struct rp_fo_props *p = a->p;
    const char *value = a->value;
    char *end;
    long n = strtol(value, &end, 10);

    (void)field;
    if (!strcmp(value, "auto"))
        p->initial_page_number = 0;
    else if (!strcmp(value, "auto-odd"))
        p->initial_parity = RP_FO_PARITY_ODD;
    else if (!strcmp(value, "auto-even"))
        p->initial_parity = RP_FO_PARITY_EVEN;
    else if (end != value && !*rp_fo_skip_space(end) && n > 0 && n < 1000000)
        p->initial_page_number = (int)n;
    else
        return 0;
    return 1;
}
