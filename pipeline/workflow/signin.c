/*
 * Signing in to the intranet page (workflow.h): invitations, passwords,
 * sessions and the limits on failed sign-ins.  It lives in the workflow
 * because the audit must record failed sign-ins and because an
 * invitation is a command-line act as much as a web one.
 *
 * Secrets never reach the store: a password is kept as
 * crypto_pwhash_str() (Argon2id), an invitation or session token as its
 * SHA-256.  Each Argon2id computation takes 64 MiB for a tenth of a
 * second, so at most two run at once in the process (a server under a
 * burst of sign-ins queues them instead of growing), and the rate limits
 * refuse before any hashing.  Times come from the handle's clock, so
 * tests live through expiries without waiting.
 */
#include "internal.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <sodium.h>

#define TOKEN_BYTES 32
#define TOKEN_CHARS (RP_WORKFLOW_TOKEN_SIZE - 1)
_Static_assert(sodium_base64_ENCODED_LEN(
                   TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING) ==
                   RP_WORKFLOW_TOKEN_SIZE,
               "a token's text is RP_WORKFLOW_TOKEN_SIZE with its NUL");

/* Argon2id computations at once, process-wide. */
#define MAX_HASHING 2
/* A session's last_seen is written at most this often (seconds): a page
 * view is then a read, not a write, for the store. */
#define TOUCH_EVERY 60
/* Failed sign-ins are kept this long (the limits look back 15 min);
 * sessions this long after they expire.  The audit keeps everything. */
#define FAILURES_KEPT (24 * 3600)
#define SESSIONS_KEPT (30 * 24 * 3600)

/*
 * A hash of a random password nobody knows, with the same limits as the
 * real ones: a sign-in by an unknown name or by a person without a password
 * is checked against it, so it takes as long as a wrong password does and
 * the answer's timing does not tell whether the person exists.
 */
static const char dummy_hash[] =
    "$argon2id$v=19$m=65536,t=2,p=1$Q5v7aHeCj4AwKFT3osHWiw$"
    "JkoexFFiyIkVZzf2mw2Hub2urDxnSL1DhFDJNQbL/ns";

static const char wrong_message[] = "the name or password is wrong";

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_ready;
static pthread_mutex_t hashing_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hashing_done = PTHREAD_COND_INITIALIZER;
static int hashing;

static void init_sodium(void)
{
    sodium_ready = sodium_init() >= 0;
}

static enum rp_status crypto_ready(struct rp_error *err)
{
    pthread_once(&sodium_once, init_sodium);
    if (sodium_ready)
        return RP_OK;
    return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                        "libsodium could not be initialised (no source of "
                        "random numbers?)");
}

static void hashing_enter(void)
{
    pthread_mutex_lock(&hashing_lock);
    while (hashing >= MAX_HASHING)
        pthread_cond_wait(&hashing_done, &hashing_lock);
    hashing++;
    pthread_mutex_unlock(&hashing_lock);
}

static void hashing_leave(void)
{
    pthread_mutex_lock(&hashing_lock);
    hashing--;
    pthread_cond_signal(&hashing_done);
    pthread_mutex_unlock(&hashing_lock);
}

static void new_token(char out[RP_WORKFLOW_TOKEN_SIZE])
{
    unsigned char raw[TOKEN_BYTES];

    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, RP_WORKFLOW_TOKEN_SIZE, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof(raw));
}

/* The SHA-256 of a token as we make them, or 0 for anything else (which
 * no stored hash can match, so it is not even looked up). */
