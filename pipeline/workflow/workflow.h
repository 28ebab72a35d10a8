/*
 * Workflow stage: each Annual Customer Review request tracked from Sales'
 * request to delivery, in a SQLite store that runs never rewrite.
 *
 *   requested -> collecting -> drafted -> in-review -> approved -> delivered
 *                                             |
 *                                             +-> changes-requested
 *
 * One request per account and review year (the meeting's year).  Who acts
 * is the OS login running the process, mapped to a person through
 * config/people.csv; nobody can claim another person's name.  Only an
 * approver designated for the account approves; an administrator may
 * record a decision given outside the tool, on behalf of that approver,
 * with a file of evidence kept beside it.
 *
 * Content is locked by hash.  submit renders a draft (DRAFT on every page)
 * from a snapshot of the account's review data and records the draft's
 * SHA-256, the snapshot and the template version; approve binds the
 * approver to that exact draft and renders the final from the same
 * snapshot, dated at the approval, so the final is reproducible byte for
 * byte.  Data that changes while a draft is in review sends the request
 * back to drafted.
 *
 * Every action and every refusal goes to an append-only audit table (its
 * triggers refuse UPDATE and DELETE) whose entries each carry the SHA-256
 * of the one before, so an edited or deleted row shows in
 * rp_workflow_audit_verify().  Every change is one transaction: a refused
 * or failed action changes nothing but the audit.
 *
 * The stage does not know how documents are made: the caller hands it a
 * struct rp_workflow_renderer (snapshot, render), so the command line and
 * the web page drive the same rules.
 *
 * Ownership: rp_workflow_open() returns a handle freed with
 * rp_workflow_free(); lists returned here are freed with the matching
 * _free() function; strings inside them belong to the list.
 */
#ifndef RP_WORKFLOW_H
#define RP_WORKFLOW_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/hash.h"

/* ---- people (config/people.csv) ---- */

enum rp_workflow_role {
    RP_WORKFLOW_ADMINISTRATOR = 1 << 0,
    RP_WORKFLOW_SALES_REP = 1 << 1,
    RP_WORKFLOW_CONTRIBUTOR = 1 << 2,
    RP_WORKFLOW_APPROVER = 1 << 3,
};

struct rp_workflow_person {
    char *id;   /* person column: stable id used in the store */
    char *name; /* as printed on the approval block */
    char *email;
    char *login;    /* OS account */
    unsigned roles; /* enum rp_workflow_role bits */
    /* approves column split at ';': "ACC-1001", "tier:Gold", "owner:NAME",
     * "country:DE" or "*" (every account). */
    char **approves;
    size_t n_approves;
    long line; /* line in people.csv */
};

struct rp_workflow_people {
    struct rp_workflow_person *items;
    size_t n;
    char path[512];
};

/*
 * Loads people.csv (header person,name,email,login,role,approves; role may
 * list several roles separated by ';').  Errors name file, line and field:
 * an unknown role, a duplicate person or login, an approver who approves
 * nothing, an approves entry of an unknown kind.  Release with
 * rp_workflow_people_release() whatever the status.
 */
enum rp_status rp_workflow_people_load(struct rp_workflow_people *people,
                                       const char *path,
                                       struct rp_error *err) RP_MUST_CHECK;
void rp_workflow_people_release(struct rp_workflow_people *people);

const struct rp_workflow_person *
rp_workflow_people_by_login(const struct rp_workflow_people *people,
                            const char *login);
const struct rp_workflow_person *
rp_workflow_people_by_id(const struct rp_workflow_people *people,
                         const char *id);

/* The facts of a CRM account that designate its approvers. */
struct rp_workflow_account {
    const char *id;
    const char *name;
    const char *tier;
    const char *owner;
    const char *country;
    /* Where the printed review is shipped: the CRM's billing address
     * (delivery.c); NULL or "" when the export has none. */
    const char *street, *city, *state, *postal_code;
};

