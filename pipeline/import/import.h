/*
 * Import stage: CSV exports in, typed and validated records out.
 *
 * A file is read with libcsv (in any of the encodings and delimiters that
 * CRM and ticketing exports use), its header row is matched against the
 * source profiles (declarative files, one per export format: Salesforce,
 * Zendesk, Jira Service Management, ... and the canonical record files),
 * each row is typed (timestamps normalised to UTC, numbers, priorities and
 * statuses to canonical values) and appended to a struct rp_dataset.  A row
 * that fails is never dropped silently: it goes to the rejects file with its
 * original line number and the reason, and the counts always reconcile:
 * rows_read == rows_accepted + rows_rejected + rows_footer.
 *
 * Ownership: an rp_dataset owns every string in its records, kept in its
 * text pool (never free() one); the caller owns the dataset struct itself
 * and releases it with rp_dataset_release().
 */
#ifndef RP_IMPORT_H
#define RP_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"
#include "common/pool.h"

/* A missing timestamp (e.g. a ticket not yet resolved). */
#define RP_TIME_NONE INT64_MIN

enum rp_priority {
    RP_PRIORITY_P1 = 1, /* critical */
    RP_PRIORITY_P2 = 2,
    RP_PRIORITY_P3 = 3,
    RP_PRIORITY_P4 = 4, /* low */
};
#define RP_PRIORITY_COUNT 4

/* Canonical ticket states, whatever a system calls them. */
enum rp_ticket_status {
    RP_TICKET_NEW,
    RP_TICKET_OPEN,
    RP_TICKET_PENDING,
    RP_TICKET_SOLVED,
    RP_TICKET_CLOSED,
};

struct rp_account {
    char *id;               /* CRM account id: the key across all sources */
    char *name;             /* UTF-8 */
    char *tier;             /* e.g. "Platinum", "Gold", "Silver", "Bronze" */
    char *owner;            /* account owner (sales) */
    char *industry;         /* may be "" */
    char *country;          /* ISO 3166 alpha-2 or "" */
    char *website;          /* may be "" */
    char *domain;           /* web domain from website, lower case, or "" */
    double annual_revenue;  /* in the export's currency; 0 if blank */
    int64_t renewal;        /* contract renewal date (UTC midnight) or NONE */
    double arr;             /* annual recurring revenue; 0 if unknown */
    int64_t contract_start; /* customer since (UTC midnight) or NONE */
    bool id_from_name;      /* no id column: id made from name (nameid.c) */
    /* The CRM's billing address, where printed reviews are shipped; each
     * may be "". */
    char *billing_street, *billing_city, *billing_state, *billing_postal_code;
    const char *source_file; /* points into rp_dataset.source_files */
    long source_line;        /* line of the record's first physical line */
};

/* A ticket's own verdict on an SLA, where its export carries one. */
enum rp_sla_flag {
    RP_SLA_UNKNOWN = 0, /* the export says nothing: compute from times */
    RP_SLA_MET,
    RP_SLA_BREACHED,
};

struct rp_ticket {
    char *id;
    char *account_id; /* CRM account id when the export carries it, or "" */
    char *subject;
    char *category; /* may be "" */
    enum rp_priority priority;
    enum rp_ticket_status status;
    int64_t created;        /* Unix seconds, UTC; always present */
    int64_t first_response; /* or RP_TIME_NONE */
    int64_t resolved;       /* or RP_TIME_NONE */
    /* What the merge stage matches accounts on when account_id is "". */
    char *org_name;            /* organisation / company name, or "" */
    char *org_domain;          /* e-mail or web domain, lower case, or "" */
    char *external_account_id; /* an id the ticketing system keeps, or "" */
    char *source_system;       /* "zendesk", "jira", ... (profile family) */
    int reopened;              /* times reopened, 0 when unknown */
    bool escalated;
    enum rp_sla_flag sla_first_response; /* from the export, if given */
    enum rp_sla_flag sla_resolution;
    const char *source_file;
    long source_line;
};

struct rp_contact {
    char *id;
    char *account_id;
    char *name;  /* "First Last" */
    char *title; /* job title, or "" */
    char *email; /* or "" */
    char *phone; /* or "" */
    char *role;  /* relationship role ("Executive Sponsor"), or "" */
    bool primary;
    const char *source_file;
    long source_line;
};

struct rp_opportunity {
    char *id;
    char *account_id;
    char *name;
    char *stage;    /* as the CRM names it */
    char *type;     /* "New Business", "Renewal", "Upsell", or "" */
    char *currency; /* ISO 4217, or "" */
    double amount;
    double probability; /* percent 0..100, or -1 when unknown */
    int64_t close_date; /* or RP_TIME_NONE */
    bool closed;
    bool won;
    const char *source_file;
    long source_line;
};

/* RAG status, as program managers report it. */
enum rp_rag {
    RP_RAG_UNKNOWN = 0,
    RP_RAG_GREEN,
    RP_RAG_AMBER,
    RP_RAG_RED,
};

