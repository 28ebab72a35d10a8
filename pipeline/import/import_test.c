/*
 * The import stage end to end on files: profiles recognised from headers,
 * rows typed or rejected with line and reason, counts that reconcile,
 * canonical record files that import back to the same dataset.  Each test
 * works in a fresh mkdtemp directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/mem.h"
#include "import/import.h"
#include "import/internal.h"

#define TICKETS_HEADER                                                         \
    "Ticket ID,Account ID,Subject,Priority,Status,Category,Created,"           \
    "First Response,Resolved\n"
#define ACCOUNTS_HEADER                                                        \
    "Account ID,Account Name,Tier,Account Owner,Industry,Billing Country,"     \
    "Website,Annual Revenue,Contract Renewal\r\n"

/* BOM and CRLF, as a CRM writes them; a name with a comma, accents. */
static const char accounts_csv[] =
    "\xEF\xBB\xBF" ACCOUNTS_HEADER
    "ACC-1001,\"Acme Widgets, Inc.\",Platinum,Sarah Chen,Manufacturing,US,"
    "https://acme.example,48500000.00,2027-03-31\r\n"
    "ACC-1002,Müller GmbH,Gold,Jürgen Böhm,Industrial Machinery,Germany,,"
    "18250000,2026-12-31\r\n"
    "ACC-1003,Café Olé S.L.,Bronze,José Álvarez,,es,,,\r\n";

/* LF; a subject over three lines; times with offsets. */
static const char tickets_csv[] = TICKETS_HEADER
    "T-100001,ACC-1001,\"Login fails, error \"\"Invalid token\"\"\",P1,"
    "Closed,Login & Access,2026-03-04T09:15:00Z,2026-03-04T09:40:00Z,"
    "2026-03-04T12:00:00Z\n"
    "T-100002,ACC-1002,\"Import stuck\nsecond line\nthird line\",p3,open,"
    "Data Import,2026-03-04T10:15:00+01:00,2026-03-04T05:00:00-05:00,\n"
    "\n"
    "T-100003,ACC-9999,Unknown account,Low,New,,2026-11-22T17:00:00Z,,\n";

struct fixture {
    char dir[64];
    struct rp_dataset data;
    struct rp_import_stats stats;
    struct rp_error err;
};

static int setup(void **state)
{
    struct fixture *f = rp_xcalloc(1, sizeof(*f));

    snprintf(f->dir, sizeof(f->dir), "/tmp/rp-import-test.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    rp_dataset_init(&f->data);
    rp_error_init(&f->err);
    *state = f;
    return 0;
}

static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;

    if (!d) {
        unlink(path);
        return;
    }
    while ((e = readdir(d))) {
        char child[512];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
        remove_tree(child);
    }
    closedir(d);
    rmdir(path);
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    rp_dataset_release(&f->data);
    remove_tree(f->dir);
    free(f);
    return 0;
}

/* dir/name, in a buffer that lives until the next call. */
static const char *path_in(const struct fixture *f, const char *name)
{
    static char paths[4][256];
    static int next;
    char *p = paths[next++ % 4];

    snprintf(p, 256, "%s/%s", f->dir, name);
    return p;
}

static const char *write_fixture(const struct fixture *f, const char *name,
                                 const char *text)
{
    const char *path = path_in(f, name);
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
    return path;
}

static char *slurp(const char *path)
{
    struct rp_buf buf = RP_BUF_INIT;
    char chunk[4096];
    size_t n;
    FILE *fp = fopen(path, "rb");

    if (!fp)
        return NULL;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        assert_true(rp_buf_add(&buf, chunk, n));
    fclose(fp);
    return rp_buf_take(&buf);
}

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

static void import_ok(struct fixture *f, const char *path)
{
    enum rp_status status =
        rp_import_file(path, NULL, &f->data, &f->stats, &f->err);

    if (status != RP_OK)
        fail_msg("%s:%ld: %s", f->err.file, f->err.line, f->err.message);
    assert_int_equal(f->stats.rows_read,
                     f->stats.rows_accepted + f->stats.rows_rejected);
}

static int64_t utc(const char *iso)
{
    /* Cross-checked by types_test; kept literal here to read well. */
    if (strcmp(iso, "2026-03-04T09:15:00Z") == 0)
        return 1772615700;
    if (strcmp(iso, "2026-03-04T10:00:00Z") == 0)
        return 1772618400;
    if (strcmp(iso, "2026-03-04T09:40:00Z") == 0)
        return 1772617200;
    fail_msg("no constant for %s", iso);
    return 0;
}

