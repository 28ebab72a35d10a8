/*
 * Source profiles: which columns an export has and what each one becomes.
 * A new export format is a new table here, not new code.  The canonical
 * name of each column (names[0]) is also what rp_import_write_records()
 * writes, so the record files it produces match these same profiles.
 */
#include "import/internal.h"

#include <stddef.h>
#include <string.h>

#include "common/buf.h"

#define ACCOUNT(member) offsetof(struct rp_account, member)
#define TICKET(member) offsetof(struct rp_ticket, member)

static const struct rp_import_field account_fields[] = {
    {{"Account ID", "Account Id", "AccountId"},
     RP_FIELD_TEXT,
     RP_NEED_VALUE,
     ACCOUNT(id)},
    {{"Account Name"}, RP_FIELD_TEXT, RP_NEED_VALUE, ACCOUNT(name)},
    {{"Tier", "Account Tier", "Customer Tier"},
     RP_FIELD_TEXT,
     RP_NEED_COLUMN,
     ACCOUNT(tier)},
    {{"Account Owner", "Owner"}, RP_FIELD_TEXT, RP_NEED_COLUMN, ACCOUNT(owner)},
    {{"Industry"}, RP_FIELD_TEXT, RP_NEED_OPTIONAL, ACCOUNT(industry)},
    {{"Billing Country", "Country"},
     RP_FIELD_COUNTRY,
     RP_NEED_OPTIONAL,
     ACCOUNT(country)},
    {{"Website"}, RP_FIELD_TEXT, RP_NEED_OPTIONAL, ACCOUNT(website)},
    {{"Annual Revenue"},
     RP_FIELD_AMOUNT,
     RP_NEED_OPTIONAL,
     ACCOUNT(annual_revenue)},
    {{"Contract Renewal", "Renewal Date"},
     RP_FIELD_DATE,
     RP_NEED_OPTIONAL,
     ACCOUNT(renewal)},
};