/* True when person is an approver designated for account. */
int rp_workflow_person_approves(const struct rp_workflow_person *person,
                                const struct rp_workflow_account *account);

/* ---- how documents are made (supplied by the caller) ---- */

/* What replaces the DRAFT mark on an approved document. */
struct rp_workflow_mark {
    const char *approver_name; /* NULL: a draft, DRAFT on every page */
    const char *approved_on;   /* YYYY-MM-DD */
    const char *fingerprint;   /* short hex printed on the document */
    int64_t date;              /* the document's creation date, Unix s */
};

struct rp_workflow_renderer {
    void *ctx;
    /*
     * The account's facts; RP_ERR_INPUT when the CRM data has no such
     * account.  The strings stay valid as long as the renderer does.
     */
    enum rp_status (*account)(void *ctx, const char *account_id,
                              struct rp_workflow_account *out,
                              struct rp_error *err);
    /*
     * The account's review data as it is now: *xml (malloc'd, the caller
     * frees it), the hash of the data itself (which ignores when it was
     * generated) and the version of the templates that will render it.
     */
    enum rp_status (*snapshot)(void *ctx, const char *account_id, char **xml,
                               size_t *len, char data_hash[RP_SHA256_HEX_SIZE],
                               char template_version[RP_SHA256_HEX_SIZE],
                               struct rp_error *err);
    /* Renders a review from a snapshot to pdf_path, atomically. */
    enum rp_status (*render)(void *ctx, const char *xml, size_t len,
                             const struct rp_workflow_mark *mark,
                             const char *pdf_path, struct rp_error *err);
};

/* ---- settings (config/workflow.xml) ---- */

/* One section a person is asked to write (<section> in workflow.xml). */
struct rp_workflow_section_rule {
    char name[64]; /* a contribution section, e.g. executive-summary */
    /* Who writes it: "owner" (the person people.csv names as the CRM
     * account's owner), "approver" (the account's first designated
     * approver), "administrator" (the first one) or "person:ID". */
    char writer[128];
    long line; /* in workflow.xml */
};
#define RP_WORKFLOW_MAX_TASK_SECTIONS 16

/*
 * What the program manager tunes; an absent config/workflow.xml keeps
 * these defaults (and asks nobody for a section):
 *   <workflow delivery-lead-days="7" approval-wait-days="5"
 *             contribution-lead-days="21" approval-lead-days="10"
 *             print-lead-days="DELIVERY-LEAD-DAYS" print-copies="1"
 *             delivery-risk-days="2">
 *     <section name="executive-summary" writer="owner"/>
 *     <mail from="reviews@example.com" from-name="..." sendmail="..."
 *           remind-before-days="3" remind-every-days="1"/>
 *     <web url="https://reviews.example.com"/>
 *   </workflow>
 */
struct rp_workflow_settings {
    int delivery_lead_days; /* a request is due this long before its meeting */
    int approval_wait_days; /* a draft in review longer is flagged */
    int contribution_lead_days; /* contribution tasks are due this early */
    int approval_lead_days;     /* the approval is due this early */
    /* The print deadline (requests.print_due, set by request) is this
     * long before the meeting: the reminders' digest, the print job's
     * manifest and the deliveries at risk all read that one day. */
    int print_lead_days;
    int print_copies;       /* copies printed unless deliver says otherwise */
    int delivery_risk_days; /* unshipped this close to the print deadline:
                               at risk */
    struct rp_workflow_section_rule sections[RP_WORKFLOW_MAX_TASK_SECTIONS];
    size_t n_sections;
    int remind_before_days; /* reminders start this long before a due day */
    int remind_every_days;  /* and come no more often than this */
    char mail_from[256];    /* "": the first administrator's address */
    char mail_from_name[256];
    char sendmail[512]; /* "": messages stay in the outbox */
    /* Where people reach the intranet page (<web url>), without a
     * trailing '/': invitation links start with it. */
    char web_url[256];
    char path[512]; /* the file read, "" for the defaults */
};