static void test_imports_accounts_and_tickets(void **state)
{
    struct fixture *f = *state;
    const struct rp_account *a;
    const struct rp_ticket *t;

    import_ok(f, write_fixture(f, "crm-accounts.csv", accounts_csv));
    assert_string_equal(f->stats.profile, "canonical-accounts");
    assert_int_equal(f->stats.rows_read, 3);
    assert_int_equal(f->stats.rows_rejected, 0);
    assert_string_equal(f->stats.rejects_path, "");

    import_ok(f, write_fixture(f, "tickets.csv", tickets_csv));
    assert_string_equal(f->stats.profile, "canonical-tickets");
    assert_int_equal(f->stats.rows_read, 3);
    assert_int_equal(f->stats.rows_accepted, 3);
    assert_false(exists(path_in(f, "tickets.rejects.csv")));

    assert_int_equal(f->data.n_accounts, 3);
    a = &f->data.accounts[0];
    assert_string_equal(a->id, "ACC-1001");
    assert_string_equal(a->name, "Acme Widgets, Inc.");
    assert_string_equal(a->country, "US");
    assert_true(a->annual_revenue == 48500000.0);
    assert_int_equal(a->renewal, 1806451200);
    assert_int_equal(a->source_line, 2);
    assert_ptr_equal(a->source_file, f->data.source_files[0]);
    a = &f->data.accounts[1];
    assert_string_equal(a->name, "Müller GmbH");
    assert_string_equal(a->owner, "Jürgen Böhm");
    assert_string_equal(a->country, "DE");
    assert_string_equal(a->website, "");
    a = &f->data.accounts[2];
    assert_string_equal(a->country, "ES");
    assert_string_equal(a->industry, "");
    assert_true(a->annual_revenue == 0);
    assert_int_equal(a->renewal, RP_TIME_NONE);

    assert_int_equal(f->data.n_tickets, 3);
    t = &f->data.tickets[0];
    assert_string_equal(t->subject, "Login fails, error \"Invalid token\"");
    assert_int_equal(t->priority, RP_PRIORITY_P1);
    assert_int_equal(t->status, RP_TICKET_CLOSED);
    assert_int_equal(t->created, utc("2026-03-04T09:15:00Z"));
    assert_int_equal(t->first_response, utc("2026-03-04T09:40:00Z"));
    t = &f->data.tickets[1];
    assert_string_equal(t->subject, "Import stuck\nsecond line\nthird line");
    assert_int_equal(t->source_line, 3);
    assert_int_equal(t->priority, RP_PRIORITY_P3);
    assert_int_equal(t->status, RP_TICKET_OPEN);
    /* +01:00 and -05:00 both normalise to UTC. */
    assert_int_equal(t->created, utc("2026-03-04T09:15:00Z"));
    assert_int_equal(t->first_response, utc("2026-03-04T10:00:00Z"));
    assert_int_equal(t->resolved, RP_TIME_NONE);
    t = &f->data.tickets[2];
    /* After a three-line record and a blank line. */
    assert_int_equal(t->source_line, 7);
    assert_string_equal(t->account_id, "ACC-9999");
    assert_int_equal(t->priority, RP_PRIORITY_P4);
    assert_string_equal(t->category, "");
    assert_int_equal(t->first_response, RP_TIME_NONE);
    assert_int_equal(f->data.n_source_files, 2);
}

static void test_unknown_header_names_expected_columns(void **state)
{
    struct fixture *f = *state;
    const char *path =
        write_fixture(f, "orders.csv", "\n\nOrder,Amount,Date\n1,2,3\n");

    assert_int_equal(rp_import_file(path, NULL, &f->data, &f->stats, &f->err),
                     RP_ERR_INPUT);
    assert_string_equal(f->err.file, path);
    assert_int_equal(f->err.line, 3);
    assert_non_null(strstr(f->err.message, "matches no known export"));
    assert_non_null(strstr(f->err.message, "canonical-tickets"));
    assert_non_null(strstr(f->err.message, "zendesk-tickets"));
    assert_non_null(strstr(f->err.message, "--profile"));
    assert_int_equal(f->data.n_source_files, 0);
}

static void test_close_header_names_missing_columns(void **state)
{
    struct fixture *f = *state;
    const char *path = write_fixture(f, "t.csv",
                                     "Ticket ID,Account ID,Subject,Status,"
                                     "First Response,Resolved\n");

    assert_int_equal(rp_import_file(path, NULL, &f->data, &f->stats, &f->err),
                     RP_ERR_INPUT);
    assert_int_equal(f->err.line, 1);
    assert_non_null(strstr(f->err.message, "'canonical-tickets'"));
    assert_non_null(strstr(f->err.message, "lacks the columns 'Priority', "
                                           "'Created'"));
}

static void test_empty_and_missing_files(void **state)
{
    struct fixture *f = *state;
    const char *path = write_fixture(f, "empty.csv", "\r\n  \r\n");

    assert_int_equal(rp_import_file(path, NULL, &f->data, &f->stats, &f->err),
                     RP_ERR_INPUT);
    assert_non_null(strstr(f->err.message, "no header"));
    assert_non_null(strstr(f->err.message, "row of column names"));
    rp_error_init(&f->err);
    path = path_in(f, "nope.csv");
    assert_int_equal(rp_import_file(path, NULL, &f->data, &f->stats, &f->err),
                     RP_ERR_INPUT);
    assert_string_equal(f->err.file, path);
    assert_non_null(strstr(f->err.message, "No such file"));
}