/* Program plan: what a program manager keeps in a spreadsheet. */
struct rp_project {
    char *id;
    char *name;
    char *goal;
    char *phase; /* "Planning", "Execution", ... */
    char *owner;
    char *account_id; /* the customer it serves, or "" for program-wide */
    double budget;
    double actual;
    int64_t start; /* or RP_TIME_NONE */
    int64_t end;   /* or RP_TIME_NONE */
    enum rp_rag rag;
    const char *source_file;
    long source_line;
};

struct rp_milestone {
    char *id;
    char *project_id; /* or "" */
    char *account_id; /* or "" */
    char *name;
    char *owner;
    char *status;      /* as written: "Done", "On track", "Delayed" */
    int64_t due;       /* or RP_TIME_NONE */
    int64_t completed; /* or RP_TIME_NONE */
    const char *source_file;
    long source_line;
};

enum rp_risk_level {
    RP_RISK_UNKNOWN = 0,
    RP_RISK_LOW,
    RP_RISK_MEDIUM,
    RP_RISK_HIGH,
};

struct rp_risk {
    char *id;
    char *project_id; /* or "" */
    char *account_id; /* or "" */
    char *title;
    char *owner;
    char *mitigation;
    char *status; /* "Open", "Mitigated", "Closed" */
    enum rp_risk_level probability;
    enum rp_risk_level impact;
    int64_t due; /* or RP_TIME_NONE */
    const char *source_file;
    long source_line;
};

struct rp_role {
    char *role;        /* "Program Manager", "Technical Account Manager" */
    char *person;      /* "" when the role is not filled */
    char *project_id;  /* or "" */
    char *account_id;  /* or "" */
    double allocation; /* percent of a full-time person, or -1 */
    const char *source_file;
    long source_line;
};

/* A CRM user: what an owner id (Salesforce's OwnerId) stands for. */
struct rp_user {
    char *id;
    char *name;     /* "First Last" */
    char *email;    /* or "" */
    char *username; /* login name, or "" */
    bool active;
    const char *source_file;
    long source_line;
};

struct rp_dataset {
    struct rp_account *accounts;
    size_t n_accounts, cap_accounts;
    struct rp_ticket *tickets;
    size_t n_tickets, cap_tickets;
    struct rp_contact *contacts;
    size_t n_contacts, cap_contacts;
    struct rp_opportunity *opportunities;
    size_t n_opportunities, cap_opportunities;
    struct rp_project *projects;
    size_t n_projects, cap_projects;
    struct rp_milestone *milestones;
    size_t n_milestones, cap_milestones;
    struct rp_risk *risks;
    size_t n_risks, cap_risks;
    struct rp_role *roles;
    size_t n_roles, cap_roles;
    struct rp_user *users;
    size_t n_users, cap_users;
    char **source_files; /* every file imported, in order */
    size_t n_source_files, cap_source_files;
    struct rp_pool text; /* every string of every record */
};

/* How many lines a warning names before it says "and N more". */
#define RP_IMPORT_LINES_NAMED 10

/* What one file import did; reported as a one-line summary. */
struct rp_import_stats {
    char profile[64]; /* name of the recognised source profile */
    size_t rows_read;
    size_t rows_accepted;
    size_t rows_rejected;
    /* Rows of the footer a report export ends with (report name,
     * copyright, "Generated By"): read, neither accepted nor rejected. */
    size_t rows_footer;
    char rejects_path[1024]; /* "" when nothing was rejected */
    /* How the file was read: "UTF-8", "UTF-16LE", "Windows-1252", ... */
    char encoding[32];
    bool converted;         /* the encoding was not UTF-8: iconv converted it */
    char delimiter;         /* ',', ';', '\t' or '|' */
    char first_reject[600]; /* "line N: reason" of the first reject, or "" */
    /* Accepted tickets solved or closed without a resolution time, and
     * the column that was empty (or the member's name when none). */
    size_t closed_no_time;
    char closed_no_time_field[128];
    /* Of rows_rejected: rows the CSV layer found broken (a quote never
     * closed, text after a closing quote, a row too long), each set aside
     * alone while reading went on at the next well-formed row. */
    size_t rows_broken;
    long first_broken; /* line of the first */
    /* Rows accepted with a quote inside a quoted field that was not
     * doubled ("a "b" c"), kept as text; the first lines and the value of
     * the first as read. */
    size_t stray_quotes;
    long stray_lines[RP_IMPORT_LINES_NAMED];
    char stray_value[100];
    /* Sequences that could not be read and became U+FFFD (invalid UTF-8
     * in a UTF-8 file, or bytes iconv could not convert); for UTF-8, the
     * rows they were in and the first of their lines. */
    size_t replaced;
    size_t replaced_rows;
    long replaced_lines[RP_IMPORT_LINES_NAMED];
};

void rp_dataset_init(struct rp_dataset *data);
void rp_dataset_release(struct rp_dataset *data);