/*
 * Loads path into s (defaults first; an absent file keeps them).  Errors
 * name file, line and attribute.
 */
enum rp_status rp_workflow_settings_load(struct rp_workflow_settings *s,
                                         const char *path,
                                         struct rp_error *err) RP_MUST_CHECK;

/* A contribution is a few pages of prose, not a data dump. */
#define RP_WORKFLOW_MAX_CONTRIBUTION ((size_t)256 << 10)

/* ---- the store ---- */

enum rp_workflow_stage {
    RP_WORKFLOW_REQUESTED,
    RP_WORKFLOW_COLLECTING,
    RP_WORKFLOW_DRAFTED,
    RP_WORKFLOW_IN_REVIEW,
    RP_WORKFLOW_APPROVED,
    RP_WORKFLOW_CHANGES_REQUESTED,
    RP_WORKFLOW_DELIVERED,
};
#define RP_WORKFLOW_N_STAGES 7

/* "requested", "in-review", ...: the names the store and users see. */
const char *rp_workflow_stage_name(enum rp_workflow_stage stage);

struct rp_workflow_options {
    const char *db_path;     /* e.g. state/reportpipe.db */
    const char *people_path; /* e.g. config/people.csv */
    /* Holds workflow.xml; NULL: the default settings. */
    const char *config_dir;
    /* Where drafts (OUTPUT/drafts/) and finals (OUTPUT/approved/) go. */
    const char *output_dir;
    /* The OS login acting; the caller takes it from the process's uid.
     * May be NULL when via is set: the web server opens the store before
     * it knows who signs in, then names the actor. */
    const char *login;
    /* Where the act comes from, for the audit: NULL for the command line,
     * "web 192.0.2.7" for the intranet page (the client's address). */
    const char *via;
    int64_t now; /* Unix seconds: the time stamped on actions */
    /* Section names a contribution may have; NULL-terminated. */
    const char *const *sections;
    /* How long to wait for another process's write, in ms; 0: 10 s. */
    int busy_timeout_ms;
};

struct rp_workflow;

/*
 * Opens (creating it and its folder if needed) the store, applies the
 * migrations an older store lacks, and loads the people.  A store that is
 * not ours or corrupt is RP_ERR_INPUT naming the file; a store locked
 * beyond the busy timeout is RP_ERR_BUSY.  The acting login is resolved
 * by each action, so that an unknown login's attempt is itself audited.
 */
enum rp_status rp_workflow_open(const struct rp_workflow_options *opt,
                                struct rp_workflow **out,
                                struct rp_error *err) RP_MUST_CHECK;
void rp_workflow_free(struct rp_workflow *wf);

/* The settings the store was opened with. */
const struct rp_workflow_settings *
rp_workflow_settings_of(struct rp_workflow *wf);

/* The schema version of an open store (latest after rp_workflow_open). */
int rp_workflow_schema_version(struct rp_workflow *wf);

/* The person acting from now on (the web server, after checking the
 * session: the person's OS login from people.csv) and where from (NULL:
 * the command line).  Both are copied. */
void rp_workflow_set_actor(struct rp_workflow *wf, const char *login,
                           const char *via);
/* The person the acting login maps to, or NULL. */
const struct rp_workflow_person *rp_workflow_actor(struct rp_workflow *wf);
/* The people the store was opened with (they belong to the handle). */
const struct rp_workflow_people *rp_workflow_people_of(struct rp_workflow *wf);
/* The clock of the actions from now on (a server that keeps a handle
 * open between requests sets it per request). */
void rp_workflow_set_now(struct rp_workflow *wf, int64_t now);

/* An administrator recording a decision given outside the tool. */
struct rp_workflow_behalf {
    const char *person;        /* the approver's person id */
    const char *evidence_path; /* e-mail, minutes: kept with its SHA-256 */
};

/* What an action produced, for the command to report. */
struct rp_workflow_result {
    enum rp_workflow_stage from, to;
    int version;     /* draft or approved version; for a request, its year */
    char path[1024]; /* the draft or final written */
    char due[11];    /* requests: the due date */
    char sha256[RP_SHA256_HEX_SIZE]; /* its hash */
    char fingerprint[16];            /* approvals: the short fingerprint */
};