static void test_bad_timestamp_row_goes_to_rejects(void **state)
{
    struct fixture *f = *state;
    const char *path = write_fixture(
        f, "tickets.csv",
        TICKETS_HEADER "T-1,ACC-1,Fine,P3,Open,,2026-03-04T09:15:00Z,,\n"
                       "T-2,ACC-1,\"Bad, very\",P3,Open,,2026-13-01 9am,,\n"
                       "T-3,ACC-1,Fine too,P3,Open,,2026-03-04T09:15:00Z,,\n");
    char *rejects;

    import_ok(f, path);
    assert_int_equal(f->stats.rows_read, 3);
    assert_int_equal(f->stats.rows_accepted, 2);
    assert_int_equal(f->stats.rows_rejected, 1);
    assert_string_equal(f->stats.rejects_path,
                        path_in(f, "tickets.rejects.csv"));
    rejects = slurp(f->stats.rejects_path);
    assert_non_null(rejects);
    assert_string_equal(
        rejects,
        "line,field,reason,Ticket ID,Account ID,Subject,Priority,Status,"
        "Category,Created,First Response,Resolved\n"
        "3,Created,Created: '2026-13-01 9am' is not a time (expected "
        "YYYY-MM-DDThh:mm:ssZ or YYYY-MM-DD hh:mm:ssZ or YYYY-MM-DDThh:mmZ "
        "or YYYY-MM-DD hh:mmZ),T-2,ACC-1,\"Bad, very\",P3,Open,,"
        "2026-13-01 9am,,\n");
    free(rejects);

    /* Fixed and imported again: the stale rejects file goes. */
    rp_dataset_release(&f->data);
    path = write_fixture(f, "tickets.csv",
                         TICKETS_HEADER
                         "T-1,ACC-1,Fine,P3,Open,,2026-03-04T09:15:00Z,,\n");
    import_ok(f, path);
    assert_int_equal(f->stats.rows_rejected, 0);
    assert_string_equal(f->stats.rejects_path, "");
    assert_false(exists(path_in(f, "tickets.rejects.csv")));
}

static void test_rejects_dir(void **state)
{
    struct fixture *f = *state;
    const char *path = write_fixture(
        f, "Export.CSV", TICKETS_HEADER "T-1,ACC-1,x,P9,Open,,,,\n");
    char rejects_dir[256];

    snprintf(rejects_dir, sizeof(rejects_dir), "%s/rejects/", f->dir);
    assert_int_equal(
        rp_import_file(path, rejects_dir, &f->data, &f->stats, &f->err), RP_OK);
    assert_int_equal(f->stats.rows_rejected, 1);
    assert_string_equal(f->stats.rejects_path,
                        path_in(f, "rejects/Export.rejects.csv"));
    assert_true(exists(f->stats.rejects_path));
    assert_false(exists(path_in(f, "Export.rejects.csv")));
}

/* Rows of a rejects file, as "line|field|reason". */
struct rejects_rows {
    char *rows[32];
    size_t n;
};

static enum rp_status collect_reject(void *ctx, const struct rp_csv_record *rec,
                                     struct rp_error *err)
{
    struct rejects_rows *r = ctx;
    struct rp_buf buf = RP_BUF_INIT;

    (void)err;
    assert_true(rec->n_fields >= 3);
    assert_true(rp_buf_addf(&buf, "%s|%s|%s", rec->fields[0], rec->fields[1],
                            rec->fields[2]));
    assert_true(r->n < 32);
    r->rows[r->n++] = rp_buf_take(&buf);
    return RP_OK;
}

static void forget_rejects(void *ctx)
{
    struct rejects_rows *r = ctx;

    while (r->n)
        free(r->rows[--r->n]);
}

static void read_rejects(const char *path, struct rejects_rows *rows)
{
    struct rp_csv_sink sink = {collect_reject, rows, NULL, forget_rejects};
    struct rp_error err;
    char *text = slurp(path);

    assert_non_null(text);
    rp_error_init(&err);
    assert_int_equal(rp_csv_read_buffer(text, strlen(text), path, sink, &err),
                     RP_OK);
    free(text);
}

