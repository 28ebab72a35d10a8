/*
 * Text properties, applied to an element's props: fonts (the font
 * shorthand too), colour, alignment, line height, white space, decoration,
 * baseline shift, hyphenation and language: what shapes the lines of a
 * paragraph: the setters the rows of the property table (property.c)
 * name.
 */
#include "property.h"

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
 * font-size, when given, was resolved first (its row is early); the
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

int rp_fo_set_font(const struct rp_fo_assignment *a, void *field)
{
    (void)field;
    return apply_font_shorthand(a->p, a->parent, a->value, a->spec, a->strings);
}

/*
 * A length, a percentage of the parent's size, a keyword; a line-height
 * given as a number scales with the new size.
 */
int rp_fo_set_font_size(const struct rp_fo_assignment *a, void *field)
{
    static const struct {
        const char *name;
        double pt;
    } keywords[] = {
        {"xx-small", 7.0},  {"x-small", 8.3}, {"small", 10.0},
        {"medium", 12.0},   {"large", 14.4},  {"x-large", 17.3},
        {"xx-large", 20.7},
    };
    const struct rp_fo_props *parent = a->parent;
    const char *value = a->value;
    double size = 0;
    size_t i;

    for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
        if (!strcmp(value, keywords[i].name))
            size = keywords[i].pt;
    }
    if (!strcmp(value, "larger"))
        size = parent->font_size * 1.2;
    else if (!strcmp(value, "smaller"))
        size = parent->font_size / 1.2;
    else if (size == 0 && !rp_fo_parse_length_of(value, parent->font_size,
                                                 parent->font_size, &size))
        size = -1; /* percentages (150% - 5pt too) are of the parent's */
    if (!(size > 0) || size > 10000)
        return 0;
    *(double *)field = size;
    if (parent->font_size > 0)
        a->p->line_height = parent->line_height * size / parent->font_size;
    return 1;
}

int rp_fo_set_letter_spacing(const struct rp_fo_assignment *a, void *field)
{
    if (!strcmp(a->value, "normal")) {
        *(double *)field = 0;
        return 1;
    }
    return rp_fo_set_length(a, field);
}

int rp_fo_set_font_weight(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    int parent_weight = a->parent->font_weight, *weight = field;

    if (!strcmp(value, "bold"))
        *weight = 700;
    else if (!strcmp(value, "normal"))
        *weight = 400;
    else if (!strcmp(value, "bolder"))
        *weight = parent_weight + 300 > 900 ? 900 : parent_weight + 300;
    else if (!strcmp(value, "lighter"))
        *weight = parent_weight - 300 < 100 ? 100 : parent_weight - 300;
    else {
        int w = atoi(value);
        if (w < 100 || w > 900 || w % 100 != 0)
            return 0;
        *weight = w;
    }
    return 1;
}

int rp_fo_set_font_style(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;

    if (is_slanted(value))
        *(bool *)field = true;
    else if (!strcmp(value, "normal"))
        *(bool *)field = false;
    else
        return 0;
    return 1;
}

/* text-align's keywords; false for another value. */
static bool parse_text_align(const char *value, enum rp_fo_text_align *a)
{
    if (!strcmp(value, "start") || !strcmp(value, "left") ||
        !strcmp(value, "inside"))
        *a = RP_FO_ALIGN_START;
    else if (!strcmp(value, "center"))
        *a = RP_FO_ALIGN_CENTER;
    else if (!strcmp(value, "end") || !strcmp(value, "right") ||
             !strcmp(value, "outside"))
        *a = RP_FO_ALIGN_END;
    else if (!strcmp(value, "justify"))
        *a = RP_FO_ALIGN_JUSTIFY;
    else
        return false;
    return true;
}

int rp_fo_set_text_align(const struct rp_fo_assignment *a, void *field)
{
    return parse_text_align(a->value, field);
}

int rp_fo_set_text_align_last(const struct rp_fo_assignment *a, void *field)
{
    enum rp_fo_text_align *align = field;

    if (!strcmp(a->value, "relative"))
        *align = a->p->text_align == RP_FO_ALIGN_JUSTIFY ? RP_FO_ALIGN_START
                                                         : a->p->text_align;
    else if (!parse_text_align(a->value, align))
        return 0;
    a->spec->text_align_last = true;
    return 1;
}

int rp_fo_set_line_height(const struct rp_fo_assignment *a, void *field)
{
    struct rp_fo_props *p = a->p;
    const char *value = a->value;
    double pct, len, *line_height = field;
    char *end;
    double factor = strtod(value, &end);

    if (!strcmp(value, "normal"))
        *line_height = 1.2 * p->font_size;
    else if (end != value && *rp_fo_skip_space(end) == '\0' && factor > 0 &&
             factor * p->font_size <= RP_FO_MAX_LENGTH)
        *line_height = factor * p->font_size;
    else if (rp_fo_parse_percent(value, &pct))
        *line_height = pct / 100.0 * p->font_size;
    else if (rp_fo_parse_length_of(value, p->font_size, p->font_size, &len) &&
             len > 0)
        *line_height = len; /* percentages (120% + 2pt) of the size */
    else
        return 0;
    a->spec->line_height = true;
    return 1;
}

int rp_fo_set_white_space_collapse(const struct rp_fo_assignment *a,
                                   void *field)
{
    *(bool *)field = strcmp(a->value, "false") != 0;
    return 1;
}