/*
 * The actions.  Each checks who acts (their role and, for approvals, the
 * designation), the current stage, and its own input; a refusal is
 * RP_ERR_REFUSED with a message naming what and why (for an illegal step:
 * the current stage and the steps allowed from it) and is recorded in the
 * audit.  result may be NULL.
 */
enum rp_status rp_workflow_request(struct rp_workflow *wf,
                                   const struct rp_workflow_renderer *r,
                                   const char *account_id, int64_t meeting,
                                   int64_t due, struct rp_workflow_result *res,
                                   struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_workflow_contribute(struct rp_workflow *wf,
                                      const char *account_id,
                                      const char *section, const char *text,
                                      size_t len, const char *source_name,
                                      struct rp_workflow_result *res,
                                      struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_workflow_submit(struct rp_workflow *wf,
                                  const struct rp_workflow_renderer *r,
                                  const char *account_id,
                                  struct rp_workflow_result *res,
                                  struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_workflow_approve(struct rp_workflow *wf,
                                   const struct rp_workflow_renderer *r,
                                   const char *account_id, const char *comment,
                                   const struct rp_workflow_behalf *behalf,
                                   struct rp_workflow_result *res,
                                   struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_workflow_reject(struct rp_workflow *wf,
                                  const char *account_id, const char *comment,
                                  const struct rp_workflow_behalf *behalf,
                                  struct rp_workflow_result *res,
                                  struct rp_error *err) RP_MUST_CHECK;
/* file: the PDF going to print; NULL means the approved file itself. */
enum rp_status rp_workflow_deliver(struct rp_workflow *wf,
                                   const char *account_id, const char *file,
                                   struct rp_workflow_result *res,
                                   struct rp_error *err) RP_MUST_CHECK;

/*
 * What the nightly run calls for every account it drafts: a request still
 * collecting becomes drafted; one in review whose data hash differs from
 * the submitted draft's goes back to drafted, and the audit says why.
 * Not an act of a person: audited as the running login, no refusal.
 */
enum rp_status rp_workflow_note_data(struct rp_workflow *wf,
                                     const char *account_id,
                                     const char *data_hash,
                                     struct rp_error *err) RP_MUST_CHECK;

/* ---- reading ---- */

struct rp_workflow_request_info {
    char *account, *account_name;
    int year;
    enum rp_workflow_stage stage;
    int64_t stage_since;
    char since[11], meeting[11], due[11]; /* YYYY-MM-DD */
    char *requested_by;
    char *waits_on; /* who must act next, readable: "Dana Whitfield" */
    int overdue;    /* past due and not delivered */
    int approval_waiting_days; /* in review longer than allowed, else 0 */
    int drafts;                /* versions submitted */
    char draft_sha256[RP_SHA256_HEX_SIZE]; /* latest draft, or "" */
    char final_sha256[RP_SHA256_HEX_SIZE]; /* approved final, or "" */
    char *final_path;                      /* or NULL */
    /* Print and shipment (delivery.c): the print deadline (the request's
     * print_due, see rp_workflow_settings), whether deliver made a print job,
     * the day it shipped ("" if not) and its tracking number (or NULL); at
     * risk: not shipped, the meeting still ahead and the print deadline within
     * delivery-risk-days. */
    char print_deadline[11];
    int printed;
    char shipped[11];
    char *tracking;
    int at_risk;
    /* The request's contribution tasks still open (its missing
     * sections), until the review is approved; 0 after. */
    int contributions_missing;
};

struct rp_workflow_request_list {
    struct rp_workflow_request_info *items;
    size_t n;
};

/* Every request (or the account's), by account and year.  Any known
 * person may look. */
enum rp_status rp_workflow_status(struct rp_workflow *wf,
                                  const char *account_id,
                                  struct rp_workflow_request_list *out,
                                  struct rp_error *err) RP_MUST_CHECK;
void rp_workflow_request_list_free(struct rp_workflow_request_list *list);

/* The newest stored contribution per account and section (of each
 * account's latest request), for the merge. */
struct rp_workflow_contribution {
    char *account, *section, *text, *author;
    int64_t submitted;
};
struct rp_workflow_contribution_list {
    struct rp_workflow_contribution *items;
    size_t n;
};
enum rp_status
rp_workflow_contributions(struct rp_workflow *wf,
                          struct rp_workflow_contribution_list *out,
                          struct rp_error *err) RP_MUST_CHECK;
void rp_workflow_contribution_list_free(
    struct rp_workflow_contribution_list *list);

struct rp_workflow_audit_entry {
    int64_t seq, at;
    char *login, *person, *on_behalf_of, *action, *outcome, *account;
    char *from_stage, *to_stage, *document_sha256, *detail;
    char *via; /* NULL: the command line; "web ADDRESS": the intranet page */
};
/* Calls fn for each entry (of the account, or all), oldest first. */
enum rp_status rp_workflow_audit_each(
    struct rp_workflow *wf, const char *account_id,
    void (*fn)(void *ctx, const struct rp_workflow_audit_entry *e), void *ctx,
    struct rp_error *err) RP_MUST_CHECK;
/* The audit entries of one person (what they did), or of everyone when
 * person_id is NULL, newest first, at most limit: an index reads only
 * those, however long the audit. */
enum rp_status rp_workflow_audit_of_person(
    struct rp_workflow *wf, const char *person_id, int limit,
    void (*fn)(void *ctx, const struct rp_workflow_audit_entry *e), void *ctx,
    struct rp_error *err) RP_MUST_CHECK;
/*
 * Recomputes the chain: RP_ERR_INPUT naming the first entry whose hash or
 * link does not hold (an edited, inserted or deleted row).  *entries and
 * head (the newest hash) say what was checked.
 */
enum rp_status rp_workflow_audit_verify(struct rp_workflow *wf,
                                        int64_t *entries,
                                        char head[RP_SHA256_HEX_SIZE],
                                        struct rp_error *err) RP_MUST_CHECK;

/* The recorded path of the account's latest draft (of its latest
 * request that has one; documents.c), into path; "" when there is none. */
enum rp_status
rp_workflow_latest_draft_path(struct rp_workflow *wf, const char *account_id,
                              char path[1024],
                              struct rp_error *err) RP_MUST_CHECK;

/* The review data the account's latest draft was made from (the snapshot
 * submit recorded): *xml (malloc'd, the caller frees it) and its length;
 * NULL and 0 when no draft has been made. */
enum rp_status rp_workflow_latest_snapshot(struct rp_workflow *wf,
                                           const char *account_id, char **xml,
                                           size_t *len,
                                           struct rp_error *err) RP_MUST_CHECK;

/* What a PDF is, by its hash. */
struct rp_workflow_verdict {
    int approved; /* an approved final this store issued */
    int draft;    /* a draft this store recorded */
    char account[128];
    int year, version;
    char approver[256];    /* the approver's name (and person id) */
    char recorded_by[256]; /* who recorded it, when on behalf */
    char approved_on[32];  /* YYYY-MM-DD HH:MM UTC */
    char fingerprint[16];
    char sha256[RP_SHA256_HEX_SIZE];
    int delivered;
};
/* RP_OK also for a file the store does not know (then both flags 0). */
enum rp_status rp_workflow_verify_file(struct rp_workflow *wf, const char *path,
                                       struct rp_workflow_verdict *out,
                                       struct rp_error *err) RP_MUST_CHECK;

/* ---- contribution tasks and reminders (tasks.c, remind.c) ---- */

/* One section a request asks of a person. */
struct rp_workflow_task {
    char *account, *section;
    int year;
    enum rp_workflow_stage stage; /* of the request */
    char *person;                 /* person id, or NULL: nobody fits the rule */
    char *person_name; /* as people know them, or what the rule wanted */
    char *writer;      /* the rule: owner, approver, person:ID, ... */
    char due[11];      /* YYYY-MM-DD */
    char done[11];     /* the day it was contributed, or "" */
    char *done_by;     /* person id, or NULL */
    int overdue;       /* open past its due day */
    int late;          /* done after its due day */
};
struct rp_workflow_task_list {
    struct rp_workflow_task *items;
    size_t n;
};
/* The tasks of every account's latest request (or the account's), by
 * account and the configured order of sections.  Any known person may
 * look. */
enum rp_status rp_workflow_tasks(struct rp_workflow *wf, const char *account_id,
                                 struct rp_workflow_task_list *out,
                                 struct rp_error *err) RP_MUST_CHECK;
void rp_workflow_task_list_free(struct rp_workflow_task_list *list);

/* One message a reminder run wrote or handed over. */
struct rp_workflow_notice {
    const char *path; /* the .eml file as written to the outbox */
    const char *kind; /* contribution, approval, digest */
    const char *to;   /* "Name <address>" */
    const char *subject;
};
struct rp_workflow_remind_result {
    int written; /* new messages in the outbox */
    int repeats; /* left out: already made today */
    int sent;    /* handed to the sendmail command */
    int kept;    /* still in the outbox: sendmail failed or is not set */
};
/*
 * The daily reminder run (an administrator's act): asks each task's
 * person for their open sections (at once when asked, then from
 * remind-before-days before the due day, at most every remind-every-days
 * days), asks the designated approvers of a draft in review to approve it
 * (the draft PDF attached, its hash checked), and sends each administrator
 * a digest of what is due, overdue or waiting.  Each message is written
 * atomically to outbox_dir as a .eml file and recorded (who, what, which
 * day): nobody gets the same message twice in a day.  With a sendmail
 * command configured, every message still in the outbox is piped to it
 * and moved to outbox_dir/sent/ once it took it; one it refused stays,
 * recorded as not sent, and the run ends in RP_ERR_INTERNAL naming the
 * command.  on_message (may be NULL) hears of each new message.
 */
enum rp_status rp_workflow_remind(
    struct rp_workflow *wf, const char *outbox_dir,
    void (*on_message)(void *ctx, const struct rp_workflow_notice *n),
    void *ctx, struct rp_workflow_remind_result *res,
    struct rp_error *err) RP_MUST_CHECK;

/* ---- print and shipment (delivery.c) ---- */

/*
 * deliver, with its print job: the file is checked as rp_workflow_deliver()
 * checks it, then copied to OUTPUT/print/<today>/ACCOUNT-YEAR-vN.pdf, and
 * that folder's manifest.json and manifest.csv are written again from the
 * store, with every job of the day (account, ship-to address, copies,
 * meeting, print deadline, file and SHA-256), each file atomically and
 * while the store's write lock is held, so a second delivery the same day
 * adds to the day's job.  r->account() gives the ship-to address (the
 * CRM's billing address); copies 0 takes the settings' print-copies.
 * res->path is the copy in the print folder.
 */
enum rp_status rp_workflow_deliver_print(struct rp_workflow *wf,
                                         const struct rp_workflow_renderer *r,
                                         const char *account_id,
                                         const char *file, int copies,
                                         struct rp_workflow_result *res,
                                         struct rp_error *err) RP_MUST_CHECK;

/* The shipment of the account's delivered review, with the carrier's
 * tracking number (printable, at most 100 bytes).  Refused before
 * delivery, naming the stage. */
enum rp_status rp_workflow_shipped(struct rp_workflow *wf,
                                   const char *account_id, const char *tracking,
                                   struct rp_workflow_result *res,
                                   struct rp_error *err) RP_MUST_CHECK;

/* ---- meeting feedback and follow-ups (feedback_file.c, feedback.c) ---- */

/* A follow-up action as a feedback file states it. */
struct rp_workflow_followup_entry {
    char *what, *owner;
    char due[11]; /* YYYY-MM-DD */
    long line;
};

/* What a feedback file says: the customer's feedback and the actions. */
struct rp_workflow_feedback_doc {
    char *text; /* the feedback, paragraphs separated by blank lines */
    struct rp_workflow_followup_entry *followups;
    size_t n_followups;
};

#define RP_WORKFLOW_MAX_FOLLOWUPS 200

/*
 * Parses a feedback file (docs/workflow.md, "Meeting feedback"): lines
 * starting with '#' are comments, "follow-up: WHAT | OWNER | YYYY-MM-DD"
 * lines are actions, every other line is the feedback.  A bad line is
 * RP_ERR_INPUT naming path, line and field (follow-up, what, owner, due
 * or text); the file is then taken as a whole or not at all.  Release out
 * with rp_workflow_feedback_doc_release() whatever the status.
 */
enum rp_status rp_workflow_feedback_parse(const char *path, const char *data,
                                          size_t len,
                                          struct rp_workflow_feedback_doc *out,
                                          struct rp_error *err) RP_MUST_CHECK;
void rp_workflow_feedback_doc_release(struct rp_workflow_feedback_doc *doc);

/* One follow-up as the store has it. */
struct rp_workflow_followup {
    int64_t id;
    char *account, *account_name;
    int year; /* of the review whose meeting it came from */
    char *what, *owner;
    char due[11];
    char done_on[11]; /* YYYY-MM-DD, "" while open */
    char *done_by;    /* person id, NULL while open */
    int overdue;      /* open and past its due date */
};
struct rp_workflow_followup_list {
    struct rp_workflow_followup *items;
    size_t n;
};
void rp_workflow_followup_list_free(struct rp_workflow_followup_list *list);
/* Frees the strings of one follow-up. */
void rp_workflow_followup_release(struct rp_workflow_followup *f);

/*
 * Records the feedback file at path for the account's delivered review:
 * the text and each follow-up, in one transaction, audited; a file that
 * does not parse is refused (RP_ERR_INPUT, file, line and field) and
 * nothing of it is recorded.  recorded (may be NULL) gets the follow-ups
 * with their ids.
 */
enum rp_status rp_workflow_feedback(struct rp_workflow *wf,
                                    const char *account_id, const char *path,
                                    struct rp_workflow_followup_list *recorded,
                                    struct rp_workflow_result *res,
                                    struct rp_error *err) RP_MUST_CHECK;

/* Closes follow-up id (audited); closing one twice is refused. */
enum rp_status rp_workflow_followup_done(struct rp_workflow *wf, int64_t id,
                                         struct rp_workflow_followup *done,
                                         struct rp_error *err) RP_MUST_CHECK;

/* Follow-ups (of the account, or all; only open ones when open_only), by
 * account and id. */
enum rp_status rp_workflow_followups(struct rp_workflow *wf,
                                     const char *account_id, int open_only,
                                     struct rp_workflow_followup_list *out,
                                     struct rp_error *err) RP_MUST_CHECK;

/* Each account's latest recorded feedback (of its latest review that has
 * some; several files of one review joined), for next year's review. */
struct rp_workflow_feedback_record {
    char *account;
    int year;
    char *text, *author;
    int64_t recorded;
};
struct rp_workflow_feedback_list {
    struct rp_workflow_feedback_record *items;
    size_t n;
};
enum rp_status
rp_workflow_feedback_latest(struct rp_workflow *wf,
                            struct rp_workflow_feedback_list *out,
                            struct rp_error *err) RP_MUST_CHECK;
void rp_workflow_feedback_list_free(struct rp_workflow_feedback_list *list);

/* ---- signing in to the intranet page (signin.c) ---- */

/*
 * People sign in with a password they set through a single-use invitation
 * an administrator makes (reportpipe invite).  Passwords are stored as
 * crypto_pwhash_str (Argon2id, libsodium's interactive limits); invitation
 * and session tokens are 32 random bytes in base64url, and only their
 * SHA-256 is stored.  Every act here is audited with its via.
 */
#define RP_WORKFLOW_TOKEN_SIZE 44 /* 32 random bytes, base64url, + NUL */
#define RP_WORKFLOW_INVITE_HOURS 72
#define RP_WORKFLOW_MIN_PASSWORD 10   /* characters (UTF-8 code points) */
#define RP_WORKFLOW_MAX_PASSWORD 1024 /* bytes */

/* An administrator invites a person of people.csv: a single-use token,
 * valid RP_WORKFLOW_INVITE_HOURS; only its hash is stored.  A new
 * invitation replaces the person's unused ones. */
enum rp_status rp_workflow_invite(struct rp_workflow *wf, const char *person_id,
                                  char token[RP_WORKFLOW_TOKEN_SIZE],
                                  int64_t *expires_at,
                                  struct rp_error *err) RP_MUST_CHECK;

/* Who an unused, unexpired invitation is for (the set-password page),
 * without using it.  RP_ERR_REFUSED when expired, used or unknown. */
enum rp_status
rp_workflow_invitation_person(struct rp_workflow *wf, const char *token,
                              const struct rp_workflow_person **who,
                              struct rp_error *err) RP_MUST_CHECK;

/* Uses the invitation: stores crypto_pwhash_str(password) (OPSLIMIT and
 * MEMLIMIT _INTERACTIVE), marks the invitation used, ends the person's
 * sessions.  Too short (< RP_WORKFLOW_MIN_PASSWORD) or > 1024 bytes or not
 * UTF-8: RP_ERR_INPUT naming field "password". */
enum rp_status rp_workflow_set_password(struct rp_workflow *wf,
                                        const char *token, const char *password,
                                        const struct rp_workflow_person **who,
                                        struct rp_error *err) RP_MUST_CHECK;

struct rp_workflow_session {
    char token[RP_WORKFLOW_TOKEN_SIZE];      /* the cookie's value (only from
                                                sign-in) */
    char csrf[RP_WORKFLOW_TOKEN_SIZE];       /* the session's form token */
    const struct rp_workflow_person *person; /* belongs to the handle */
    int64_t expires_at;
};
#define RP_WORKFLOW_SESSION_IDLE (30 * 60)  /* idle expiry, seconds */
#define RP_WORKFLOW_SESSION_MAX (12 * 3600) /* absolute expiry */
/* Failed sign-ins counted over this window (seconds) ... */
#define RP_WORKFLOW_SIGNIN_WINDOW (15 * 60)
/* ... at most this many for one person, and from one address. */
#define RP_WORKFLOW_SIGNIN_PERSON_FAILURES 5
#define RP_WORKFLOW_SIGNIN_ADDRESS_FAILURES 20

/* Signs in by person id or OS login and password from address.  Rate
 * limit: after 5 failures for a person within 15 min, or 20 from an
 * address within 15 min, refused (RP_ERR_REFUSED, "too many failed
 * sign-ins, try again in N minutes") without checking the password.  Every
 * failure is audited (action "sign-in", outcome refused, via) and counted;
 * the message never says whether the person exists. */
enum rp_status rp_workflow_sign_in(struct rp_workflow *wf, const char *who,
                                   const char *password, const char *address,
                                   struct rp_workflow_session *out,
                                   struct rp_error *err) RP_MUST_CHECK;

/* The session of a cookie, touched (idle expiry moves on).  RP_ERR_REFUSED
 * when unknown, ended or expired (the page sends the person to sign-in).
 * out->token is left empty. */
enum rp_status rp_workflow_session_check(struct rp_workflow *wf,
                                         const char *token,
                                         struct rp_workflow_session *out,
                                         struct rp_error *err) RP_MUST_CHECK;
/* Ends it (sign-out), audited. */
enum rp_status rp_workflow_sign_out(struct rp_workflow *wf, const char *token,
                                    struct rp_error *err) RP_MUST_CHECK;

#endif