/* The reject reasons, one row each; the line numbers follow the rows. */
static void test_row_rejections(void **state)
{
    static const struct {
        const char *row;
        const char *reject; /* "line|field|start of the reason" */
    } cases[] = {
        {",ACC-1,x,P3,Open,,2026-03-04T09:15:00Z,,",
         "2|Ticket ID|Ticket ID: is empty, but every ticket needs it"},
        {"T-2,ACC-1,x,P7,Open,,2026-03-04T09:15:00Z,,",
         "3|Priority|Priority: 'P7' is not a priority (expected P1, P2, P3 "
         "or P4)"},
        {"T-3,ACC-1,x,P3,Done,,2026-03-04T09:15:00Z,,",
         "4|Status|Status: 'Done' is not a ticket status"},
        {"T-4,ACC-1,x,P3,Closed,,2026-03-04T09:15:00Z,,"
         "2026-03-03T09:15:00Z",
         "5|Resolved|Resolved: '2026-03-03T09:15:00Z' is before Created "
         "'2026-03-04T09:15:00Z'"},
        /* Solved without a resolution time: kept, counted apart. */
        {"T-5,ACC-1,x,P3,Solved,,2026-03-04T09:15:00Z,,", NULL},
        {"T-6,ACC-1,x,P3,Open,,2026-03-04T09:15:00Z,2026-03-04T09:00:00Z,",
         "7|First Response|First Response: '2026-03-04T09:00:00Z' is before"},
        /* A ragged row: the cells it lacks are empty. */
        {"T-7,ACC-1,x,P3,Open,,2026-03-04T09:15:00Z", NULL},
        {"T-8,ACC-1,x,y,P3,Open,,2026-03-04T09:15:00Z,,2026-03-05T09:15Z",
         "9||the row has 10 fields but the header has 9 (a value with a "
         "comma"},
        /* Not UTF-8: the file is read as Windows-1252. */
        {"T-9,ACC-1,M\xFCller,P3,Open,,2026-03-04T09:15:00Z,,", NULL},
        {"T-0,ACC-1,fine,P3,Open,,2026-03-04T09:15:00Z,,", NULL},
        {"T-0,ACC-1,again,P3,Open,,2026-03-04T09:15:00Z,,",
         "12|Ticket ID|Ticket ID: 'T-0' appears twice; the ticket was "
         "already imported from "},
        {"T-10,ACC-1,padded,P3,Open,,2026-03-04T09:15:00Z,,,,", NULL},
        {"T-11,ACC-1,bell\a,P3,Open,,2026-03-04T09:15:00Z,,",
         "14|Subject|Subject: contains the control character 0x07"},
        {"T-12,ACC-1,x,P3,Open,,,,",
         "15|Created|Created: is empty, but every ticket needs it (expected "
         "YYYY-MM-DDThh:mm:ssZ or "},
    };
    struct fixture *f = *state;
    struct rp_buf text = RP_BUF_INIT;
    struct rejects_rows rows = {{NULL}, 0};
    size_t i, j, rejected = 0;
    char *csv;

    assert_true(rp_buf_adds(&text, TICKETS_HEADER));
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_true(rp_buf_adds(&text, cases[i].row));
        assert_true(rp_buf_adds(&text, "\n"));
        rejected += cases[i].reject != NULL;
    }
    csv = rp_buf_take(&text);
    import_ok(f, write_fixture(f, "tickets.csv", csv));
    free(csv);
    assert_int_equal(f->stats.rows_read, sizeof(cases) / sizeof(cases[0]));
    assert_int_equal(f->stats.rows_rejected, rejected);
    assert_int_equal(f->data.n_tickets, 5);
    assert_string_equal(f->data.tickets[0].id, "T-5");
    assert_int_equal(f->data.tickets[0].resolved, RP_TIME_NONE);
    assert_int_equal(f->data.tickets[0].status, RP_TICKET_SOLVED);
    assert_string_equal(f->data.tickets[1].id, "T-7");
    assert_string_equal(f->data.tickets[2].subject, "M\xC3\xBCller");
    assert_string_equal(f->data.tickets[4].id, "T-10");
    assert_int_equal(f->stats.closed_no_time, 1);
    assert_string_equal(f->stats.closed_no_time_field, "Resolved");
    assert_string_equal(f->stats.encoding, "Windows-1252");

    read_rejects(path_in(f, "tickets.rejects.csv"), &rows);
    assert_int_equal(rows.n, rejected + 1); /* and its header */
    assert_string_equal(rows.rows[0], "line|field|reason");
    for (i = 0, j = 1; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (!cases[i].reject)
            continue;
        if (strncmp(rows.rows[j], cases[i].reject, strlen(cases[i].reject)))
            fail_msg("want: %s\ngot:  %s", cases[i].reject, rows.rows[j]);
        j++;
    }
    for (i = 0; i < rows.n; i++)
        free(rows.rows[i]);
}

static void test_duplicate_account_across_files(void **state)
{
    struct fixture *f = *state;

    import_ok(f, write_fixture(f, "crm-accounts.csv", accounts_csv));
    import_ok(f, write_fixture(f, "crm-more.csv",
                               ACCOUNTS_HEADER
                               "ACC-2001,New Co,Silver,Sarah Chen,,,,,\r\n"
                               "ACC-1002,Müller AG,Gold,Jürgen Böhm,,,,,\r\n"));
    assert_int_equal(f->stats.rows_accepted, 1);
    assert_int_equal(f->stats.rows_rejected, 1);
    assert_int_equal(f->data.n_accounts, 4);
    {
        char *rejects = slurp(f->stats.rejects_path);
        char want[512];
        assert_non_null(rejects);
        snprintf(want, sizeof(want),
                 "3,Account ID,Account ID: 'ACC-1002' appears twice; the "
                 "account was already imported from %s line 3,",
                 path_in(f, "crm-accounts.csv"));
        assert_non_null(strstr(rejects, want));
        free(rejects);
    }
}

