/*
 * Hyphenation: soft hyphens inserted at the points libhyphen's pattern
 * dictionaries allow (Debian's hyphen-* packages), so that Pango, which
 * breaks lines and shows the hyphen, can break inside long words.  We
 * never break words ourselves.
 */
#include "layout_internal.h"

#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "common/log.h"
#include "common/mem.h"

#define SOFT_HYPHEN "\xc2\xad"
#define HYPHEN_DIR "/usr/share/hyphen"
#define MAX_WORD 100 /* bytes; longer "words" are codes, not language */

static const char *hyphen_dir(void)
{
    const char *dir = getenv("RP_HYPHEN_DIR");
    return dir && *dir ? dir : HYPHEN_DIR;
}

/* hyph_<lang>_<COUNTRY>.dic, then hyph_<lang>.dic, as Debian names them. */
static HyphenDict *load_dictionary(const char *language, const char *country)
{
    char path[512];
    HyphenDict *dict = NULL;

    if (country && *country) {
        snprintf(path, sizeof(path), "%s/hyph_%s_%s.dic", hyphen_dir(),
                 language, country);
        dict = hnj_hyphen_load(path);
    }
    if (!dict) {
        snprintf(path, sizeof(path), "%s/hyph_%s.dic", hyphen_dir(), language);
        dict = hnj_hyphen_load(path);
    }
    return dict;
}

static void free_dictionary(gpointer dict)
{
    if (dict)
        hnj_hyphen_free(dict);
}

HyphenDict *rp_hyphen_dictionary(struct rp_layout *layout, const char *language,
                                 const char *country)
{
    char key[64];
    gpointer found;

    if (!language || !*language || strlen(language) > 16 ||
        strchr(language, '/') || (country && strchr(country, '/')))
        return NULL;
    snprintf(key, sizeof(key), "%s_%s", language,
             country && strlen(country) < 16 ? country : "");
    if (!layout->hyphen_dicts)
        layout->hyphen_dicts = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                     g_free, free_dictionary);
    if (g_hash_table_lookup_extended(layout->hyphen_dicts, key, NULL, &found))
        return found;
    found = load_dictionary(language, country);
    if (!found)
        rp_log_warn("no hyphenation patterns for language '%s' in %s "
                    "(Debian package hyphen-%s); text is not hyphenated",
                    language, hyphen_dir(), language);
    g_hash_table_insert(layout->hyphen_dicts, g_strdup(key), found);
    return found;
}

/* Appends word (len bytes) to out with soft hyphens at its break points. */
static void hyphenate_word(HyphenDict *dict, const char *word, size_t len,
                           int push, int remain, GString *out)
{
    char *lower = g_utf8_strdown(word, (gssize)len);
    size_t n_chars = (size_t)g_utf8_strlen(word, (gssize)len);
    char hyphens[MAX_WORD + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    const char *p = word;
    size_t i;

    /* Patterns work on lower case; a case change that moves bytes
     * (rare: İ, ẞ) leaves the word whole. */
    if (strlen(lower) != len || n_chars < (size_t)(push + remain) ||
        hnj_hyphen_hyphenate3(dict, lower, (int)len, hyphens, NULL, &rep, &pos,
                              &cut, push, remain, push, remain) != 0 ||
        rep) {
        g_string_append_len(out, word, (gssize)len);
        goto out;
    }
    for (i = 0; i < n_chars; i++) {
        const char *next = g_utf8_next_char(p);
        g_string_append_len(out, p, next - p);
        /* Odd: a break after character i; never at the word's ends. */
        if ((hyphens[i] & 1) && i + 1 >= (size_t)push &&
            n_chars - i - 1 >= (size_t)remain)
            g_string_append(out, SOFT_HYPHEN);
        p = next;
    }
out:
    if (rep) {
        for (i = 0; i < len; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    g_free(lower);
}

void rp_hyphenate_tail(HyphenDict *dict, GString *text, size_t start, int push,
                       int remain)
{
    GString *out;
    const char *s, *end, *word = NULL;

    if (!dict || text->len == start)
        return;
    out = g_string_sized_new(text->len - start + 16);
    s = text->str + start;
    end = text->str + text->len;
    while (s < end) {
        gunichar c = g_utf8_get_char(s);
        const char *next = g_utf8_next_char(s);
        if (g_unichar_isalpha(c)) {
            if (!word)
                word = s;
        } else {
            if (word) {
                if (s - word <= MAX_WORD)
                    hyphenate_word(dict, word, (size_t)(s - word), push, remain,
                                   out);
                else
                    g_string_append_len(out, word, s - word);
                word = NULL;
            }
            g_string_append_len(out, s, next - s);
        }
        s = next;
    }
    if (word) {
        if (end - word <= MAX_WORD)
            hyphenate_word(dict, word, (size_t)(end - word), push, remain, out);
        else
            g_string_append_len(out, word, end - word);
    }
    g_string_truncate(text, start);
    g_string_append_len(text, out->str, (gssize)out->len);
    g_string_free(out, TRUE);
}