static const struct rp_import_field ticket_fields[] = {
    {{"Ticket ID", "Ticket Id", "Ticket Number"},
     RP_FIELD_TEXT,
     RP_NEED_VALUE,
     TICKET(id)},
    {{"Account ID", "Account Id", "AccountId", "Organization ID"},
     RP_FIELD_TEXT,
     RP_NEED_VALUE,
     TICKET(account_id)},
    {{"Subject"}, RP_FIELD_TEXT, RP_NEED_COLUMN, TICKET(subject)},
    {{"Priority"}, RP_FIELD_PRIORITY, RP_NEED_VALUE, TICKET(priority)},
    {{"Status"}, RP_FIELD_STATUS, RP_NEED_VALUE, TICKET(status)},
    {{"Category"}, RP_FIELD_TEXT, RP_NEED_OPTIONAL, TICKET(category)},
    {{"Created", "Created At", "Created Date"},
     RP_FIELD_TIMESTAMP,
     RP_NEED_VALUE,
     TICKET(created)},
    {{"First Response", "First Response At", "First Reply"},
     RP_FIELD_TIMESTAMP,
     RP_NEED_COLUMN,
     TICKET(first_response)},
    {{"Resolved", "Resolved At", "Solved At"},
     RP_FIELD_TIMESTAMP,
     RP_NEED_COLUMN,
     TICKET(resolved)},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct rp_import_profile rp_import_profiles[] = {
    {"crm-accounts", "accounts.csv", RP_IMPORT_ACCOUNTS, account_fields,
     COUNT(account_fields)},
    {"tickets", "tickets.csv", RP_IMPORT_TICKETS, ticket_fields,
     COUNT(ticket_fields)},
};
const size_t rp_import_n_profiles = COUNT(rp_import_profiles);

_Static_assert(COUNT(account_fields) <= RP_PROFILE_MAX_FIELDS,
               "raise RP_PROFILE_MAX_FIELDS");
_Static_assert(COUNT(ticket_fields) <= RP_PROFILE_MAX_FIELDS,
               "raise RP_PROFILE_MAX_FIELDS");

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* A header cell names a column, ignoring case and surrounding spaces. */
static bool header_is(const char *cell, size_t len, const char *name)
{
    size_t n = strlen(name), i;

    while (len && is_space(*cell)) {
        cell++;
        len--;
    }
    while (len && is_space(cell[len - 1]))
        len--;
    if (len != n)
        return false;
    for (i = 0; i < n; i++) {
        if (lower(cell[i]) != lower(name[i]))
            return false;
    }
    return true;
}

static long find_column(const struct rp_csv_record *header,
                        const struct rp_import_field *field, long *second)
{
    long found = -1;
    size_t col;
    int k;

    *second = -1;
    for (col = 0; col < header->n_fields; col++) {
        for (k = 0; k < RP_FIELD_MAX_NAMES && field->names[k]; k++) {
            if (!header_is(header->fields[col], header->lens[col],
                           field->names[k]))
                continue;
            if (found < 0)
                found = (long)col;
            else if (*second < 0)
                *second = (long)col;
            break;
        }
    }
    return found;
}

static bool is_rejects_header(const struct rp_csv_record *header)
{
    return header->n_fields >= 3 &&
           header_is(header->fields[0], header->lens[0], "line") &&
           header_is(header->fields[1], header->lens[1], "field") &&
           header_is(header->fields[2], header->lens[2], "reason");
}

/* A message that outgrows its buffer is only shorter, not wrong. */
static void add(struct rp_buf *buf, const char *s)
{
    bool fits = rp_buf_adds(buf, s);
    (void)fits;
}

/* "A, B, C" into buf: the columns of p, all or only the missing ones. */
static void list_columns(struct rp_buf *buf, const struct rp_import_profile *p,
                         const long *columns, bool only_missing)
{
    bool first = true;
    size_t i;

    for (i = 0; i < p->n_fields; i++) {
        if (p->fields[i].need == RP_NEED_OPTIONAL)
            continue;
        if (only_missing && columns[i] >= 0)
            continue;
        if (!first)
            add(buf, ", ");
        add(buf, p->fields[i].names[0]);
        first = false;
    }
}

enum rp_status rp_import_match_header(const struct rp_csv_record *header,
                                      const char *name,
                                      const struct rp_import_profile **profile,
                                      long columns[RP_PROFILE_MAX_FIELDS],
                                      struct rp_error *err)
{
    long cols[RP_PROFILE_MAX_FIELDS];
    size_t best = 0, best_found = 0, best_total = 0, p, i;
    const struct rp_import_profile *match = NULL;
    struct rp_buf msg;
    enum rp_status status;

    if (is_rejects_header(header))
        return rp_error_set(err, RP_ERR_INPUT, name, header->line, NULL,
                            "this is a rejects file written by reportpipe "
                            "import, not an export; correct the rows in the "
                            "export itself");
    for (p = 0; p < rp_import_n_profiles; p++) {
        const struct rp_import_profile *prof = &rp_import_profiles[p];
        size_t found = 0, needed = 0, total = 0;

        for (i = 0; i < prof->n_fields; i++) {
            long second;
            cols[i] = find_column(header, &prof->fields[i], &second);
            total += cols[i] >= 0;
            if (prof->fields[i].need != RP_NEED_OPTIONAL) {
                needed++;
                found += cols[i] >= 0;
            }
            if (second >= 0)
                return rp_error_set(
                    err, RP_ERR_INPUT, name, header->line,
                    prof->fields[i].names[0],
                    "the header has this column twice (columns %ld and "
                    "%ld); which one holds the data is unclear",
                    cols[i] + 1, second + 1);
        }
        /* Of the profiles whose columns are all there, the one that
         * explains most of the header wins. */
        if (found == needed && (!match || total > best_total)) {
            match = prof;
            best_total = total;
            memcpy(columns, cols, sizeof(cols));
        }
        if (found > best_found) {
            best = p;
            best_found = found;
        }
    }

    if (match) {
        *profile = match;
        return RP_OK;
    }

    /* No profile: say what was expected, and what is missing if close. */
    rp_buf_init(&msg, 900);
    if (best_found > 0) {
        const struct rp_import_profile *prof = &rp_import_profiles[best];
        for (i = 0; i < prof->n_fields; i++) {
            long second;
            cols[i] = find_column(header, &prof->fields[i], &second);
        }
        add(&msg, "the header looks like a '");
        add(&msg, prof->name);
        add(&msg, "' export but lacks the columns ");
        list_columns(&msg, prof, cols, true);
        add(&msg, " (expected: ");
        list_columns(&msg, prof, cols, false);
        add(&msg, ")");
    } else {
        add(&msg, "the header matches no known export");
        for (p = 0; p < rp_import_n_profiles; p++) {
            add(&msg, p ? "; '" : ": '");
            add(&msg, rp_import_profiles[p].name);
            add(&msg, "' expects the columns ");
            list_columns(&msg, &rp_import_profiles[p], cols, false);
        }
    }
    status = rp_error_set(err, RP_ERR_INPUT, name, header->line, NULL, "%s",
                          msg.data ? msg.data : "");
    rp_buf_release(&msg);
    return status;
}

enum rp_status rp_import_error_no_header(const char *name, struct rp_error *err)
{
    long unused[RP_PROFILE_MAX_FIELDS] = {0};
    struct rp_buf msg;
    enum rp_status status;
    size_t p;

    rp_buf_init(&msg, 900);
    add(&msg, "the file is empty: it has no header row");
    for (p = 0; p < rp_import_n_profiles; p++) {
        add(&msg, p ? "; '" : " ('");
        add(&msg, rp_import_profiles[p].name);
        add(&msg, "' expects the columns ");
        list_columns(&msg, &rp_import_profiles[p], unused, false);
    }
    add(&msg, ")");
    status = rp_error_set(err, RP_ERR_INPUT, name, 1, NULL, "%s",
                          msg.data ? msg.data : "");
    rp_buf_release(&msg);
    return status;
}