static void test_header_case_order_and_extra_columns(void **state)
{
    struct fixture *f = *state;

    import_ok(f, write_fixture(f, "zendesk.csv",
                               " status , PRIORITY,created,ticket id,"
                               "Assignee,account id,subject,first response,"
                               "resolved\n"
                               "Pending,urgent,2026-03-04T09:15:00Z,Z-9,"
                               "Kim,ACC-1,Hello,,\n"));
    assert_string_equal(f->stats.profile, "canonical-tickets");
    assert_int_equal(f->data.n_tickets, 1);
    assert_string_equal(f->data.tickets[0].id, "Z-9");
    assert_string_equal(f->data.tickets[0].account_id, "ACC-1");
    assert_int_equal(f->data.tickets[0].priority, RP_PRIORITY_P1);
    assert_int_equal(f->data.tickets[0].status, RP_TICKET_PENDING);
    assert_string_equal(f->data.tickets[0].category, "");
}

/*
 * A header may name a column twice (Jira repeats Labels and Comment): text
 * is joined, other values come from the first non-empty cell.
 */
static void test_repeated_columns_are_joined(void **state)
{
    struct fixture *f = *state;

    import_ok(f, write_fixture(f, "dup.csv",
                               "Ticket ID,Account ID,Subject,Priority,Status,"
                               "Created,First Response,Resolved,Created,"
                               "Subject\n"
                               "T-1,ACC-1,Login,P2,Open,,,,"
                               "2026-03-04T09:15:00Z,fails\n"));
    assert_int_equal(f->data.n_tickets, 1);
    assert_string_equal(f->data.tickets[0].subject, "Login, fails");
    assert_int_equal(f->data.tickets[0].created, utc("2026-03-04T09:15:00Z"));
}

static void assert_same_records(const struct rp_dataset *a,
                                const struct rp_dataset *b)
{
    size_t i;

    assert_int_equal(a->n_accounts, b->n_accounts);
    assert_int_equal(a->n_tickets, b->n_tickets);
    for (i = 0; i < a->n_accounts; i++) {
        const struct rp_account *x = &a->accounts[i], *y = &b->accounts[i];
        assert_string_equal(x->id, y->id);
        assert_int_equal(x->id_from_name, y->id_from_name);
        assert_string_equal(x->name, y->name);
        assert_string_equal(x->tier, y->tier);
        assert_string_equal(x->owner, y->owner);
        assert_string_equal(x->industry, y->industry);
        assert_string_equal(x->country, y->country);
        assert_string_equal(x->website, y->website);
        assert_true(x->annual_revenue == y->annual_revenue);
        assert_int_equal(x->renewal, y->renewal);
    }
    for (i = 0; i < a->n_tickets; i++) {
        const struct rp_ticket *x = &a->tickets[i], *y = &b->tickets[i];
        assert_string_equal(x->id, y->id);
        assert_string_equal(x->account_id, y->account_id);
        assert_string_equal(x->subject, y->subject);
        assert_string_equal(x->category, y->category);
        assert_int_equal(x->priority, y->priority);
        assert_int_equal(x->status, y->status);
        assert_int_equal(x->created, y->created);
        assert_int_equal(x->first_response, y->first_response);
        assert_int_equal(x->resolved, y->resolved);
    }
}

static void test_write_records_reimports_the_same(void **state)
{
    struct fixture *f = *state;
    struct rp_dataset again;
    char out[256], *text;

    import_ok(f, write_fixture(f, "crm-accounts.csv", accounts_csv));
    import_ok(f, write_fixture(f, "tickets.csv", tickets_csv));
    snprintf(out, sizeof(out), "%s/records", f->dir);
    assert_int_equal(rp_import_write_records(&f->data, out, &f->err), RP_OK);

    text = slurp(path_in(f, "records/accounts.csv"));
    assert_non_null(text);
    assert_int_equal(strncmp(text, "Account ID,Account Name,Tier,", 29), 0);
    assert_non_null(strstr(text, "\nACC-1001,\"Acme Widgets, Inc.\",Platinum,"
                                 "Sarah Chen,Manufacturing,US,"
                                 "https://acme.example,48500000.00,"
                                 "2027-03-31,acme.example,0.00,,false,,,,\n"));
    free(text);
    text = slurp(path_in(f, "records/tickets.csv"));
    assert_non_null(text);
    assert_non_null(strstr(text, "\nT-100002,ACC-1002,\"Import stuck\n"
                                 "second line\nthird line\",P3,open,"
                                 "Data Import,2026-03-04T09:15:00Z,"
                                 "2026-03-04T10:00:00Z,,,,,,0,false,,\n"));
    free(text);

    rp_dataset_init(&again);
    assert_int_equal(rp_import_file(path_in(f, "records/accounts.csv"), NULL,
                                    &again, &f->stats, &f->err),
                     RP_OK);
    assert_int_equal(f->stats.rows_rejected, 0);
    assert_int_equal(rp_import_file(path_in(f, "records/tickets.csv"), NULL,
                                    &again, &f->stats, &f->err),
                     RP_OK);
    assert_int_equal(f->stats.rows_rejected, 0);
    assert_same_records(&f->data, &again);
    rp_dataset_release(&again);
}

