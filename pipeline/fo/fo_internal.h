/*
 * Internals shared by the files of the FO module; not part of its public
 * face (fo.h).
 */
#ifndef RP_FO_INTERNAL_H
#define RP_FO_INTERNAL_H

#include "fo.h"

/* Which properties an element specified itself (not inherited). */
struct rp_fo_specified {
    bool start_indent, end_indent, margin, line_height, text_align_last;
};

/* Interned strings: every property string of a tree lives here. */
struct rp_fo_strings;
struct rp_fo_strings *rp_fo_strings_new(void);
void rp_fo_strings_free(struct rp_fo_strings *strings);
const char *rp_fo_strings_intern(struct rp_fo_strings *strings, const char *s);

/*
 * Border shorthands and side lists already parsed in this document, so
 * that values repeated on every table cell are parsed once.  Fixed size.
 */
struct rp_fo_value_cache;
struct rp_fo_value_cache *rp_fo_value_cache_new(void);
void rp_fo_value_cache_free(struct rp_fo_value_cache *cache);

int rp_fo_apply_property(struct rp_fo_props *p,
                         const struct rp_fo_props *parent, const char *name,
                         const char *value, struct rp_fo_specified *spec,
                         struct rp_fo_strings *strings,
                         struct rp_fo_value_cache *cache);
int rp_fo_apply_border_property(struct rp_fo_props *p, const char *rest,
                                const char *value,
                                struct rp_fo_value_cache *cache);
bool rp_fo_parse_percent(const char *text, double *percent);
bool rp_fo_parse_width(const char *value, double font_size,
                       struct rp_fo_length *l);

#endif