static int token_hash(const char *token, char out[RP_SHA256_HEX_SIZE])
{
    size_t i;

    out[0] = '\0';
    if (!token)
        return 0;
    for (i = 0; i < TOKEN_CHARS; i++) {
        char c = token[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
    }
    if (token[TOKEN_CHARS] != '\0')
        return 0;
    rp_sha256_hex(token, TOKEN_CHARS, out);
    return 1;
}

static void format_time(int64_t t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    strftime(out, 32, "%Y-%m-%d %H:%M UTC", &tm);
}

/*
 * One audit entry of signing in, inside the caller's transaction.  Before
 * anyone is named the web's handle has no login: an entry of a person's
 * own act then carries the person's login, a refusal none (the name
 * given is only a claim; the entry's person and detail say whom it was
 * for).
 */
static enum rp_status audit(struct rp_workflow *wf, const char *action,
                            const char *outcome,
                            const struct rp_workflow_person *p,
                            const char *detail, struct rp_error *err)
{
    struct rp_audit_record rec;

    memset(&rec, 0, sizeof(rec));
    rec.login = wf->login[0] || !p || strcmp(outcome, "done") != 0 ? wf->login
                                                                   : p->login;
    rec.person = p ? p->id : NULL;
    rec.action = action;
    rec.outcome = outcome;
    rec.detail = detail;
    rec.via = wf->via;
    return rp_wf_audit_append(wf, &rec, err);
}

/*
 * A refusal: err gets status and the message people see; the audit gets
 * detail (which may say more, for the administrator), in a transaction of
 * its own.
 */
static enum rp_status refuse(struct rp_workflow *wf, const char *action,
                             const struct rp_workflow_person *p,
                             const char *detail, struct rp_error *err,
                             enum rp_status status, const char *field,
                             const char *fmt, ...) RP_PRINTF(8, 9);

static enum rp_status refuse(struct rp_workflow *wf, const char *action,
                             const struct rp_workflow_person *p,
                             const char *detail, struct rp_error *err,
                             enum rp_status status, const char *field,
                             const char *fmt, ...)
{
    struct rp_error audit_err;
    enum rp_status st;
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    rp_wf_rollback(wf);
    rp_error_init(&audit_err);
    st = rp_wf_begin(wf, &audit_err);
    if (st == RP_OK)
        st = audit(wf, action, "refused", p, detail ? detail : msg, &audit_err);
    if (st == RP_OK)
        st = rp_wf_commit(wf, &audit_err);
    if (st != RP_OK) {
        rp_wf_rollback(wf);
        /* The refusal stands; a store that cannot record it is the
         * bigger news when it is busy or broken. */
        *err = audit_err;
        return audit_err.status;
    }
    return rp_error_set(err, status, NULL, 0, field, "%s", msg);
}

/* ---- invitations ---- */

enum rp_status rp_workflow_invite(struct rp_workflow *wf, const char *person_id,
                                  char token[RP_WORKFLOW_TOKEN_SIZE],
                                  int64_t *expires_at, struct rp_error *err)
{
    const struct rp_workflow_person *p;
    struct rp_audit_record rec;
    struct rp_wf_act a;
    enum rp_status status;
    char hash[RP_SHA256_HEX_SIZE], until[32], detail[512];

    token[0] = '\0';
    *expires_at = 0;
    rp_wf_act_init(&a, wf, "invite", NULL, err);
    status = rp_wf_act_actor(&a, RP_WORKFLOW_ADMINISTRATOR, "administrator");
    if (status != RP_OK)
        return status;
    p = rp_workflow_people_by_id(&wf->people, person_id);
    if (!p)
        return rp_wf_refuse(&a, RP_ERR_INPUT,
                            "nobody with the person id '%s' in %s: invite "
                            "someone listed there",
                            person_id, wf->people.path);
    status = crypto_ready(err);
    if (status != RP_OK)
        return status;
    new_token(token);
    token_hash(token, hash);
    *expires_at = wf->now + (int64_t)RP_WORKFLOW_INVITE_HOURS * 3600;
    format_time(*expires_at, until);
    snprintf(detail, sizeof(detail), "invitation for %s (%s), valid until %s",
             p->name, p->id, until);
    rec = rp_wf_act_record(&a, "done");
    rec.detail = detail;
    status = rp_wf_begin(wf, err);
    if (status == RP_OK)
        status = rp_wf_exec(wf, "replacing the person's invitations", err,
                            "DELETE FROM invitations WHERE person = ? AND "
                            "used_at IS NULL",
                            "t", p->id);
    if (status == RP_OK)
        status =
            rp_wf_exec(wf, "recording the invitation", err,
                       "INSERT INTO invitations (token_sha256, person, "
                       "created_at, expires_at, created_by) VALUES "
                       "(?, ?, ?, ?, ?)",
                       "ttIIt", hash, p->id, wf->now, *expires_at, a.actor->id);
    if (status == RP_OK)
        status = rp_wf_audit_append(wf, &rec, err);
    if (status == RP_OK)
        status = rp_wf_commit(wf, err);
    if (status != RP_OK) {
        rp_wf_rollback(wf);
        sodium_memzero(token, RP_WORKFLOW_TOKEN_SIZE);
        token[0] = '\0';
        *expires_at = 0;
    }
    return status;
}

/* Who an invitation is for, or why it cannot be used (why[0] then set;
 * *who may still name the person it was for). */
static enum rp_status find_invitation(struct rp_workflow *wf, const char *hash,
                                      const struct rp_workflow_person **who,
                                      char *why, size_t why_size,
                                      struct rp_error *err)
{
    sqlite3_stmt *st;
    char when[32];
    int rc;

    *who = NULL;
    snprintf(why, why_size,
             "this invitation link is not known: ask an administrator for a "
             "new one");
    if (!hash[0])
        return RP_OK;
    st = rp_wf_prepare(wf, "reading the invitation", err,
                       "SELECT person, expires_at, used_at FROM invitations "
                       "WHERE token_sha256 = ?",
                       "t", hash);
    if (!st)
        return err->status;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int64_t expires = sqlite3_column_int64(st, 1);
        *who = rp_workflow_people_by_id(
            &wf->people, (const char *)sqlite3_column_text(st, 0));
        if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
            format_time(sqlite3_column_int64(st, 2), when);
            snprintf(why, why_size,
                     "this invitation link was used on %s: sign in with the "
                     "password set then, or ask an administrator for a new "
                     "invitation",
                     when);
        } else if (wf->now >= expires) {
            format_time(expires, when);
            snprintf(why, why_size,
                     "this invitation link expired on %s: ask an "
                     "administrator for a new one",
                     when);
        } else if (!*who) {
            snprintf(why, why_size,
                     "this invitation is for someone no longer in the "
                     "program's people");
        } else {
            why[0] = '\0';
        }
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rp_wf_db_error(wf, rc, "reading the invitation", err);
    return RP_OK;
}

