/*
 * libFuzzer target for the import stage: any bytes, as a CSV export, read
 * against the shipped source profiles (pipeline/import/profiles, run from
 * the top of the tree) and the canonical ones.
 *
 * Beyond "no crash, no leak, no undefined behaviour", it checks the
 * promises the stage makes: the counts reconcile, a failed import leaves
 * the dataset as it was, every accepted string is valid UTF-8, and the CSV
 * reader sees the same records on the same lines whether the bytes arrive
 * at once or in pieces (which is how files arrive, chunk by chunk).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "import/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            abort();                                                           \
        }                                                                      \
    } while (0)

static void check_text(const char *s)
{
    size_t pos;
    bool control;

    CHECK(s != NULL);
    CHECK(rp_import_check_text(s, strlen(s), &pos, &control));
}

static void check_import(const char *text, size_t size)
{
    struct rp_dataset data;
    struct rp_import_stats stats;
    struct rp_error err;
    enum rp_status status;
    size_t i;

    rp_dataset_init(&data);
    rp_error_init(&err);
    status =
        rp_import_buffer("fuzz.csv", text, size, NULL, &data, &stats, &err);
    if (status == RP_OK) {
        CHECK(stats.rows_read == stats.rows_accepted + stats.rows_rejected);
        CHECK(data.n_accounts + data.n_tickets + data.n_contacts +
                  data.n_opportunities + data.n_projects + data.n_milestones +
                  data.n_risks + data.n_roles ==
              stats.rows_accepted);
        CHECK(data.n_source_files == 1);
        for (i = 0; i < data.n_accounts; i++) {
            check_text(data.accounts[i].id);
            check_text(data.accounts[i].name);
            check_text(data.accounts[i].owner);
            CHECK(data.accounts[i].id[0] != '\0');
        }
        for (i = 0; i < data.n_tickets; i++) {
            const struct rp_ticket *t = &data.tickets[i];
            check_text(t->id);
            check_text(t->subject);
            check_text(t->org_name);
            check_text(t->org_domain);
            check_text(t->source_system);
            CHECK(t->created != RP_TIME_NONE);
            CHECK(t->resolved == RP_TIME_NONE || t->resolved >= t->created);
        }
    } else {
        CHECK(status == RP_ERR_INPUT);
        CHECK(err.message[0] != '\0');
        CHECK(data.n_accounts == 0 && data.n_tickets == 0 &&
              data.n_contacts == 0 && data.n_roles == 0);
        CHECK(data.n_source_files == 0);
    }
    rp_dataset_release(&data);
}

/* A digest of every record the reader delivers. */
struct digest {
    uint64_t hash;
    size_t records;
};

static void mix(struct digest *d, const void *p, size_t n)
{
    const unsigned char *s = p;

    while (n--) {
        d->hash ^= *s++;
        d->hash *= 1099511628211ULL;
    }
}

static enum rp_status on_record(void *ctx, const struct rp_csv_record *rec,
                                struct rp_error *err)
{
    struct digest *d = ctx;
    size_t i;

    (void)err;
    d->records++;
    mix(d, &rec->line, sizeof(rec->line));
    mix(d, &rec->n_fields, sizeof(rec->n_fields));
    for (i = 0; i < rec->n_fields; i++) {
        mix(d, &rec->lens[i], sizeof(rec->lens[i]));
        mix(d, rec->fields[i], rec->lens[i]);
        CHECK(rec->fields[i][rec->lens[i]] == '\0');
        /* A record said checked needs no check of its own. */
        if (rec->checked) {
            size_t pos;
            bool control;
            CHECK(rp_import_check_text(rec->fields[i], rec->lens[i], &pos,
                                       &control));
        }
    }
    return RP_OK;
}

/* The input is read again from its start: the digest begins anew. */
static void restart_digest(void *ctx)
{
    struct digest *d = ctx;

    d->hash = 14695981039346656037ULL;
    d->records = 0;
}

static enum rp_status read_in_pieces(const char *text, size_t size, size_t cut1,
                                     size_t cut2, struct digest *d,
                                     struct rp_error *err)
{
    struct rp_csv_sink sink = {on_record, d, NULL, NULL};
    struct rp_csv_reader reader;
    enum rp_status status;

    status = rp_csv_reader_init(&reader, "fuzz.csv", sink, err);
    rp_csv_reader_set_encoding(&reader, rp_csv_guess_encoding(text, size));
    if (status == RP_OK)
        status = rp_csv_reader_feed(&reader, text, cut1);
    if (status == RP_OK)
        status = rp_csv_reader_feed(&reader, text + cut1, cut2 - cut1);
    if (status == RP_OK)
        status = rp_csv_reader_feed(&reader, text + cut2, size - cut2);
    if (status == RP_OK)
        status = rp_csv_reader_finish(&reader);
    rp_csv_reader_release(&reader);
    return status;
}

static void check_pieces(const char *text, size_t size)
{
    struct digest whole = {14695981039346656037ULL, 0}, split = whole;
    struct rp_csv_sink sink = {on_record, &whole, NULL, restart_digest};
    struct rp_error err1, err2;
    enum rp_status s1, s2;
    size_t cut1, cut2;

    if (size < 2)
        return;
    /* Cut points taken from the input itself, so the fuzzer steers them. */
    cut1 = (unsigned char)text[0] % size;
    cut2 = cut1 + (unsigned char)text[size - 1] % (size - cut1);
    rp_error_init(&err1);
    rp_error_init(&err2);
    s1 = rp_csv_read_buffer(text, size, "fuzz.csv", sink, &err1);
    s2 = read_in_pieces(text, size, cut1, cut2, &split, &err2);
    CHECK(s1 == s2);
    CHECK(err1.line == err2.line);
    CHECK(whole.records == split.records);
    CHECK(whole.hash == split.hash);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    static bool ready;

    if (!ready) {
        rp_import_set_profile_dir("pipeline/import/profiles");
        ready = true;
    }

    check_import(text, size);
    check_pieces(text, size);
    return 0;
}