/* Decorations add up from ancestors; "none" clears them all. */
int rp_fo_set_text_decoration(const struct rp_fo_assignment *a, void *field)
{
    struct rp_fo_props *p = a->p;
    const char *value = a->value;

    (void)field;
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
    return 1;
}

int rp_fo_set_baseline_shift(const struct rp_fo_assignment *a, void *field)
{
    const struct rp_fo_props *parent = a->parent;
    const char *value = a->value;
    double pct, len;

    if (!strcmp(value, "baseline"))
        len = 0;
    else if (!strcmp(value, "super"))
        len = 0.33 * parent->font_size; /* FOP's default */
    else if (!strcmp(value, "sub"))
        len = -0.33 * parent->font_size;
    else if (rp_fo_parse_percent(value, &pct))
        len = pct / 100.0 * a->p->line_height;
    else if (!rp_fo_parse_length(value, a->p->font_size, &len))
        return 0;
    *(double *)field = parent->baseline_shift + len;
    return 1;
}

/* The CSS-style shorthand FOP accepts for baseline-shift. */
int rp_fo_set_vertical_align(const struct rp_fo_assignment *a, void *field)
{
    const struct rp_fo_props *parent = a->parent;
    const char *value = a->value;

    if (!strcmp(value, "super"))
        *(double *)field = parent->baseline_shift + 0.33 * parent->font_size;
    else if (!strcmp(value, "sub"))
        *(double *)field = parent->baseline_shift - 0.33 * parent->font_size;
    else if (strcmp(value, "baseline") != 0 && strcmp(value, "auto") != 0)
        return -1;
    return 1;
}

int rp_fo_set_linefeed_treatment(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;

    if (!strcmp(value, "preserve"))
        *(bool *)field = true;
    else if (!strcmp(value, "treat-as-space") || !strcmp(value, "ignore") ||
             !strcmp(value, "treat-as-zero-width-space"))
        *(bool *)field = false;
    else
        return 0;
    return 1;
}

int rp_fo_set_wrap_option(const struct rp_fo_assignment *a, void *field)
{
    if (!strcmp(a->value, "no-wrap"))
        *(bool *)field = false;
    else if (!strcmp(a->value, "wrap"))
        *(bool *)field = true;
    else
        return 0;
    return 1;
}

int rp_fo_set_shift_adjustment(const struct rp_fo_assignment *a, void *field)
{
    if (!strcmp(a->value, "disregard-shifts"))
        *(bool *)field = true;
    else if (!strcmp(a->value, "consider-shifts"))
        *(bool *)field = false;
    else
        return 0;
    return 1;
}

/* FOP's shorthand: pre keeps spaces and line feeds, no wrapping. */
int rp_fo_set_white_space(const struct rp_fo_assignment *a, void *field)
{
    struct rp_fo_props *p = a->p;
    const char *value = a->value;

    (void)field;
    if (!strcmp(value, "pre")) {
        p->white_space_collapse = false;
        p->linefeed_preserve = true;
        p->wrap = false;
    } else if (!strcmp(value, "nowrap")) {
        p->wrap = false;
    } else if (strcmp(value, "normal") != 0) {
        return 0;
    }
    return 1;
}

int rp_fo_set_hyphenate(const struct rp_fo_assignment *a, void *field)
{
    if (strcmp(a->value, "true") && strcmp(a->value, "false"))
        return 0;
    *(bool *)field = !strcmp(a->value, "true");
    return 1;
}

/*
 * "en", "en-US" (xml:lang) or "none": the code before a dash into *code
 * (interned; NULL for none); returns what follows the dash, or NULL.
 */
static const char *parse_code(const struct rp_fo_assignment *a,
                              const char **code)
{
    const char *v = rp_fo_skip_space(a->value);
    char text[16];
    size_t n = 0;

    while (v[n] && v[n] != '-' && v[n] != '_' && n + 1 < sizeof(text)) {
        text[n] = v[n];
        n++;
    }
    text[n] = '\0';
    *code = *text && strcmp(text, "none")
                ? rp_fo_strings_intern(a->strings, text)
                : NULL;
    return v[n] == '-' || v[n] == '_' ? v + n + 1 : NULL;
}

/* language, and the country when it is given with it (en-US). */
int rp_fo_set_language(const struct rp_fo_assignment *a, void *field)
{
    const char *country = parse_code(a, field);

    if (country)
        a->p->country = rp_fo_strings_intern(a->strings, country);
    return 1;
}

int rp_fo_set_country(const struct rp_fo_assignment *a, void *field)
{
    (void)parse_code(a, field);
    return 1;
}

int rp_fo_set_hyphenation_count(const struct rp_fo_assignment *a, void *field)
{
    char *end;
    long n = strtol(a->value, &end, 10);

    if (end == a->value || *rp_fo_skip_space(end) || n < 1 || n > 20)
        return 0;
    *(int *)field = (int)n;
    return 1;
}

/* One character, as written (a space too): hyphenation-character="-". */
int rp_fo_set_hyphenation_character(const struct rp_fo_assignment *a,
                                    void *field)
{
    const char *v = a->value;
    gunichar c;

    if (!*v || !g_utf8_validate(v, -1, NULL) || *g_utf8_next_char(v))
        return 0;
    c = g_utf8_get_char(v);
    if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        return 0;
    *(unsigned int *)field = c;
    return 1;
}
