/*
 * Text properties, applied to an element's props: fonts (the font
 * shorthand too), colour, alignment, line height, white space, decoration,
 * baseline shift, hyphenation and language: what shapes the lines of a
 * paragraph.  A row of the property table (property.c) sends them here.
 */
#include "fo_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/*
 * A font-style drawn slanted.  backslant (XSL's, leaning left) has no
 * face of its own in the fonts we have; FOP draws it as its italic or
 * oblique face, and so do we.
 */
static bool is_slanted(const char *style)
{
    return !strcmp(style, "italic") || !strcmp(style, "oblique") ||
           !strcmp(style, "backslant");
}

/*
 * font: [style] [variant] [weight] size[/line-height] family-list, as CSS.
 * The size was resolved first by the caller when font-size was given; the
 * shorthand's own size is resolved here against the parent.
 */
static int apply_font_shorthand(struct rp_fo_props *p,
                                const struct rp_fo_props *parent,
                                const char *value, struct rp_fo_specified *spec,
                                struct rp_fo_strings *strings)
{
    const char *s = rp_fo_skip_space(value);
    char token[64];
    bool have_size = false;

    while (*s && !have_size) {
        size_t n = 0;
        double size;
        char *slash;
        while (s[n] && !isspace((unsigned char)s[n]) && n + 1 < sizeof(token))
            n++;
        memcpy(token, s, n);
        token[n] = '\0';
        s = rp_fo_skip_space(s + n);
        slash = strchr(token, '/');
        if (slash)
            *slash = '\0';
        if (is_slanted(token)) {
            p->font_italic = true;
        } else if (!strcmp(token, "bold")) {
            p->font_weight = 700;
        } else if (!strcmp(token, "normal") || !strcmp(token, "small-caps")) {
            /* normal resets nothing further; small-caps: not yet */
        } else if (strlen(token) == 3 && token[1] == '0' && token[2] == '0' &&
                   token[0] >= '1' && token[0] <= '9') {
            p->font_weight = (token[0] - '0') * 100;
        } else if (rp_fo_parse_length(token, parent->font_size, &size) &&
                   size > 0) {
            double factor = p->line_height / p->font_size;
            p->font_size = size;
            p->line_height = factor * size;
            have_size = true;
            if (slash) {
                double lh, f;
                char *end;
                f = strtod(slash + 1, &end);
                if (end != slash + 1 && !*end && f > 0)
                    p->line_height = f * size;
                else if (rp_fo_parse_length(slash + 1, size, &lh))
                    p->line_height = lh;
                else
                    return 0;
                spec->line_height = true;
            }
        } else {
            return 0;
        }
    }
    if (!have_size || !*s)
        return 0;
    p->font_family = rp_fo_strings_intern(strings, s);
    return 1;
}

int rp_fo_apply_text_property(enum rp_fo_property property,
                              const struct rp_fo_assignment *assign)
{
    struct rp_fo_props *p = assign->p;
    const struct rp_fo_props *parent = assign->parent;
    const char *name = assign->name, *value = assign->value;
    struct rp_fo_specified *spec = assign->spec;
    struct rp_fo_strings *strings = assign->strings;
    double len;

    switch (property) {
    case RP_FO_PROP_FONT:
        return apply_font_shorthand(p, parent, value, spec, strings);
    case RP_FO_PROP_LETTER_SPACING:
        if (!strcmp(value, "normal"))
            p->letter_spacing = 0;
        else if (!rp_fo_parse_length(value, p->font_size, &p->letter_spacing))
            return 0;
        break;
    case RP_FO_PROP_FONT_FAMILY:
        p->font_family = rp_fo_strings_intern(strings, value);
        break;
    case RP_FO_PROP_FONT_WEIGHT:
        if (!strcmp(value, "bold"))
            p->font_weight = 700;
        else if (!strcmp(value, "normal"))
            p->font_weight = 400;
        else if (!strcmp(value, "bolder"))
            p->font_weight = parent->font_weight + 300 > 900
                                 ? 900
                                 : parent->font_weight + 300;
        else if (!strcmp(value, "lighter"))
            p->font_weight = parent->font_weight - 300 < 100
                                 ? 100
                                 : parent->font_weight - 300;
        else {
            int w = atoi(value);
            if (w < 100 || w > 900 || w % 100 != 0)
                return 0;
            p->font_weight = w;
        }
        break;
    case RP_FO_PROP_FONT_STYLE:
        if (is_slanted(value))
            p->font_italic = true;
        else if (!strcmp(value, "normal"))
            p->font_italic = false;
        else
            return 0;
        break;
    case RP_FO_PROP_FONT_SIZE:
        return 1; /* resolved first, by the caller */
    case RP_FO_PROP_COLOR:
        return rp_fo_parse_color(value, &p->color);
    case RP_FO_PROP_TEXT_ALIGN:
    case RP_FO_PROP_TEXT_ALIGN_LAST: {
        enum rp_fo_text_align a;
        if (!strcmp(value, "start") || !strcmp(value, "left") ||
            !strcmp(value, "inside"))
            a = RP_FO_ALIGN_START;
        else if (!strcmp(value, "center"))
            a = RP_FO_ALIGN_CENTER;
        else if (!strcmp(value, "end") || !strcmp(value, "right") ||
                 !strcmp(value, "outside"))
            a = RP_FO_ALIGN_END;
        else if (!strcmp(value, "justify"))
            a = RP_FO_ALIGN_JUSTIFY;
        else if (!strcmp(value, "relative") && name[10] == '-')
            a = p->text_align == RP_FO_ALIGN_JUSTIFY ? RP_FO_ALIGN_START
                                                     : p->text_align;
        else
            return 0;
        if (name[10] == '-') {
            p->text_align_last = a;
            spec->text_align_last = true;
        } else {
            p->text_align = a;
        }
        break;
    }
    case RP_FO_PROP_LINE_HEIGHT: {
        double pct;
        char *end;
        double factor = strtod(value, &end);
        if (!strcmp(value, "normal"))
            p->line_height = 1.2 * p->font_size;
        else if (end != value && *rp_fo_skip_space(end) == '\0' && factor > 0 &&
                 factor * p->font_size <= RP_FO_MAX_LENGTH)
            p->line_height = factor * p->font_size;
        else if (rp_fo_parse_percent(value, &pct))
            p->line_height = pct / 100.0 * p->font_size;
        else if (rp_fo_parse_length_of(value, p->font_size, p->font_size,
                                       &len) &&
                 len > 0)
            p->line_height = len; /* percentages (120% + 2pt) of the size */
        else
            return 0;
        spec->line_height = true;
        break;
    }
    case RP_FO_PROP_TEXT_INDENT:
        return rp_fo_parse_length(value, p->font_size, &p->text_indent);
    case RP_FO_PROP_WHITE_SPACE_COLLAPSE:
        p->white_space_collapse = strcmp(value, "false") != 0;
        break;
    case RP_FO_PROP_TEXT_DECORATION:
        /* Decorations add up from ancestors; "none" clears them all. */
        if (!strcmp(value, "none"))
            p->underline = p->overline = p->line_through = false;
        if (strstr(value, "no-underline"))
            p->underline = false;
        else if (strstr(value, "underline"))
            p->underline = true;
        if (strstr(value, "no-overline"))
            p->overline = false;
        else if (strstr(value, "overline"))
            p->overline = true;
        if (strstr(value, "no-line-through"))
            p->line_through = false;
        else if (strstr(value, "line-through"))
            p->line_through = true;
        break;
    case RP_FO_PROP_BASELINE_SHIFT: {
        double pct;
        if (!strcmp(value, "baseline"))
            len = 0;
        else if (!strcmp(value, "super"))
            len = 0.33 * parent->font_size; /* FOP's default */
        else if (!strcmp(value, "sub"))
            len = -0.33 * parent->font_size;
        else if (rp_fo_parse_percent(value, &pct))
            len = pct / 100.0 * p->line_height;
        else if (!rp_fo_parse_length(value, p->font_size, &len))
            return 0;
        p->baseline_shift = parent->baseline_shift + len;
        break;
    }
    case RP_FO_PROP_VERTICAL_ALIGN:
        /* The CSS-style shorthand FOP accepts for baseline-shift. */
        if (!strcmp(value, "super"))
            p->baseline_shift =
                parent->baseline_shift + 0.33 * parent->font_size;
        else if (!strcmp(value, "sub"))
            p->baseline_shift =
                parent->baseline_shift - 0.33 * parent->font_size;
        else if (strcmp(value, "baseline") != 0 && strcmp(value, "auto") != 0)
            return -1;
        break;
    case RP_FO_PROP_LINEFEED_TREATMENT:
        if (!strcmp(value, "preserve"))
            p->linefeed_preserve = true;
        else if (!strcmp(value, "treat-as-space") || !strcmp(value, "ignore") ||
                 !strcmp(value, "treat-as-zero-width-space"))
            p->linefeed_preserve = false;
        else
            return 0;
        break;
    case RP_FO_PROP_WRAP_OPTION:
        if (!strcmp(value, "no-wrap"))
            p->wrap = false;
        else if (!strcmp(value, "wrap"))
            p->wrap = true;
        else
            return 0;
        break;
    case RP_FO_PROP_WHITE_SPACE_TREATMENT:
        return 1; /* our collapse handles the common cases */
    case RP_FO_PROP_WHITE_SPACE:
        /* FOP's shorthand: pre keeps spaces and line feeds, no wrapping. */
        if (!strcmp(value, "pre")) {
            p->white_space_collapse = false;
            p->linefeed_preserve = true;
            p->wrap = false;
        } else if (!strcmp(value, "nowrap")) {
            p->wrap = false;
        } else if (strcmp(value, "normal") != 0) {
            return 0;
        }
        break;
    case RP_FO_PROP_FONT_SELECTION_STRATEGY:
    case RP_FO_PROP_LINE_HEIGHT_SHIFT_ADJUSTMENT:
        /* Only matter with scripts we do not mix. */
        return 1;
    case RP_FO_PROP_HYPHENATE:
        if (strcmp(value, "true") && strcmp(value, "false"))
            return 0;
        p->hyphenate = !strcmp(value, "true");
        break;
    case RP_FO_PROP_LANGUAGE:
    case RP_FO_PROP_COUNTRY: {
        const char *v = rp_fo_skip_space(value);
        char code[16];
        size_t n = 0;
        /* "en", "en-US" (xml:lang) or "none". */
        while (v[n] && v[n] != '-' && v[n] != '_' && n + 1 < sizeof(code)) {
            code[n] = v[n];
            n++;
        }
        code[n] = '\0';
        if (name[0] == 'c') {
            p->country = *code && strcmp(code, "none")
                             ? rp_fo_strings_intern(strings, code)
                             : NULL;
        } else {
            p->language = *code && strcmp(code, "none")
                              ? rp_fo_strings_intern(strings, code)
                              : NULL;
            if (v[n] == '-' || v[n] == '_')
                p->country = rp_fo_strings_intern(strings, v + n + 1);
        }
        break;
    }
    case RP_FO_PROP_HYPHENATION_PUSH_CHARACTER_COUNT:
    case RP_FO_PROP_HYPHENATION_REMAIN_CHARACTER_COUNT: {
        char *end;
        long n = strtol(value, &end, 10);
        if (end == value || *rp_fo_skip_space(end) || n < 1 || n > 20)
            return 0;
        if (name[12] == 'p')
            p->hyphenation_push = (int)n;
        else
            p->hyphenation_remain = (int)n;
        break;
    }
    case RP_FO_PROP_CHARACTER:
        p->character = rp_fo_strings_intern(strings, value);
        break;
    case RP_FO_PROP_HYPHENATION_CHARACTER:
    case RP_FO_PROP_FONT_STRETCH:
        /* Accepted; their effect is our default or not yet implemented. */
        return 1;
    default:
        return -1; /* not of this family: see the table in property.c */
    }
    return 1;
}
