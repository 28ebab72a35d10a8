/*
 * Recognising an export from its header row: of the profiles in use, the
 * one whose needed columns are all there and which explains most of the
 * header.  Column names compare ignoring ASCII case and surrounding
 * spaces, once per file, so Data Loader's upper-case header ("ACCOUNTID")
 * costs nothing per row.
 */
#include "import/internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/mem.h"

/* s[0..len) equals name, ignoring ASCII case and surrounding spaces. */
static bool same_name(const char *s, size_t len, const char *name)
{
    rp_import_trim(&s, &len);
    return rp_import_equals_word(s, len, name);
}

/* ---- recognising a header ------------------------------------------------ */

static bool is_rejects_header(const struct rp_csv_record *header)
{
    return header->n_fields >= 3 &&
           same_name(header->fields[0], header->lens[0], "line") &&
           same_name(header->fields[1], header->lens[1], "field") &&
           same_name(header->fields[2], header->lens[2], "reason");
}

/* The header's cells, trimmed once: every profile compares against them. */
struct header_cells {
    const char **s;
    size_t *len;
    size_t n;
};

static void header_cells_init(struct header_cells *h,
                              const struct rp_csv_record *header)
{
    size_t i;

    h->n = header->n_fields;
    h->s = rp_xcalloc(h->n + 1, sizeof(*h->s));
    h->len = rp_xcalloc(h->n + 1, sizeof(*h->len));
    for (i = 0; i < h->n; i++) {
        h->s[i] = header->fields[i];
        h->len[i] = header->lens[i];
        rp_import_trim(&h->s[i], &h->len[i]);
    }
}

static void header_cells_release(struct header_cells *h)
{
    free(h->s);
    free(h->len);
}

/*
 * The columns of a field: those of its first name the header has; a name
 * may repeat (Jira's Labels), and then all its columns count.  Later names
 * are alternatives, used only when the earlier ones are missing.
 */
static size_t find_columns(const struct header_cells *header,
                           const struct rp_import_field *field, long *cols)
{
    size_t col, n = 0, k;

    for (k = 0; k < field->n_names && n == 0; k++) {
        const char *name = field->names[k];
        size_t len = strlen(name);

        for (col = 0; col < header->n && n < RP_FIELD_MAX_COLUMNS; col++) {
            if (header->len[col] == len && same_name(header->s[col], len, name))
                cols[n++] = (long)col;
        }
    }
    return n;
}

/* A message that outgrows its buffer is only shorter, not wrong. */
static void add(struct rp_buf *buf, const char *s)
{
    bool fits = rp_buf_adds(buf, s);
    (void)fits;
}

/* "A, B, C" into buf: the needed columns of p, all or only the missing. */
static void list_columns(struct rp_buf *buf, const struct rp_import_profile *p,
                         const struct rp_import_columns *columns,
                         bool only_missing)
{
    bool first = true;
    size_t i;

    for (i = 0; i < p->n_fields; i++) {
        if (p->fields[i].need == RP_NEED_OPTIONAL)
            continue;
        if (only_missing && columns->n[i] > 0)
            continue;
        if (!first)
            add(buf, ", ");
        add(buf, "'");
        add(buf, p->fields[i].names[0]);
        add(buf, "'");
        first = false;
    }
}

/* The error for a header no profile fits names this many near misses. */
#define N_CLOSEST 3

/* Keeps the N_CLOSEST profiles with the largest share of their required
 * columns found, best first; on a tie the earlier profile stays ahead. */
static void keep_closest(const struct rp_import_profile **closest,
                         double *share, size_t *n,
                         const struct rp_import_profile *p, double s)
{
    size_t i = *n < N_CLOSEST ? (*n)++ : N_CLOSEST;

    if (i == N_CLOSEST && s <= share[N_CLOSEST - 1])
        return;
    if (i == N_CLOSEST)
        i = N_CLOSEST - 1;
    while (i > 0 && share[i - 1] < s) {
        closest[i] = closest[i - 1];
        share[i] = share[i - 1];
        i--;
    }
    closest[i] = p;
    share[i] = s;
}

/* How well a profile explains a header. */
struct score {
    size_t needed, found, total;
};

static struct score score_profile(const struct header_cells *header,
                                  const struct rp_import_profile *p,
                                  struct rp_import_columns *cols)
{
    struct score s = {0, 0, 0};
    size_t i;