/* A Salesforce Accounts report without Account ID: ids from the names
 * (nameid.c), a repeated name a duplicate, and the canonical file keeps
 * the ids and says where they came from. */
static void test_accounts_without_ids_get_ids_from_names(void **state)
{
    struct fixture *f = *state;
    struct rp_dataset again;
    char out[256];

    import_ok(f, write_fixture(f, "report.csv",
                               "\"Account Name\",\"Account Owner\"\r\n"
                               "\"Müller GmbH\",\"Jana\"\r\n"
                               "\"Muller GmbH\",\"Jana\"\r\n"
                               "\"Müller GmbH\",\"Jana\"\r\n"));
    assert_string_equal(f->stats.profile, "salesforce-accounts");
    assert_int_equal(f->stats.rows_accepted, 2);
    assert_int_equal(f->stats.rows_rejected, 1);
    assert_non_null(
        strstr(f->stats.first_reject,
               "line 4: Account Name: 'Müller GmbH' appears twice"));
    assert_string_equal(f->data.accounts[0].id, "name-muller-gmbh-a71002a2");
    assert_true(f->data.accounts[0].id_from_name);
    assert_string_equal(f->data.accounts[1].id, "name-muller-gmbh-b1812393");

    snprintf(out, sizeof(out), "%s/records", f->dir);
    assert_int_equal(rp_import_write_records(&f->data, out, &f->err), RP_OK);
    rp_dataset_init(&again);
    assert_int_equal(rp_import_file(path_in(f, "records/accounts.csv"), NULL,
                                    &again, &f->stats, &f->err),
                     RP_OK);
    assert_int_equal(f->stats.rows_rejected, 0);
    assert_same_records(&f->data, &again);
    rp_dataset_release(&again);
}

static void test_failed_import_leaves_dataset_unchanged(void **state)
{
    struct fixture *f = *state;
    const char *path = write_fixture(
        f, "tickets.csv",
        TICKETS_HEADER "T-1,ACC-1,ok,P3,Open,,2026-03-04T09:15:00Z,,\n"
                       "T-2,ACC-1,bad,P3,Open,,yesterday,,\n"
                       "T-3,ACC-1,ok,P3,Open,,2026-03-04T09:15:00Z,,\n");

    struct rp_pool_mark text;
    char *first_name;

    import_ok(f, write_fixture(f, "crm-accounts.csv", accounts_csv));
    text = rp_pool_mark(&f->data.text);
    first_name = rp_xstrdup(f->data.accounts[0].name);
    /* The rejects file cannot be written: the import fails after T-1. */
    assert_int_not_equal(rp_import_file(path, path_in(f, "tickets.csv/x"),
                                        &f->data, &f->stats, &f->err),
                         RP_OK);
    assert_int_equal(f->data.n_tickets, 0);
    assert_int_equal(f->data.n_accounts, 3);
    assert_int_equal(f->data.n_source_files, 1);
    /* T-1's text went with it; the accounts' text stayed. */
    assert_int_equal(f->data.text.n_blocks, text.n_blocks);
    assert_int_equal(f->data.text.used, text.used);
    assert_string_equal(f->data.accounts[0].name, first_name);
    free(first_name);
}

