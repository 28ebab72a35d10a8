/*
 * Properties of particular formatting objects, applied to an element's
 * props: tables (border model, spans, columns, headers and footers at
 * breaks), lists, leaders and rules, links and bookmarks, and the id and
 * ref-id they point with.  A row of the property table (property.c) sends
 * them here.
 */
#include "fo_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int rp_fo_apply_object_property(enum rp_fo_property property,
                                const struct rp_fo_assignment *assign)
{
    struct rp_fo_props *p = assign->p;
    const struct rp_fo_props *parent = assign->parent;
    const char *name = assign->name, *value = assign->value;
    struct rp_fo_strings *strings = assign->strings;
    double len;

    switch (property) {
    case RP_FO_PROP_PROVISIONAL_DISTANCE_BETWEEN_STARTS:
        return rp_fo_eval_length(value, p->font_size, parent,
                                 &p->list_distance_between_starts, NULL);
    case RP_FO_PROP_PROVISIONAL_LABEL_SEPARATION:
        return rp_fo_eval_length(value, p->font_size, parent,
                                 &p->list_label_separation, NULL);
    case RP_FO_PROP_BORDER_COLLAPSE:
        if (!strcmp(value, "collapse") ||
            !strcmp(value, "collapse-with-precedence"))
            p->border_separate = false;
        else if (!strcmp(value, "separate"))
            p->border_separate = true;
        else
            return 0;
        break;
    case RP_FO_PROP_BORDER_SEPARATION:
    case RP_FO_PROP_BORDER_SPACING: {
        char tokens[2][64];
        int n = rp_fo_split_tokens(value, tokens, 2);
        if (n < 1 ||
            !rp_fo_parse_length(tokens[0], p->font_size,
                                &p->border_separation[0]) ||
            !rp_fo_parse_length(tokens[n - 1], p->font_size,
                                &p->border_separation[1]))
            return 0;
        break;
    }
    case RP_FO_PROP_BORDER_SEPARATION_INLINE_PROGRESSION_DIRECTION:
        return rp_fo_parse_length(value, p->font_size,
                                  &p->border_separation[0]);
    case RP_FO_PROP_BORDER_SEPARATION_BLOCK_PROGRESSION_DIRECTION:
        return rp_fo_parse_length(value, p->font_size,
                                  &p->border_separation[1]);
    case RP_FO_PROP_NUMBER_ROWS_SPANNED: {
        char *end;
        long n = strtol(value, &end, 10);
        if (end == value || *rp_fo_skip_space(end) || n < 1 || n > 1000)
            return 0;
        p->rows_spanned = (int)n;
        break;
    }
    case RP_FO_PROP_STARTS_ROW:
    case RP_FO_PROP_ENDS_ROW: {
        bool *flag =
            property == RP_FO_PROP_STARTS_ROW ? &p->starts_row : &p->ends_row;
        if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0)
            return 0;
        *flag = !strcmp(value, "true");
        break;
    }
    case RP_FO_PROP_TABLE_OMIT_FOOTER_AT_BREAK:
        p->omit_footer_at_break = !strcmp(value, "true");
        break;
    case RP_FO_PROP_INTERNAL_DESTINATION:
    case RP_FO_PROP_EXTERNAL_DESTINATION: {
        const char *v = rp_fo_skip_space(value);
        char uri[2048];
        size_t n;
        if (!*v)
            return 1;
        /* url('...') or url(...) as XSL writes URIs; bare text as FOP. */
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
        p->link = rp_fo_strings_intern(strings, uri);
        p->link_internal = name[0] == 'i';
        break;
    }
    case RP_FO_PROP_SHOW_DESTINATION:
    case RP_FO_PROP_INDICATE_DESTINATION:
    case RP_FO_PROP_DESTINATION_PLACEMENT_OFFSET:
        return 1;
    case RP_FO_PROP_LEADER_PATTERN:
        if (!strcmp(value, "space"))
            p->leader_pattern = RP_FO_LEADER_SPACE;
        else if (!strcmp(value, "rule"))
            p->leader_pattern = RP_FO_LEADER_RULE;
        else if (!strcmp(value, "dots"))
            p->leader_pattern = RP_FO_LEADER_DOTS;
        else if (!strcmp(value, "use-content"))
            p->leader_pattern = RP_FO_LEADER_USE_CONTENT;
        else
            return 0;
        break;
    case RP_FO_PROP_LEADER_LENGTH: {
        double pct;
        if (rp_fo_parse_percent(value, &pct) && pct >= 100) {
            p->leader_max = -1;
            return 1;
        }
        if (!rp_fo_parse_length(value, p->font_size, &len))
            return 0;
        p->leader_min = p->leader_opt = p->leader_max = len;
        break;
    }
    case RP_FO_PROP_LEADER_LENGTH_MINIMUM:
    case RP_FO_PROP_LEADER_LENGTH_OPTIMUM:
    case RP_FO_PROP_LEADER_LENGTH_MAXIMUM: {
        double pct;
        char which = name[15];
        if (which == 'a' && rp_fo_parse_percent(value, &pct)) {
            p->leader_max = pct >= 100 ? -1 : -pct / 100.0; /* of width */
            return 1;
        }
        if (!rp_fo_parse_length(value, p->font_size, &len))
            return 0;
        if (which == 'i')
            p->leader_min = len;
        else if (which == 'p')
            p->leader_opt = len;
        else
            p->leader_max = len;
        break;
    }
    case RP_FO_PROP_RULE_THICKNESS:
        return rp_fo_parse_length(value, p->font_size, &p->rule_thickness);
    case RP_FO_PROP_RULE_STYLE:
        return rp_fo_parse_border_style(value, &p->rule_style);
    case RP_FO_PROP_LEADER_PATTERN_WIDTH:
        if (!strcmp(value, "use-font-metrics")) {
            p->leader_pattern_width = 0;
            return 1;
        }
        return rp_fo_parse_length(value, p->font_size,
                                  &p->leader_pattern_width);
    case RP_FO_PROP_LEADER_ALIGNMENT:
        return 1; /* none: we do not align dots across lines yet */
    case RP_FO_PROP_COLUMN_NUMBER:
        /* Only matters with several columns or scripts we do not mix. */
        return 1;
    case RP_FO_PROP_STARTING_STATE:
        p->starting_state_show = !strcmp(value, "show");
        break;
    case RP_FO_PROP_NUMBER_COLUMNS_REPEATED:
    case RP_FO_PROP_NUMBER_COLUMNS_SPANNED: {
        char *end;
        long n = strtol(value, &end, 10);
        if (end == value || *rp_fo_skip_space(end) || n < 1 || n > 1000)
            return 0;
        if (name[15] == 'r')
            p->columns_repeated = (int)n;
        else
            p->columns_spanned = (int)n;
        break;
    }
    case RP_FO_PROP_TABLE_OMIT_HEADER_AT_BREAK:
        p->omit_header_at_break = !strcmp(value, "true");
        break;
    case RP_FO_PROP_TABLE_LAYOUT:
        if (!strcmp(value, "fixed"))
            p->table_layout_fixed = true;
        else if (!strcmp(value, "auto"))
            p->table_layout_fixed = false;
        else
            return 0;
        break;
    case RP_FO_PROP_ID:
        p->id = rp_fo_strings_intern(strings, value);
        break;
    case RP_FO_PROP_REF_ID:
        p->ref_id = rp_fo_strings_intern(strings, value);
        break;
    case RP_FO_PROP_ROLE:
        p->role = *value ? rp_fo_strings_intern(strings, value) : NULL;
        break;
    case RP_FO_PROP_FOX_ALT_TEXT:
        p->alt_text = rp_fo_strings_intern(strings, value);
        break;
    default:
        return -1; /* not of this family: see the table in property.c */
    }
    return 1;
}
