/*
 * Ids made from names, for exports that carry none: a Salesforce
 * "Details Only" Accounts report often has Account Name but no Account
 * ID.  The id of an account is the key across every source, the name of
 * its review's PDF, its key in the workflow store and an XML attribute,
 * so it must be a safe file name (rp_safe_file_name), the same on every
 * run and for every order of rows, and two different names must never
 * share one.
 *
 * The import owns this (not the merge): the import is where an account
 * gets its key, finds duplicates by it (check_unique) and writes it into
 * the canonical record files, so a derived id goes through `import -o`
 * and `merge` like any other.  The format is stated here and in
 * docs/import-profiles.md, "Accounts without an id":
 *
 *   name-<slug>-<hash>
 *
 * slug: the name transliterated to ASCII (GLib's g_str_to_ascii in the C
 * locale: "Müller" -> "muller", whatever the user's locale), lower case,
 * each run of other characters one '-', cut to RP_NAMEID_SLUG_MAX bytes
 * at a '-'; a name of only non-Latin letters has none ("name-<hash>").
 * hash: the first 8 hex digits of the SHA-256 of the name in Unicode NFC.
 * The hash is always there, not only when two names meet on one slug:
 * otherwise adding "Muller GmbH" to the CRM would rename the review of
 * "Müller GmbH" that is already in review.  "name-" holds a '-', which no
 * Salesforce id (15 or 18 letters and digits) does, so a derived id never
 * equals a real one.
 */
#include "import/internal.h"

#include <string.h>

#include <glib.h>

#include "common/hash.h"

#define PREFIX "name-"
#define HASH_DIGITS 8

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* The slug of ascii into out (RP_NAMEID_SLUG_MAX + 1 bytes). */
static void slug(const char *ascii, char *out)
{
    size_t n = 0;
    bool gap = false;

    for (; *ascii; ascii++) {
        char c = rp_import_lower(*ascii);
        if (!is_alnum(c)) {
            gap = n > 0;
            continue;
        }
        if (gap + n + 1 > RP_NAMEID_SLUG_MAX) {
            /* Cut where a word ends, so a long name loses whole words
             * (one word longer than the cap is cut where it must be). */
            while (!gap && n > 0 && out[n - 1] != '-')
                n--;
            if (n > 0 && out[n - 1] == '-')
                n--;
            else if (n == 0 && !gap)
                n = RP_NAMEID_SLUG_MAX;
            break;
        }
        if (gap)
            out[n++] = '-';
        out[n++] = c;
        gap = false;
    }
    out[n] = '\0';
}

char *rp_import_id_from_name(struct rp_pool *pool, const char *name, size_t len)
{
    char s[RP_NAMEID_SLUG_MAX + 1], hex[RP_SHA256_HEX_SIZE];
    char id[sizeof(PREFIX) + RP_NAMEID_SLUG_MAX + 1 + HASH_DIGITS];
    gchar *nfc = g_utf8_normalize(name, (gssize)len, G_NORMALIZE_NFC);
    gchar *ascii;

    /* Invalid UTF-8 never gets here (the import checks every value); if
     * it did, the bytes as they are still give a stable id. */
    if (nfc)
        rp_sha256_hex(nfc, strlen(nfc), hex);
    else
        rp_sha256_hex(name, len, hex);
    ascii = g_str_to_ascii(nfc ? nfc : "", "C");
    slug(ascii, s);
    g_free(ascii);
    g_free(nfc);
    snprintf(id, sizeof(id), "%s%s%s%.*s", PREFIX, s, s[0] ? "-" : "",
             HASH_DIGITS, hex);
    return rp_pool_strndup(pool, id, strlen(id));
}