/* Issue 13: an unclosed quote cost every row after it, and the file. */
static void test_broken_quoting_costs_only_its_row(void **state)
{
    struct fixture *f = *state;
    char *rejects;

    import_ok(f,
              write_fixture(
                  f, "tickets.csv",
                  TICKETS_HEADER
                  "T-1,ACC-1,ok,P3,Open,,2026-03-04T09:15:00Z,,\n"
                  "T-2,ACC-1,\"never closed,P3,Open,,2026-03-04T09:15:00Z,,\n"
                  "T-3,ACC-1,\"ok\",P3,Open,,2026-03-04T09:15:00Z,,\n"
                  "T-4,ACC-1,\"abc\"def,P3,Open,,2026-03-04T09:15:00Z,,\n"
                  "T-5,ACC-1,\"Subject with \"unescaped\" quote\",P3,Open,,"
                  "2026-03-04T09:15:00Z,,\n"
                  "T-6,ACC-1,ok,P3,Open,,2026-03-04T09:15:00Z,,\n"));
    assert_int_equal(f->stats.rows_read, 6);
    assert_int_equal(f->stats.rows_accepted, 4);
    assert_int_equal(f->stats.rows_rejected, 2);
    assert_int_equal(f->stats.rows_broken, 2);
    assert_int_equal(f->stats.first_broken, 3);
    assert_string_equal(f->data.tickets[1].id, "T-3");
    assert_int_equal(f->data.tickets[1].source_line, 4);
    /* The stray quote is kept, and said. */
    assert_string_equal(f->data.tickets[2].subject,
                        "Subject with \"unescaped\" quote");
    assert_int_equal(f->stats.stray_quotes, 1);
    assert_int_equal(f->stats.stray_lines[0], 6);
    assert_string_equal(f->stats.stray_value,
                        "'Subject with \"unescaped\" quote'");
    rejects = slurp(f->stats.rejects_path);
    assert_non_null(rejects);
    assert_non_null(strstr(rejects, "\n3,,\"a quote in the row is never "
                                    "closed"));
    assert_non_null(strstr(rejects, "\n5,,"));
    free(rejects);
}

/* Issue 13: one stray byte made a UTF-8 file Windows-1252, silently. */
static void test_utf8_with_a_stray_byte_is_repaired(void **state)
{
    struct fixture *f = *state;

    import_ok(f, write_fixture(f, "accounts.csv",
                               "Account ID,Account Owner,Account Name\n"
                               "ACC-1,Ann,M\xC3\xBCller GmbH\n"
                               "ACC-2,Ann,Bad \xE9 byte\n"
                               "ACC-3,Ann,Caf\xC3\xA9 Ol\xC3\xA9\n"
                               "ACC-4,Ann,Cut \xC3"));
    assert_string_equal(f->stats.encoding, "UTF-8");
    assert_int_equal(f->stats.rows_accepted, 4);
    assert_string_equal(f->data.accounts[0].name, "M\xC3\xBCller GmbH");
    assert_string_equal(f->data.accounts[1].name, "Bad \xEF\xBF\xBD byte");
    assert_string_equal(f->data.accounts[3].name, "Cut \xEF\xBF\xBD");
    assert_int_equal(f->stats.replaced, 2);
    assert_int_equal(f->stats.replaced_rows, 2);
    assert_int_equal(f->stats.replaced_lines[0], 3);
    assert_int_equal(f->stats.replaced_lines[1], 5);
}

/*
 * A file is read as UTF-8 on trust; bytes further on that make it
 * Windows-1252 have it read again from the start: its rows, counts and
 * rejects are those of the second reading alone.
 */
static void test_windows_1252_found_late_is_read_again(void **state)
{
    struct fixture *f = *state;
    struct rejects_rows rows = {{NULL}, 0};

    import_ok(f, write_fixture(f, "accounts.csv",
                               "Account ID,Account Owner,Account Name\n"
                               "ACC-1,Ann,M\xC3\xBCller\n"
                               ",Ann,No id\n"
                               "ACC-2,Ann,Z\xE9ro \xE9t\xE9\n"));
    assert_string_equal(f->stats.encoding, "Windows-1252");
    assert_int_equal(f->stats.rows_read, 3);
    assert_int_equal(f->stats.rows_accepted, 2);
    assert_int_equal(f->stats.rows_rejected, 1);
    assert_int_equal(f->data.n_accounts, 2);
    assert_int_equal(f->data.n_source_files, 1);
    assert_string_equal(f->data.accounts[0].name, "M\xC3\x83\xC2\xBCller");
    assert_string_equal(f->data.accounts[1].name,
                        "Z\xC3\xA9ro \xC3\xA9t\xC3\xA9");
    read_rejects(path_in(f, "accounts.rejects.csv"), &rows);
    assert_int_equal(rows.n, 2); /* its header and the one row */
    forget_rejects(&rows);
}

static void test_buffer_import_without_rejects_dir(void **state)
{
    static const char text[] =
        TICKETS_HEADER "T-1,ACC-1,ok,P3,Open,,2026-03-04T09:15:00Z,,\n"
                       "T-2,ACC-1,bad,P3,Open,,yesterday,,\n";
    struct fixture *f = *state;
    char *cwd = getcwd(NULL, 0);

    /* Nothing may be written: not beside a name, not in the cwd. */
    assert_int_equal(chdir(f->dir), 0);
    assert_int_equal(rp_import_buffer("tickets.csv", text, sizeof(text) - 1,
                                      NULL, &f->data, &f->stats, &f->err),
                     RP_OK);
    assert_int_equal(chdir(cwd), 0);
    free(cwd);
    assert_int_equal(f->stats.rows_read, 2);
    assert_int_equal(f->stats.rows_rejected, 1);
    assert_string_equal(f->stats.rejects_path, "");
    assert_false(exists(path_in(f, "tickets.rejects.csv")));
    assert_string_equal(f->data.tickets[0].source_file, "tickets.csv");

    /* With a directory, the rejects are written there. */
    rp_dataset_release(&f->data);
    assert_int_equal(rp_import_buffer("x/tickets.csv", text, sizeof(text) - 1,
                                      f->dir, &f->data, &f->stats, &f->err),
                     RP_OK);
    assert_true(exists(path_in(f, "tickets.rejects.csv")));
}