enum rp_status
rp_workflow_invitation_person(struct rp_workflow *wf, const char *token,
                              const struct rp_workflow_person **who,
                              struct rp_error *err)
{
    char hash[RP_SHA256_HEX_SIZE], why[256];
    enum rp_status status;

    token_hash(token, hash);
    status = find_invitation(wf, hash, who, why, sizeof(why), err);
    if (status != RP_OK)
        return status;
    if (why[0]) {
        *who = NULL;
        return rp_error_set(err, RP_ERR_REFUSED, NULL, 0, NULL, "%s", why);
    }
    return RP_OK;
}

/* What is wrong with a new password, or NULL. */
static const char *password_problem(const char *password)
{
    size_t len = strnlen(password, RP_WORKFLOW_MAX_PASSWORD + 1);

    if (len > RP_WORKFLOW_MAX_PASSWORD)
        return "is longer than 1024 bytes";
    if (!g_utf8_validate(password, (gssize)len, NULL))
        return "is not UTF-8 text";
    if (g_utf8_strlen(password, (gssize)len) < RP_WORKFLOW_MIN_PASSWORD)
        return "is shorter than 10 characters";
    return NULL;
}

enum rp_status rp_workflow_set_password(struct rp_workflow *wf,
                                        const char *token, const char *password,
                                        const struct rp_workflow_person **who,
                                        struct rp_error *err)
{
    char hash[RP_SHA256_HEX_SIZE], why[256], detail[256];
    char stored[crypto_pwhash_STRBYTES];
    const struct rp_workflow_person *p;
    const char *problem;
    enum rp_status status;
    int ended = 0;