    for (i = 0; i < p->n_fields; i++) {
        cols->n[i] = find_columns(header, &p->fields[i], cols->col[i]);
        s.total += cols->n[i] > 0;
        if (p->fields[i].need != RP_NEED_OPTIONAL) {
            s.needed++;
            s.found += cols->n[i] > 0;
        }
    }
    return s;
}

static enum rp_status
no_match(const struct rp_csv_record *header, const struct header_cells *cells,
         const char *name, const struct rp_import_profile *const *all,
         size_t n_all, const struct rp_import_profile *const *closest,
         size_t n_closest, struct rp_import_columns *cols, struct rp_error *err)
{
    struct rp_buf msg;
    enum rp_status status;
    size_t p;

    rp_buf_init(&msg, 1000);
    if (n_closest > 0) {
        score_profile(cells, closest[0], cols);
        add(&msg, "the header looks like a '");
        add(&msg, closest[0]->name);
        add(&msg, "' export but lacks the columns ");
        list_columns(&msg, closest[0], cols, true);
        add(&msg, " (expected: ");
        list_columns(&msg, closest[0], cols, false);
        for (p = 1; p < n_closest; p++) {
            score_profile(cells, closest[p], cols);
            add(&msg, p == 1 ? "; next closest: '" : "; '");
            add(&msg, closest[p]->name);
            add(&msg, "', lacking ");
            list_columns(&msg, closest[p], cols, true);
        }
        add(&msg, "; shipped profiles from ");
        add(&msg, rp_import_profiles_dir());
        add(&msg, "); reportpipe import --suggest-profile FILE prints a "
                  "profile to start from");
    } else {
        add(&msg, "the header matches no known export (profiles: ");
        for (p = 0; p < n_all; p++) {
            if (p)
                add(&msg, ", ");
            add(&msg, all[p]->name);
        }
        add(&msg, "; shipped ones from ");
        add(&msg, rp_import_profiles_dir());
        add(&msg,
            "); give the export's profile with --profile FILE (reportpipe "
            "import --suggest-profile FILE prints one to start from)");
    }
    status = rp_error_set(err, RP_ERR_INPUT, name, header->line, NULL, "%s",
                          msg.data ? msg.data : "");
    rp_buf_release(&msg);
    return status;
}

enum rp_status rp_import_match_header(const struct rp_csv_record *header,
                                      const char *name,
                                      const struct rp_import_profile **profile,
                                      struct rp_import_columns *columns,
                                      struct rp_error *err)
{
    const struct rp_import_profile *const *all;
    const struct rp_import_profile *match = NULL;
    const struct rp_import_profile *closest[N_CLOSEST];
    double closest_share[N_CLOSEST];
    struct rp_import_columns *cols = rp_xmalloc(sizeof(*cols));
    struct header_cells cells;
    size_t n_all, p, n_closest = 0, best_total = 0;
    enum rp_status status;
    int pass;

    header_cells_init(&cells, header);
    status = rp_import_profiles(&all, &n_all, err);
    if (status != RP_OK)
        goto out;
    if (is_rejects_header(header)) {
        status = rp_error_set(err, RP_ERR_INPUT, name, header->line, NULL,
                              "this is a rejects file written by reportpipe "
                              "import, not an export; correct the rows in "
                              "the export itself");
        goto out;
    }
    /* User profiles first: when one fits, the shipped ones are not tried. */
    for (pass = 0; pass < 2 && !match; pass++) {
        for (p = 0; p < n_all; p++) {
            struct score s;
            double share;

            if (all[p]->user != (pass == 0))
                continue;
            s = score_profile(&cells, all[p], cols);
            /* Of the profiles whose columns are all there, the one that
             * explains most of the header wins. */
            if (s.found == s.needed && (!match || s.total > best_total)) {
                match = all[p];
                best_total = s.total;
                memcpy(columns, cols, sizeof(*cols));
            }
            share = (double)s.found / (double)s.needed;
            if (s.found >= 2)
                keep_closest(closest, closest_share, &n_closest, all[p], share);
        }
    }
    if (match) {
        *profile = match;
        status = RP_OK;
    } else {
        status = no_match(header, &cells, name, all, n_all, closest, n_closest,
                          cols, err);
    }
out:
    header_cells_release(&cells);
    free(cols);
    return status;
}

enum rp_status rp_import_error_no_header(const char *name, struct rp_error *err)
{
    return rp_error_set(err, RP_ERR_INPUT, name, 1, NULL,
                        "the file is empty: it has no header row (an export "
                        "starts with a row of column names such as "
                        "'Id,Subject,Status,...')");
}