static void test_rejects_file_is_not_an_export(void **state)
{
    struct fixture *f = *state;
    const char *path = write_fixture(
        f, "tickets.csv", TICKETS_HEADER "T-1,ACC-1,x,P9,Open,,,,\n");

    import_ok(f, path);
    assert_true(rp_import_is_rejects_file(f->stats.rejects_path));
    assert_false(rp_import_is_rejects_file(path));
    assert_int_equal(rp_import_file(f->stats.rejects_path, NULL, &f->data,
                                    &f->stats, &f->err),
                     RP_ERR_INPUT);
    assert_non_null(strstr(f->err.message, "rejects file"));
}

/*
 * A value that is not a boolean is rejected; the fuzzer found that its
 * parser's unset result was read (undefined behaviour UBSan reports).
 */
static void test_bad_boolean_is_rejected(void **state)
{
    struct fixture *f = *state;
    char *rejects;

    import_ok(f, write_fixture(f, "contacts.csv",
                               "Contact ID,Account ID,Name,Primary\n"
                               "C-1,ACC-1,Ann Lee,yes\n"
                               "C-2,ACC-1,Bo Kim,Platinum\n"));
    assert_int_equal(f->stats.rows_accepted, 1);
    assert_true(f->data.contacts[0].primary);
    rejects = slurp(f->stats.rejects_path);
    assert_non_null(rejects);
    assert_non_null(strstr(rejects, "'Platinum' is not true or false "
                                    "(expected true or false)"));
    free(rejects);
}

/* The shipped sample data (make test runs from the top of the tree). */
static void test_sample_data_imports_clean(void **state)
{
    static const char *const files[] = {
        "input/salesforce-accounts.csv",
        "input/salesforce-contacts.csv",
        "input/salesforce-opportunities.csv",
        "input/salesforce-cases.csv",
        "input/zendesk-tickets.csv",
        "input/jira-issues.csv",
        "input/program-plan-projects.csv",
        "input/program-plan-milestones.csv",
        "input/program-plan-risks.csv",
        "input/program-plan-roles.csv",
    };
    struct fixture *f = *state;
    size_t i, j, unknown = 0;

    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        if (!exists(files[i]))
            skip();
    }
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        import_ok(f, files[i]);
        assert_int_equal(f->stats.rows_rejected, 0);
    }
    assert_int_equal(f->data.n_accounts, 14);
    assert_true(f->data.n_tickets >= 2400);
    assert_true(f->data.n_contacts >= 28);
    assert_true(f->data.n_opportunities >= 28);
    assert_true(f->data.n_projects >= 5);
    assert_true(f->data.n_milestones >= 15);
    assert_true(f->data.n_risks >= 5);
    assert_true(f->data.n_roles >= 14);
    /* Every ticket names its account by id, domain or organisation, but
     * the three of an organisation the CRM does not know. */
    for (i = 0; i < f->data.n_tickets; i++) {
        const struct rp_ticket *t = &f->data.tickets[i];
        bool known = false;
        for (j = 0; j < f->data.n_accounts; j++) {
            const struct rp_account *a = &f->data.accounts[j];
            known |= strcmp(t->account_id, a->id) == 0 ||
                     strcmp(t->org_domain, a->domain) == 0;
        }
        known |= strcmp(t->source_system, "jira") == 0 && t->org_name[0];
        unknown += !known;
    }
    assert_int_equal(unknown, 3);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_imports_accounts_and_tickets),
        T(test_unknown_header_names_expected_columns),
        T(test_close_header_names_missing_columns),
        T(test_empty_and_missing_files),
        T(test_bad_timestamp_row_goes_to_rejects),
        T(test_rejects_dir),
        T(test_row_rejections),
        T(test_duplicate_account_across_files),
        T(test_header_case_order_and_extra_columns),
        T(test_repeated_columns_are_joined),
        T(test_write_records_reimports_the_same),
        T(test_accounts_without_ids_get_ids_from_names),
        T(test_failed_import_leaves_dataset_unchanged),
        T(test_broken_quoting_costs_only_its_row),
        T(test_utf8_with_a_stray_byte_is_repaired),
        T(test_windows_1252_found_late_is_read_again),
        T(test_buffer_import_without_rejects_dir),
        T(test_rejects_file_is_not_an_export),
        T(test_bad_boolean_is_rejected),
        T(test_sample_data_imports_clean),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
