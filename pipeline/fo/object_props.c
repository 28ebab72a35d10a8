/*
 * Properties of particular formatting objects: tables (border model,
 * spans, columns, headers and footers at breaks), leaders and rules,
 * links and bookmarks, and the role tagged PDF reads: the setters the
 * rows of the property table (property.c) name.
 */
#include "property.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int rp_fo_set_border_collapse(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;

    if (!strcmp(value, "collapse") ||
        !strcmp(value, "collapse-with-precedence"))
        *(bool *)field = false;
    else if (!strcmp(value, "separate"))
        *(bool *)field = true;
    else
        return 0;
    return 1;
}

/* border-separation, border-spacing: one length, or inline then block. */
int rp_fo_set_border_separation(const struct rp_fo_assignment *a, void *field)
{
    double *separation = field;
    char tokens[2][64];
    int n = rp_fo_split_tokens(a->value, tokens, 2);

    if (n < 1 ||
        !rp_fo_parse_length(tokens[0], a->p->font_size, &separation[0]) ||
        !rp_fo_parse_length(tokens[n - 1], a->p->font_size, &separation[1]))
        return 0;
    return 1;
}

/* url('...') or url(...) as XSL writes URIs; bare text as FOP. */
static int set_link(const struct rp_fo_assignment *a, bool internal)
{
    const char *v = rp_fo_skip_space(a->value);
    char uri[2048];
    size_t n;

    if (!*v)
        return 1;
    if (!strncmp(v, "url(", 4)) {
        v = rp_fo_skip_space(v + 4);
        n = strlen(v);
        while (n && (isspace((unsigned char)v[n - 1]) || v[n - 1] == ')'))
            n--;
        if (n && (*v == '\'' || *v == '"')) {
            v++;
            n -= 2;
        }
    } else {
        n = strlen(v);
    }
    if (n >= sizeof(uri))
        return 0;
    memcpy(uri, v, n);
    uri[n] = '\0';
    a->p->link = rp_fo_strings_intern(a->strings, uri);
    a->p->link_internal = internal;
    return 1;
}

/* external-destination: a URI. */
int rp_fo_set_destination(const struct rp_fo_assignment *a, void *field)
{
    (void)field;
    return set_link(a, false);
}

/* internal-destination: an id. */
int rp_fo_set_internal_destination(const struct rp_fo_assignment *a,
                                   void *field)
{
    (void)field;
    return set_link(a, true);
}

int rp_fo_set_leader_pattern(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    enum rp_fo_leader_pattern *pattern = field;

    if (!strcmp(value, "space"))
        *pattern = RP_FO_LEADER_SPACE;
    else if (!strcmp(value, "rule"))
        *pattern = RP_FO_LEADER_RULE;
    else if (!strcmp(value, "dots"))
        *pattern = RP_FO_LEADER_DOTS;
    else if (!strcmp(value, "use-content"))
        *pattern = RP_FO_LEADER_USE_CONTENT;
    else
        return 0;
    return 1;
}

/* leader-length: one length for all three, or 100% and more (no limit). */
int rp_fo_set_leader_length(const struct rp_fo_assignment *a, void *field)
{
    struct rp_fo_props *p = a->p;
    double pct, len;

    (void)field;
    if (rp_fo_parse_percent(a->value, &pct) && pct >= 100) {
        p->leader_max = -1;
        return 1;
    }
    if (!rp_fo_parse_length(a->value, p->font_size, &len))
        return 0;
    p->leader_min = p->leader_opt = p->leader_max = len;
    return 1;
}

/* leader-length.maximum: a percentage of the line's width, or a length. */
int rp_fo_set_leader_length_maximum(const struct rp_fo_assignment *a,
                                    void *field)
{
    double pct;

    if (rp_fo_parse_percent(a->value, &pct)) {
        *(double *)field = pct >= 100 ? -1 : -pct / 100.0; /* of width */
        return 1;
    }
    return rp_fo_set_length(a, field);
}

int rp_fo_set_rule_style(const struct rp_fo_assignment *a, void *field)
{
    return rp_fo_parse_border_style(a->value, field);
}

int rp_fo_set_leader_pattern_width(const struct rp_fo_assignment *a,
                                   void *field)
{
    if (!strcmp(a->value, "use-font-metrics")) {
        *(double *)field = 0;
        return 1;
    }
    return rp_fo_set_length(a, field);
}

/* fo:bookmark: show, or else hide. */
int rp_fo_set_starting_state(const struct rp_fo_assignment *a, void *field)
{
    *(bool *)field = !strcmp(a->value, "show");
    return 1;
}

int rp_fo_set_table_layout(const struct rp_fo_assignment *a, void *field)
{
    if (!strcmp(a->value, "fixed"))
        *(bool *)field = true;
    else if (!strcmp(a->value, "auto"))
        *(bool *)field = false;
    else
        return 0;
    return 1;
}

/* Tagged PDF's structure type (H1, Figure ...); empty: none. */
int rp_fo_set_role(const struct rp_fo_assignment *a, void *field)
{
    if (!*a->value) {
        *(const char **)field = NULL;
        return 1;
    }
    return rp_fo_set_string(a, field);
}