    *who = NULL;
    token_hash(token, hash);
    status = find_invitation(wf, hash, &p, why, sizeof(why), err);
    if (status != RP_OK)
        return status;
    if (why[0])
        return refuse(wf, "set-password", p, NULL, err, RP_ERR_REFUSED, NULL,
                      "%s", why);
    problem = password_problem(password ? password : "");
    if (problem)
        return refuse(wf, "set-password", p, NULL, err, RP_ERR_INPUT,
                      "password",
                      "the password %s: choose at least %d characters "
                      "(a few words make a good one)",
                      problem, RP_WORKFLOW_MIN_PASSWORD);
    status = crypto_ready(err);
    if (status != RP_OK)
        return status;
    hashing_enter();
    if (crypto_pwhash_str(stored, password, strlen(password),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        status = rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                              "hashing the password failed (out of memory)");
    hashing_leave();
    if (status != RP_OK)
        return status;
    status = rp_wf_begin(wf, err);
    /* Used by a second request meanwhile?  Only one may set it. */
    if (status == RP_OK)
        status = rp_wf_exec(wf, "using the invitation", err,
                            "UPDATE invitations SET used_at = ? WHERE "
                            "token_sha256 = ? AND used_at IS NULL AND "
                            "expires_at > ?",
                            "ItI", wf->now, hash, wf->now);
    if (status == RP_OK && sqlite3_changes(wf->db) != 1) {
        sodium_memzero(stored, sizeof(stored));
        return refuse(wf, "set-password", p, NULL, err, RP_ERR_REFUSED, NULL,
                      "this invitation link was used meanwhile: ask "
                      "an administrator for a new one");
    }
    if (status == RP_OK)
        status = rp_wf_exec(wf, "storing the password", err,
                            "INSERT INTO passwords (person, hash, set_at) "
                            "VALUES (?1, ?2, ?3) ON CONFLICT (person) DO "
                            "UPDATE SET hash = ?2, set_at = ?3",
                            "ttI", p->id, stored, wf->now);
    if (status == RP_OK)
        status = rp_wf_exec(wf, "ending the person's sessions", err,
                            "UPDATE sessions SET ended_at = ? WHERE person = "
                            "? AND ended_at IS NULL",
                            "It", wf->now, p->id);
    if (status == RP_OK) {
        ended = sqlite3_changes(wf->db);
        snprintf(detail, sizeof(detail),
                 "password set through an invitation; %d session%s ended",
                 ended, ended == 1 ? "" : "s");
        status = audit(wf, "set-password", "done", p, detail, err);
    }
    if (status == RP_OK)
        status = rp_wf_commit(wf, err);
    sodium_memzero(stored, sizeof(stored));
    if (status != RP_OK) {
        rp_wf_rollback(wf);
        return status;
    }
    *who = p;
    return RP_OK;
}

/* ---- sign-in ---- */

/* Failed sign-ins of key (a person id, or what an unknown name hashes
 * to) or from address within the window: how many and when the limit
 * lifts (the time the one that must age out ages out). */
static enum rp_status failures(struct rp_workflow *wf, const char *column,
                               const char *value, int limit, int *n,
                               int64_t *lifts, struct rp_error *err)
{
    char sql[256];
    sqlite3_stmt *st;
    int rc;

    *n = 0;
    *lifts = 0;
    /* column is one of two names written here, never outside input. */
    snprintf(sql, sizeof(sql),
             "SELECT at FROM signin_failures WHERE %s = ? AND at > ? ORDER "
             "BY at DESC",
             column);
    st = rp_wf_prepare(wf, "counting failed sign-ins", err, sql, "tI", value,
                       wf->now - RP_WORKFLOW_SIGNIN_WINDOW);
    if (!st)
        return err->status;
    rc = SQLITE_OK;
    while (rp_wf_next_row(st, &rc)) {
        if (++*n == limit)
            *lifts = sqlite3_column_int64(st, 0) + RP_WORKFLOW_SIGNIN_WINDOW;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rp_wf_db_error(wf, rc, "counting failed sign-ins", err);
    return RP_OK;
}

/* The stored hash of a person's password into out, or "" for none. */
static enum rp_status stored_password(struct rp_workflow *wf,
                                      const char *person, char *out,
                                      size_t size, struct rp_error *err)
{
    sqlite3_stmt *st;
    int rc;

    out[0] = '\0';
    st = rp_wf_prepare(wf, "reading the password", err,
                       "SELECT hash FROM passwords WHERE person = ?", "t",
                       person);
    if (!st)
        return err->status;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *h = (const char *)sqlite3_column_text(st, 0);
        snprintf(out, size, "%s", h ? h : "");
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE
               ? RP_OK
               : rp_wf_db_error(wf, rc, "reading the password", err);
}

static enum rp_status start_session(struct rp_workflow *wf,
                                    const struct rp_workflow_person *p,
                                    const char *address,
                                    struct rp_workflow_session *out,
                                    struct rp_error *err)
{
    char hash[RP_SHA256_HEX_SIZE], until[32], detail[256];
    enum rp_status status;

    new_token(out->token);
    new_token(out->csrf);
    token_hash(out->token, hash);
    out->person = p;
    out->expires_at = wf->now + RP_WORKFLOW_SESSION_IDLE;
    format_time(wf->now + RP_WORKFLOW_SESSION_MAX, until);
    snprintf(detail, sizeof(detail),
             "signed in; the session ends after %d minutes idle, at the "
             "latest %s",
             RP_WORKFLOW_SESSION_IDLE / 60, until);
    status = rp_wf_begin(wf, err);
    if (status == RP_OK)
        status = rp_wf_exec(wf, "starting the session", err,
                            "INSERT INTO sessions (token_sha256, person, "
                            "csrf, created_at, last_seen, expires_at, "
                            "address) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            "tttIIIt", hash, p->id, out->csrf, wf->now, wf->now,
                            wf->now + RP_WORKFLOW_SESSION_MAX, address);
    /* A success wipes the person's count: five typos a week apart are
     * not an attack.  The audit keeps them. */
    if (status == RP_OK)
        status = rp_wf_exec(wf, "clearing failed sign-ins", err,
                            "DELETE FROM signin_failures WHERE person = ?", "t",
                            p->id);
    if (status == RP_OK)
        status = rp_wf_exec(wf, "forgetting old sessions", err,
                            "DELETE FROM sessions WHERE expires_at < ?", "I",
                            wf->now - SESSIONS_KEPT);
    if (status == RP_OK)
        status = audit(wf, "sign-in", "done", p, detail, err);
    if (status == RP_OK)
        status = rp_wf_commit(wf, err);
    if (status != RP_OK) {
        rp_wf_rollback(wf);
        memset(out, 0, sizeof(*out));
    }
    return status;
}

enum rp_status rp_workflow_sign_in(struct rp_workflow *wf, const char *who,
                                   const char *password, const char *address,
                                   struct rp_workflow_session *out,
                                   struct rp_error *err)
{
    const struct rp_workflow_person *p = NULL;
    char key[RP_SHA256_HEX_SIZE + 16], stored[crypto_pwhash_STRBYTES];
    char detail[256];
    enum rp_status status;
    int n, ok, has_password, minutes;
    int64_t lifts;
    size_t len;

    memset(out, 0, sizeof(*out));
    who = who ? who : "";
    password = password ? password : "";
    address = address ? address : "";
    if (who[0]) {
        p = rp_workflow_people_by_id(&wf->people, who);
        if (!p)
            p = rp_workflow_people_by_login(&wf->people, who);
    }
    /* An unknown name is counted under its hash, so that it locks as a
     * person does and the lock does not tell who exists; what was typed
     * (a password in the wrong field, perhaps) is never stored. */
    if (p) {
        snprintf(key, sizeof(key), "%s", p->id);
    } else {
        char h[RP_SHA256_HEX_SIZE];
        rp_sha256_hex(who, strnlen(who, 1024), h);
        snprintf(key, sizeof(key), "unknown:%s", h);
    }
    /*
     * The counts are read and this attempt counted as a failure in one
     * write transaction, before the slow hash: attempts sent in parallel
     * then see each other, and a burst cannot get more guesses past the
     * limits than one at a time would.  A success takes the count back
     * (start_session clears the person's failures).
     */
    status = rp_wf_begin(wf, err);
    if (status != RP_OK)
        return status;
    status = failures(wf, "person", key, RP_WORKFLOW_SIGNIN_PERSON_FAILURES, &n,
                      &lifts, err);
    if (status == RP_OK && n >= RP_WORKFLOW_SIGNIN_PERSON_FAILURES) {
        snprintf(detail, sizeof(detail),
                 "refused without checking the password: %d failed sign-ins "
                 "for %s within %d minutes",
                 n, p ? p->id : "an unknown name",
                 RP_WORKFLOW_SIGNIN_WINDOW / 60);
        goto limited;
    }
    if (status == RP_OK)
        status = failures(wf, "address", address,
                          RP_WORKFLOW_SIGNIN_ADDRESS_FAILURES, &n, &lifts, err);
    if (status == RP_OK && n >= RP_WORKFLOW_SIGNIN_ADDRESS_FAILURES) {
        snprintf(detail, sizeof(detail),
                 "refused without checking the password: %d failed sign-ins "
                 "from %s within %d minutes",
                 n, address[0] ? address : "this address",
                 RP_WORKFLOW_SIGNIN_WINDOW / 60);
        goto limited;
    }
    if (status == RP_OK)
        status = rp_wf_exec(wf, "counting a sign-in attempt", err,
                            "INSERT INTO signin_failures (person, address, at) "
                            "VALUES (?, ?, ?)",
                            "ttI", key, address, wf->now);
    if (status == RP_OK)
        status = rp_wf_exec(wf, "forgetting old failed sign-ins", err,
                            "DELETE FROM signin_failures WHERE at < ?", "I",
                            wf->now - FAILURES_KEPT);
    if (status == RP_OK)
        status = rp_wf_commit(wf, err);
    if (status != RP_OK) {
        rp_wf_rollback(wf);
        return status;
    }
    if (p)
        status = stored_password(wf, p->id, stored, sizeof(stored), err);
    if (status == RP_OK)
        status = crypto_ready(err);
    if (status != RP_OK)
        return status;
    len = strnlen(password, RP_WORKFLOW_MAX_PASSWORD + 1);
    has_password = p && stored[0];
    if (!has_password)
        snprintf(stored, sizeof(stored), "%s", dummy_hash);
    hashing_enter();
    ok = crypto_pwhash_str_verify(stored, password, len) == 0;
    hashing_leave();
    ok = ok && has_password && len <= RP_WORKFLOW_MAX_PASSWORD;
    sodium_memzero(stored, sizeof(stored));
    if (ok)
        return start_session(wf, p, address, out, err);
    if (!p)
        snprintf(detail, sizeof(detail),
                 "no person or login by the name given, from %s",
                 address[0] ? address : "an unknown address");
    else
        snprintf(detail, sizeof(detail), "%s for %s (%s), from %s",
                 has_password ? "wrong password" : "no password set yet",
                 p->name, p->id, address[0] ? address : "an unknown address");
    /* Already counted, before the hash. */
    return refuse(wf, "sign-in", p, detail, err, RP_ERR_REFUSED, NULL, "%s",
                  wrong_message);

limited:
    minutes = (int)((lifts - wf->now + 59) / 60);
    return refuse(wf, "sign-in", p, detail, err, RP_ERR_REFUSED, NULL,
                  "too many failed sign-ins, try again in %d minute%s", minutes,
                  minutes == 1 ? "" : "s");
}

/* ---- sessions ---- */

enum rp_status rp_workflow_session_check(struct rp_workflow *wf,
                                         const char *token,
                                         struct rp_workflow_session *out,
                                         struct rp_error *err)
{
    char hash[RP_SHA256_HEX_SIZE];
    const char *why = "not signed in";
    sqlite3_stmt *st;
    int64_t last_seen = 0, expires = 0;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!token_hash(token, hash))
        return rp_error_set(err, RP_ERR_REFUSED, NULL, 0, NULL, "%s", why);
    st = rp_wf_prepare(wf, "reading the session", err,
                       "SELECT person, csrf, last_seen, expires_at, ended_at "
                       "FROM sessions WHERE token_sha256 = ?",
                       "t", hash);
    if (!st)
        return err->status;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *csrf = (const char *)sqlite3_column_text(st, 1);
        last_seen = sqlite3_column_int64(st, 2);
        expires = sqlite3_column_int64(st, 3);
        out->person = rp_workflow_people_by_id(
            &wf->people, (const char *)sqlite3_column_text(st, 0));
        snprintf(out->csrf, sizeof(out->csrf), "%s", csrf ? csrf : "");
        if (sqlite3_column_type(st, 4) != SQLITE_NULL)
            why = "the session was ended (signed out, or the password was "
                  "set again)";
        else if (wf->now >= expires ||
                 wf->now >= last_seen + RP_WORKFLOW_SESSION_IDLE)
            why = "the session has expired: sign in again";
        else if (!out->person)
            why = "the session's person is no longer one of the program's "
                  "people";
        else
            why = NULL;
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rp_wf_db_error(wf, rc, "reading the session", err);
    if (why) {
        memset(out, 0, sizeof(*out));
        return rp_error_set(err, RP_ERR_REFUSED, NULL, 0, NULL, "%s", why);
    }
    if (wf->now - last_seen >= TOUCH_EVERY) {
        enum rp_status status =
            rp_wf_exec(wf, "touching the session", err,
                       "UPDATE sessions SET last_seen = ? WHERE "
                       "token_sha256 = ? AND last_seen < ?",
                       "ItI", wf->now, hash, wf->now);
        if (status != RP_OK) {
            memset(out, 0, sizeof(*out));
            return status;
        }
        last_seen = wf->now;
    }
    out->expires_at = last_seen + RP_WORKFLOW_SESSION_IDLE;
    if (out->expires_at > expires)
        out->expires_at = expires;
    return RP_OK;
}

enum rp_status rp_workflow_sign_out(struct rp_workflow *wf, const char *token,
                                    struct rp_error *err)
{
    struct rp_workflow_session s;
    char hash[RP_SHA256_HEX_SIZE];
    enum rp_status status;

    status = rp_workflow_session_check(wf, token, &s, err);
    if (status != RP_OK)
        return status;
    token_hash(token, hash);
    status = rp_wf_begin(wf, err);
    if (status == RP_OK)
        status = rp_wf_exec(wf, "ending the session", err,
                            "UPDATE sessions SET ended_at = ? WHERE "
                            "token_sha256 = ? AND ended_at IS NULL",
                            "It", wf->now, hash);
    if (status == RP_OK)
        status = audit(wf, "sign-out", "done", s.person, "signed out", err);
    if (status == RP_OK)
        status = rp_wf_commit(wf, err);
    if (status != RP_OK)
        rp_wf_rollback(wf);
    return status;
}