/*
 * Imports one CSV file into data.  The profile is recognised from the
 * header row; a file matching no profile is an RP_ERR_INPUT naming the
 * columns that were expected.  Rejected rows are written, with line number
 * and reason, to rejects_dir/<basename>.rejects.csv (rejects_dir NULL:
 * beside the input).  Rejected rows do not make the call fail: check
 * stats->rows_rejected.  A file that cannot be read at all does.
 */
enum rp_status rp_import_file(const char *path, const char *rejects_dir,
                              struct rp_dataset *data,
                              struct rp_import_stats *stats,
                              struct rp_error *err) RP_MUST_CHECK;

/*
 * What records say, fed to a digest (common/hash.h): every member the
 * record tables list, each as its type holds it, and not the file and
 * line the record came from.  Records that import alike feed alike.  The
 * tickets one by one, every other kind all at once: a run tells which
 * documents a changed ticket touches by these.
 */
struct rp_sha256;
void rp_import_hash_ticket(struct rp_sha256 *h, const struct rp_ticket *t);
void rp_import_hash_all_but_tickets(struct rp_sha256 *h,
                                    const struct rp_dataset *data);

/*
 * Writes the dataset as canonical record files in dir: accounts.csv and
 * tickets.csv always, contacts.csv, opportunities.csv, projects.csv,
 * milestones.csv, risks.csv and roles.csv when there are such records
 * (UTF-8, ISO 8601 UTC timestamps, canonical priorities and statuses).
 * These are themselves importable, so `reportpipe import` output can feed
 * `reportpipe merge`.
 */
enum rp_status rp_import_write_records(const struct rp_dataset *data,
                                       const char *dir,
                                       struct rp_error *err) RP_MUST_CHECK;

/*
 * Imports CSV held in memory (len bytes at buf, not NUL-terminated),
 * exactly as rp_import_file() imports a file; name stands for the file in
 * messages and in source_file.  Unlike rp_import_file(), rejects_dir NULL
 * writes no rejects file: rejected rows are only counted (tests and the
 * fuzzer use this).  Otherwise the rejects go to
 * rejects_dir/<basename of name>.rejects.csv.  buf is not retained; on
 * failure data is left as it was before the call.
 */
enum rp_status rp_import_buffer(const char *name, const char *buf, size_t len,
                                const char *rejects_dir,
                                struct rp_dataset *data,
                                struct rp_import_stats *stats,
                                struct rp_error *err) RP_MUST_CHECK;

/*
 * Logs the one-line summary of a file's import (profile, encoding and any
 * conversion, delimiter, rows read = accepted + rejected) and, when rows
 * were rejected, the first reason as a warning: the same words whichever
 * command imported the file.
 */
void rp_import_log_stats(const char *path, const struct rp_import_stats *s);

/*
 * Whether path names a rejects file (*.rejects.csv) that an import wrote,
 * so a caller globbing the input directory for CSV files can skip it:
 * importing one fails, as it is not an export.
 */
bool rp_import_is_rejects_file(const char *path);

/*
 * Source profiles (pipeline/import/profiles/NAME.profile; the format is in
 * docs/import-profiles.md) are read on first use from the profiles
 * directory: dir when set with rp_import_set_profile_dir(), else
 * $REPORTPIPE_PROFILES, else pipeline/import/profiles beside the build
 * tree of the running binary, else pipeline/import/profiles under the
 * current directory.  dir is copied.
 */
void rp_import_set_profile_dir(const char *dir);

/*
 * Adds a profile file of the user's (--profile FILE).  It is tried before
 * the shipped ones: a file whose header has all its columns uses it.
 */
enum rp_status rp_import_add_profile(const char *path,
                                     struct rp_error *err) RP_MUST_CHECK;

/*
 * Writes to out a starting profile for the export at path, for a user to
 * edit and pass with --profile: the kind of record and a field per member
 * guessed from the header by name similarity with the known profiles'
 * column names, the time and number formats that read the first rows'
 * values, and comments on what could not be decided.  A file that cannot
 * be read, or has no header row, is an error.
 */
enum rp_status rp_import_suggest_profile(const char *path, FILE *out,
                                         struct rp_error *err) RP_MUST_CHECK;

/*
 * The zone of times written without one, for every profile that names no
 * zone of its own (--zone): "UTC", "+hh:mm" / "-hh:mm", or an IANA name
 * of the system's tz database ("Europe/Berlin"), whose rules in force on
 * each date apply.  An RP_ERR_USAGE when zone is none of these.  zone is
 * not retained.
 */
enum rp_status rp_import_set_zone(const char *zone,
                                  struct rp_error *err) RP_MUST_CHECK;

/* Frees the loaded profiles; the next import loads them again. */
void rp_import_release_profiles(void);

/* Names for canonical values ("P1", "open", ...); static strings. */
const char *rp_priority_name(enum rp_priority priority);
const char *rp_ticket_status_name(enum rp_ticket_status status);

#endif
