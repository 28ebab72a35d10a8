/*
 * Sign-in tests: invitations (who may make them, single use, expiry),
 * passwords (the rules, the hash), sessions (idle and absolute expiry,
 * sign-out, ended by a new password), the limits on failed sign-ins per
 * person and per address, what the audit records (with where from), and
 * a store of the previous schema whose audit chain still verifies after
 * the migration.  The clock is the handle's: tests move it instead of
 * waiting.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <sqlite3.h>

#include "common/mem.h"
#include "workflow/internal.h"
#include "workflow/workflow.h"

#define MINUTE 60
#define HOUR 3600
#define DAY (24 * HOUR)
/* 2026-11-23 00:00 UTC */
#define NOW ((int64_t)1795392000)
#define VIA "web 192.0.2.7"
#define ADDR "192.0.2.7"
#define GOOD "correct horse battery"

static char dir[256];
static char db_path[300], people_path[300];

static const char *const sections[] = {"executive-summary", NULL};

static const char people_csv[] =
    "person,name,email,login,role,approves\n"
    "admin,Ada Admin,ada@example.com,rpadmin,administrator,\n"
    "rep,Sarah Chen,sarah@example.com,schen,sales-rep;contributor,\n"
    "writer,Wes Writer,wes@example.com,wwriter,contributor,\n"
    "dana,Dana Whitfield,dana@example.com,dwhitfield,approver,ACC-1\n";

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "%s/signin-test.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(db_path, sizeof(db_path), "%s/state/reportpipe.db", dir);
    snprintf(people_path, sizeof(people_path), "%s/people.csv", dir);
    write_file(people_path, people_csv);
    return 0;
}

static int teardown(void **state)
{
    char cmd[600];
    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    return 0;
}

/* The store as login (NULL: the web before sign-in) from via. */
static struct rp_workflow *open_as(const char *login, const char *via,
                                   int64_t now)
{
    struct rp_workflow_options o;
    struct rp_workflow *wf = NULL;
    struct rp_error err;

    memset(&o, 0, sizeof(o));
    o.db_path = db_path;
    o.people_path = people_path;
    o.output_dir = dir;
    o.login = login;
    o.via = via;
    o.now = now;
    o.sections = sections;
    rp_error_init(&err);
    if (rp_workflow_open(&o, &wf, &err) != RP_OK)
        fail_msg("open: %s", err.message);
    return wf;
}

static void expect(enum rp_status got, enum rp_status want,
                   const struct rp_error *err, const char *contains)
{
    if (got != want)
        fail_msg("status %d, wanted %d: %s", got, want, err->message);
    if (contains && !strstr(err->message, contains))
        fail_msg("'%s' does not contain '%s'", err->message, contains);
}

/* An invitation for person made by the administrator at now. */
static void invite(const char *person, int64_t now,
                   char token[RP_WORKFLOW_TOKEN_SIZE])
{
    struct rp_workflow *wf = open_as("rpadmin", NULL, now);
    struct rp_error err;
    int64_t expires;

    rp_error_init(&err);
    expect(rp_workflow_invite(wf, person, token, &expires, &err), RP_OK, &err,
           NULL);
    assert_int_equal(expires, now + 72 * HOUR);
    assert_int_equal(strlen(token), RP_WORKFLOW_TOKEN_SIZE - 1);
    rp_workflow_free(wf);
}

static void set_password(const char *person, const char *password)
{
    char token[RP_WORKFLOW_TOKEN_SIZE];
    const struct rp_workflow_person *who;
    struct rp_workflow *wf;
    struct rp_error err;

    invite(person, NOW, token);
    wf = open_as(NULL, VIA, NOW);
    rp_error_init(&err);
    expect(rp_workflow_set_password(wf, token, password, &who, &err), RP_OK,
           &err, NULL);
    assert_string_equal(who->id, person);
    rp_workflow_free(wf);
}

/* The newest audit entry. */
struct last {
    char action[32], outcome[16], person[32], via[64], login[32];
    char detail[512];
    int n;
};

static void keep_last(void *ctx, const struct rp_workflow_audit_entry *e)
{
    struct last *l = ctx;
    snprintf(l->action, sizeof(l->action), "%s", e->action);
    snprintf(l->outcome, sizeof(l->outcome), "%s", e->outcome);
    snprintf(l->person, sizeof(l->person), "%s", e->person ? e->person : "-");
    snprintf(l->via, sizeof(l->via), "%s", e->via ? e->via : "-");
    snprintf(l->login, sizeof(l->login), "%s", e->login);
    snprintf(l->detail, sizeof(l->detail), "%s", e->detail);
    l->n++;
}

static struct last last_entry(struct rp_workflow *wf)
{
    struct last l;
    struct rp_error err;

    memset(&l, 0, sizeof(l));
    rp_error_init(&err);
    assert_int_equal(rp_workflow_audit_each(wf, NULL, keep_last, &l, &err),
                     RP_OK);
    return l;
}

static void assert_chain(struct rp_workflow *wf, int64_t want)
{
    char head[RP_SHA256_HEX_SIZE];
    struct rp_error err;
    int64_t n;

    rp_error_init(&err);
    expect(rp_workflow_audit_verify(wf, &n, head, &err), RP_OK, &err, NULL);
    if (want >= 0)
        assert_int_equal(n, want);
}

/* ---- invitations ---- */

static void test_invite_only_by_administrator(void **state)
{
    char token[RP_WORKFLOW_TOKEN_SIZE];
    struct rp_workflow *wf;
    struct rp_error err;
    struct last l;
    int64_t expires;

    (void)state;
    wf = open_as("schen", NULL, NOW);
    rp_error_init(&err);
    expect(rp_workflow_invite(wf, "writer", token, &expires, &err),
           RP_ERR_REFUSED, &err, "takes the role administrator");
    assert_string_equal(token, "");
    l = last_entry(wf);
    assert_string_equal(l.action, "invite");
    assert_string_equal(l.outcome, "refused");
    assert_string_equal(l.person, "rep");
    assert_string_equal(l.via, "-");
    rp_workflow_free(wf);

    wf = open_as("rpadmin", NULL, NOW);
    rp_error_init(&err);
    expect(rp_workflow_invite(wf, "nobody", token, &expires, &err),
           RP_ERR_INPUT, &err, "nobody with the person id 'nobody'");
    rp_error_init(&err);
    expect(rp_workflow_invite(wf, "writer", token, &expires, &err), RP_OK, &err,
           NULL);
    l = last_entry(wf);
    assert_string_equal(l.action, "invite");
    assert_string_equal(l.outcome, "done");
    assert_non_null(strstr(l.detail, "Wes Writer (writer)"));
    /* Only the token's hash is stored. */
    assert_null(strstr(l.detail, token));
    {
        sqlite3_stmt *st;
        char hash[RP_SHA256_HEX_SIZE];
        rp_sha256_hex(token, strlen(token), hash);
        assert_int_equal(sqlite3_prepare_v2(wf->db,
                                            "SELECT token_sha256 FROM "
                                            "invitations",
                                            -1, &st, NULL),
                         SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), hash);
        sqlite3_finalize(st);
    }
    assert_chain(wf, 3);
    rp_workflow_free(wf);
}

static void test_invitation_single_use(void **state)
{
    char token[RP_WORKFLOW_TOKEN_SIZE], second[RP_WORKFLOW_TOKEN_SIZE];
    const struct rp_workflow_person *who;
    struct rp_workflow *wf;
    struct rp_error err;
    struct last l;

    (void)state;
    invite("rep", NOW, token);
    wf = open_as(NULL, VIA, NOW + HOUR);
    rp_error_init(&err);
    expect(rp_workflow_invitation_person(wf, token, &who, &err), RP_OK, &err,
           NULL);
    assert_string_equal(who->name, "Sarah Chen");
    /* A password too short, not UTF-8, too long: named, nothing used. */
    rp_error_init(&err);
    expect(rp_workflow_set_password(wf, token, "short pw", &who, &err),
           RP_ERR_INPUT, &err, "shorter than 10 characters");
    assert_string_equal(err.field, "password");
    assert_null(who);
    rp_error_init(&err);
    /* Ten code points, more bytes: long enough. */
    expect(rp_workflow_set_password(wf, token, "\xC3\xA9t\xC3\xA9 court", &who,
                                    &err),
           RP_ERR_INPUT, &err, "shorter");
    rp_error_init(&err);
    expect(rp_workflow_set_password(wf, token, "abcdefghij\xFF", &who, &err),
           RP_ERR_INPUT, &err, "not UTF-8");
    {
        char *big = rp_xmalloc(1100);
        memset(big, 'a', 1099);
        big[1099] = '\0';
        rp_error_init(&err);
        expect(rp_workflow_set_password(wf, token, big, &who, &err),
               RP_ERR_INPUT, &err, "longer than 1024 bytes");
        free(big);
    }
    l = last_entry(wf);
    assert_string_equal(l.action, "set-password");
    assert_string_equal(l.outcome, "refused");
    assert_string_equal(l.via, VIA);
    rp_error_init(&err);
    expect(rp_workflow_set_password(wf, token, "\xC3\xA9t\xC3\xA9 encore ok",
                                    &who, &err),
           RP_OK, &err, NULL);
    assert_string_equal(who->id, "rep");
    l = last_entry(wf);
    assert_string_equal(l.action, "set-password");
    assert_string_equal(l.outcome, "done");
    assert_string_equal(l.person, "rep");
    assert_string_equal(l.login, "schen");
    assert_string_equal(l.via, VIA);
    /* The stored hash is Argon2id, never the password. */
    {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(wf->db,
                                            "SELECT hash FROM passwords "
                                            "WHERE person = 'rep'",
                                            -1, &st, NULL),
                         SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_non_null(
            strstr((const char *)sqlite3_column_text(st, 0), "$argon2id$"));
        assert_null(strstr((const char *)sqlite3_column_text(st, 0), "encore"));
        sqlite3_finalize(st);
    }
    /* Once only. */
    rp_error_init(&err);
    expect(rp_workflow_set_password(wf, token, "another password", &who, &err),
           RP_ERR_REFUSED, &err, "was used on 2026-11-23 01:00 UTC");
    rp_error_init(&err);
    expect(rp_workflow_invitation_person(wf, token, &who, &err), RP_ERR_REFUSED,
           &err, "was used");
    assert_null(who);
    /* Unknown and malformed tokens. */
    rp_error_init(&err);
    expect(rp_workflow_invitation_person(wf, "../../etc/passwd", &who, &err),
           RP_ERR_REFUSED, &err, "not known");
    rp_error_init(&err);
    expect(rp_workflow_invitation_person(wf, NULL, &who, &err), RP_ERR_REFUSED,
           &err, "not known");
    rp_workflow_free(wf);

    /* A new invitation replaces the unused one. */
    invite("writer", NOW, token);
    invite("writer", NOW, second);
    wf = open_as(NULL, VIA, NOW);
    rp_error_init(&err);
    expect(rp_workflow_invitation_person(wf, token, &who, &err), RP_ERR_REFUSED,
           &err, "not known");
    rp_error_init(&err);
    expect(rp_workflow_invitation_person(wf, second, &who, &err), RP_OK, &err,
           NULL);
    assert_chain(wf, -1);
    rp_workflow_free(wf);
}

static void test_invitation_expires(void **state)
{
    char token[RP_WORKFLOW_TOKEN_SIZE];
    const struct rp_workflow_person *who;
    struct rp_workflow *wf;
    struct rp_error err;

    (void)state;
    invite("rep", NOW, token);
    wf = open_as(NULL, VIA, NOW + 72 * HOUR - 1);
    rp_error_init(&err);
    expect(rp_workflow_invitation_person(wf, token, &who, &err), RP_OK, &err,
           NULL);
    rp_workflow_free(wf);
    wf = open_as(NULL, VIA, NOW + 72 * HOUR);
    rp_error_init(&err);
    expect(rp_workflow_invitation_person(wf, token, &who, &err), RP_ERR_REFUSED,
           &err, "expired on 2026-11-26 00:00 UTC");
    rp_error_init(&err);
    expect(rp_workflow_set_password(wf, token, GOOD, &who, &err),
           RP_ERR_REFUSED, &err, "expired");
    assert_string_equal(last_entry(wf).action, "set-password");
    rp_workflow_free(wf);
}

/* ---- signing in ---- */

static void test_sign_in(void **state)
{
    struct rp_workflow_session s, c;
    struct rp_workflow *wf;
    struct rp_error err;
    struct last l;

    (void)state;
    set_password("rep", GOOD);
    wf = open_as(NULL, VIA, NOW + MINUTE);
    assert_null(rp_workflow_actor(wf));
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "rep", GOOD, ADDR, &s, &err), RP_OK, &err,
           NULL);
    assert_int_equal(strlen(s.token), RP_WORKFLOW_TOKEN_SIZE - 1);
    assert_int_equal(strlen(s.csrf), RP_WORKFLOW_TOKEN_SIZE - 1);
    assert_string_not_equal(s.token, s.csrf);
    assert_string_equal(s.person->id, "rep");
    assert_int_equal(s.expires_at, NOW + MINUTE + 30 * MINUTE);
    l = last_entry(wf);
    assert_string_equal(l.action, "sign-in");
    assert_string_equal(l.outcome, "done");
    assert_string_equal(l.login, "schen");
    assert_string_equal(l.via, VIA);
    /* The cookie's session, with its form token; the actor named. */
    rp_error_init(&err);
    expect(rp_workflow_session_check(wf, s.token, &c, &err), RP_OK, &err, NULL);
    assert_string_equal(c.token, "");
    assert_string_equal(c.csrf, s.csrf);
    assert_ptr_equal(c.person, s.person);
    rp_workflow_set_actor(wf, c.person->login, VIA);
    assert_ptr_equal(rp_workflow_actor(wf), s.person);
    assert_ptr_equal(rp_workflow_people_by_id(rp_workflow_people_of(wf), "rep"),
                     s.person);
    /* By OS login too. */
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "schen", GOOD, ADDR, &s, &err), RP_OK, &err,
           NULL);

    /* Wrong password, unknown name, a person without a password: one
     * answer, each audited with where it came from. */
    rp_workflow_set_actor(wf, NULL, VIA);
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "rep", "wrong password", ADDR, &s, &err),
           RP_ERR_REFUSED, &err, "the name or password is wrong");
    assert_string_equal(s.token, "");
    assert_null(s.person);
    l = last_entry(wf);
    assert_string_equal(l.action, "sign-in");
    assert_string_equal(l.outcome, "refused");
    assert_string_equal(l.person, "rep");
    assert_string_equal(l.login, ""); /* a claim, not who acted */
    assert_string_equal(l.via, VIA);
    assert_non_null(strstr(l.detail, "wrong password for Sarah Chen"));
    assert_null(strstr(l.detail, "wrong password\n"));
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "nobody", GOOD, ADDR, &s, &err),
           RP_ERR_REFUSED, &err, "the name or password is wrong");
    l = last_entry(wf);
    assert_string_equal(l.person, "-");
    assert_non_null(strstr(l.detail, "no person or login"));
    assert_null(strstr(l.detail, "nobody"));
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "writer", GOOD, ADDR, &s, &err),
           RP_ERR_REFUSED, &err, "the name or password is wrong");
    assert_non_null(strstr(last_entry(wf).detail, "no password set yet"));
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, NULL, NULL, NULL, &s, &err), RP_ERR_REFUSED,
           &err, "the name or password is wrong");
    assert_chain(wf, -1);
    rp_workflow_free(wf);
}

static void test_rate_limit_person(void **state)
{
    struct rp_workflow_session s;
    struct rp_workflow *wf;
    struct rp_error err;
    int i;

    (void)state;
    set_password("rep", GOOD);
    wf = open_as(NULL, VIA, NOW);
    for (i = 0; i < 5; i++) {
        wf->now = NOW + i * MINUTE;
        rp_error_init(&err);
        expect(
            rp_workflow_sign_in(wf, "rep", "not the password", ADDR, &s, &err),
            RP_ERR_REFUSED, &err, "the name or password is wrong");
    }
    /* The sixth, even with the right password and from elsewhere. */
    wf->now = NOW + 5 * MINUTE;
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "schen", GOOD, "198.51.100.1", &s, &err),
           RP_ERR_REFUSED, &err,
           "too many failed sign-ins, try again in 10 minutes");
    assert_string_equal(last_entry(wf).outcome, "refused");
    assert_non_null(strstr(last_entry(wf).detail, "refused without checking"));
    /* An unknown name locks the same way: the lock tells nothing. */
    for (i = 0; i < 5; i++) {
        rp_error_init(&err);
        expect(rp_workflow_sign_in(wf, "ghost", "x", "198.51.100.2", &s, &err),
               RP_ERR_REFUSED, &err, "the name or password is wrong");
    }
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "ghost", "x", "198.51.100.2", &s, &err),
           RP_ERR_REFUSED, &err, "too many failed sign-ins");
    /* 15 minutes after the first failure, one more try is allowed. */
    wf->now = NOW + 15 * MINUTE - 1;
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "rep", GOOD, ADDR, &s, &err), RP_ERR_REFUSED,
           &err, "try again in 1 minute");
    wf->now = NOW + 15 * MINUTE;
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "rep", GOOD, ADDR, &s, &err), RP_OK, &err,
           NULL);
    assert_chain(wf, -1);
    rp_workflow_free(wf);
}

static void test_rate_limit_address(void **state)
{
    struct rp_workflow_session s;
    struct rp_workflow *wf;
    struct rp_error err;
    char name[32];
    int i;

    (void)state;
    set_password("rep", GOOD);
    wf = open_as(NULL, VIA, NOW);
    /* Twenty names, one failure each: no person's limit is reached. */
    for (i = 0; i < 20; i++) {
        snprintf(name, sizeof(name), "guess%d", i);
        rp_error_init(&err);
        expect(rp_workflow_sign_in(wf, name, "x", ADDR, &s, &err),
               RP_ERR_REFUSED, &err, "the name or password is wrong");
    }
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "rep", GOOD, ADDR, &s, &err), RP_ERR_REFUSED,
           &err, "too many failed sign-ins, try again in 15");
    assert_non_null(strstr(last_entry(wf).detail, "from " ADDR));
    /* From another address the person signs in. */
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "rep", GOOD, "198.51.100.9", &s, &err),
           RP_OK, &err, NULL);
    wf->now = NOW + 15 * MINUTE;
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "rep", GOOD, ADDR, &s, &err), RP_OK, &err,
           NULL);
    rp_workflow_free(wf);
}

/* ---- sessions ---- */

static void test_session_expiry(void **state)
{
    struct rp_workflow_session s, c;
    struct rp_workflow *wf;
    struct rp_error err;
    int64_t t;

    (void)state;
    set_password("dana", GOOD);
    wf = open_as(NULL, VIA, NOW);
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "dana", GOOD, ADDR, &s, &err), RP_OK, &err,
           NULL);
    /* Idle: 29 minutes keep it, each look moves the expiry on. */
    for (t = NOW + 29 * MINUTE; t < NOW + 12 * HOUR; t += 29 * MINUTE) {
        wf->now = t;
        rp_error_init(&err);
        expect(rp_workflow_session_check(wf, s.token, &c, &err), RP_OK, &err,
               NULL);
        assert_true(c.expires_at <= NOW + 12 * HOUR);
    }
    /* Absolute: never past 12 hours, however busy. */
    wf->now = NOW + 12 * HOUR;
    rp_error_init(&err);
    expect(rp_workflow_session_check(wf, s.token, &c, &err), RP_ERR_REFUSED,
           &err, "expired");
    assert_null(c.person);
    assert_string_equal(c.csrf, "");

    /* Idle 30 minutes: gone. */
    wf->now = NOW + DAY;
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "dana", GOOD, ADDR, &s, &err), RP_OK, &err,
           NULL);
    wf->now += 30 * MINUTE;
    rp_error_init(&err);
    expect(rp_workflow_session_check(wf, s.token, &c, &err), RP_ERR_REFUSED,
           &err, "expired");

    /* Sign-out ends it, audited; then it is gone. */
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "dana", GOOD, ADDR, &s, &err), RP_OK, &err,
           NULL);
    rp_error_init(&err);
    expect(rp_workflow_sign_out(wf, s.token, &err), RP_OK, &err, NULL);
    assert_string_equal(last_entry(wf).action, "sign-out");
    assert_string_equal(last_entry(wf).person, "dana");
    rp_error_init(&err);
    expect(rp_workflow_session_check(wf, s.token, &c, &err), RP_ERR_REFUSED,
           &err, "ended");
    rp_error_init(&err);
    expect(rp_workflow_sign_out(wf, s.token, &err), RP_ERR_REFUSED, &err, NULL);
    /* A forged cookie. */
    rp_error_init(&err);
    expect(rp_workflow_session_check(
               wf, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &c, &err),
           RP_ERR_REFUSED, &err, "not signed in");
    rp_error_init(&err);
    expect(rp_workflow_session_check(wf, "", &c, &err), RP_ERR_REFUSED, &err,
           "not signed in");
    rp_workflow_free(wf);
}

static void test_new_password_ends_sessions(void **state)
{
    struct rp_workflow_session s, c;
    struct rp_workflow *wf;
    struct rp_error err;

    (void)state;
    set_password("rep", GOOD);
    wf = open_as(NULL, VIA, NOW);
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "rep", GOOD, ADDR, &s, &err), RP_OK, &err,
           NULL);
    rp_workflow_free(wf);
    set_password("rep", "a brand new password");
    wf = open_as(NULL, VIA, NOW);
    assert_non_null(strstr(last_entry(wf).detail, "1 session ended"));
    rp_error_init(&err);
    expect(rp_workflow_session_check(wf, s.token, &c, &err), RP_ERR_REFUSED,
           &err, "ended");
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "rep", GOOD, ADDR, &s, &err), RP_ERR_REFUSED,
           &err, "wrong");
    rp_error_init(&err);
    expect(
        rp_workflow_sign_in(wf, "rep", "a brand new password", ADDR, &s, &err),
        RP_OK, &err, NULL);
    rp_workflow_free(wf);
}

/* ---- the audit: via, one person's entries, the old chain ---- */

struct collect {
    int n;
    int64_t seqs[16];
};

static void collect(void *ctx, const struct rp_workflow_audit_entry *e)
{
    struct collect *c = ctx;
    if (c->n < 16)
        c->seqs[c->n] = e->seq;
    c->n++;
}

static void test_audit_of_person(void **state)
{
    struct rp_workflow_session s;
    struct rp_workflow *wf;
    struct rp_error err;
    struct collect c = {0};

    (void)state;
    set_password("rep", GOOD);
    wf = open_as(NULL, VIA, NOW);
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "rep", GOOD, ADDR, &s, &err), RP_OK, &err,
           NULL);
    expect(rp_workflow_sign_out(wf, s.token, &err), RP_OK, &err, NULL);
    /* invite (admin), set-password, sign-in, sign-out (rep). */
    assert_int_equal(
        rp_workflow_audit_of_person(wf, "rep", 10, collect, &c, &err), RP_OK);
    assert_int_equal(c.n, 3);
    assert_true(c.seqs[0] > c.seqs[1] && c.seqs[1] > c.seqs[2]);
    memset(&c, 0, sizeof(c));
    assert_int_equal(
        rp_workflow_audit_of_person(wf, "rep", 2, collect, &c, &err), RP_OK);
    assert_int_equal(c.n, 2);
    memset(&c, 0, sizeof(c));
    assert_int_equal(
        rp_workflow_audit_of_person(wf, "admin", 10, collect, &c, &err), RP_OK);
    assert_int_equal(c.n, 1);
    /* Everyone's: all four, newest first; the newest three with a limit. */
    memset(&c, 0, sizeof(c));
    assert_int_equal(
        rp_workflow_audit_of_person(wf, NULL, 10, collect, &c, &err), RP_OK);
    assert_int_equal(c.n, 4);
    assert_true(c.seqs[0] > c.seqs[1] && c.seqs[2] > c.seqs[3]);
    memset(&c, 0, sizeof(c));
    assert_int_equal(
        rp_workflow_audit_of_person(wf, NULL, 3, collect, &c, &err), RP_OK);
    assert_int_equal(c.n, 3);
    rp_workflow_free(wf);
}

/* The hash of an entry as versions 1 to 5 wrote it (audit.c then): a
 * released formula, repeated here so that a change to it shows. */
static void old_hash(int64_t seq, int64_t at, const char *const f[10],
                     const char *prev, char out[RP_SHA256_HEX_SIZE])
{
    char buf[4096];
    size_t used;
    int i;

    used = (size_t)snprintf(buf, sizeof(buf),
                            "reportpipe-audit-1;%" PRId64 ";%" PRId64 ";", seq,
                            at);
    for (i = 0; i < 10; i++) {
        if (!f[i])
            used += (size_t)snprintf(buf + used, sizeof(buf) - used, "N;");
        else
            used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%zu:%s;",
                                     strlen(f[i]), f[i]);
    }
    used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%zu:%s;",
                             strlen(prev), prev);
    rp_sha256_hex(buf, used, out);
}

static void test_migration_keeps_chain(void **state)
{
    static const char *const e1[10] = {
        "rpadmin", "admin", NULL,        "request", "done",
        "ACC-1",   NULL,    "requested", NULL,      "due 2026-12-13"};
    static const char *const e2[10] = {
        "schen", NULL,        NULL, "submit", "refused",
        "ACC-1", "requested", NULL, NULL,     "only administrators"};
    struct rp_workflow w0, *wf;
    struct rp_workflow_session s;
    struct rp_error err;
    char h1[RP_SHA256_HEX_SIZE], h2[RP_SHA256_HEX_SIZE], sql[2048];
    struct last l;
    const char *genesis =
        "0000000000000000000000000000000000000000000000000000000000000000";

    (void)state;
    memset(&w0, 0, sizeof(w0));
    rp_error_init(&err);
    assert_int_equal(rp_wf_open_db(&w0, db_path, &err), RP_OK);
    assert_int_equal(rp_wf_migrate(&w0, 5, &err), RP_OK);
    assert_int_equal(rp_workflow_schema_version(&w0), 5);
    old_hash(1, NOW, e1, genesis, h1);
    old_hash(2, NOW + 1, e2, h1, h2);
    snprintf(sql, sizeof(sql),
             "INSERT INTO audit (seq, at, login, person, on_behalf_of, "
             "action, outcome, account, from_stage, to_stage, "
             "document_sha256, detail, prev_hash, hash) VALUES "
             "(1, %" PRId64 ", 'rpadmin', 'admin', NULL, 'request', 'done', "
             "'ACC-1', NULL, 'requested', NULL, 'due 2026-12-13', '%s', "
             "'%s'),"
             "(2, %" PRId64 ", 'schen', NULL, NULL, 'submit', 'refused', "
             "'ACC-1', 'requested', NULL, NULL, 'only administrators', "
             "'%s', '%s')",
             NOW, genesis, h1, NOW + 1, h1, h2);
    assert_int_equal(sqlite3_exec(w0.db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(w0.db);
    free(w0.db_path);

    /* Migrated on open: the old entries verify, without a via. */
    wf = open_as("rpadmin", NULL, NOW + HOUR);
    assert_int_equal(rp_workflow_schema_version(wf), 6);
    assert_chain(wf, 2);
    l = last_entry(wf);
    assert_string_equal(l.via, "-");
    rp_workflow_free(wf);

    /* New entries with and without a via join the chain. */
    set_password("rep", GOOD);
    wf = open_as(NULL, VIA, NOW + HOUR);
    rp_error_init(&err);
    expect(rp_workflow_sign_in(wf, "rep", GOOD, ADDR, &s, &err), RP_OK, &err,
           NULL);
    assert_chain(wf, 5);
    /* A via changed behind the store's back breaks the chain. */
    assert_int_equal(sqlite3_exec(wf->db,
                                  "DROP TRIGGER audit_no_update;"
                                  "UPDATE audit SET via = 'web 203.0.113.1' "
                                  "WHERE seq = 5",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    {
        char head[RP_SHA256_HEX_SIZE];
        int64_t n;
        rp_error_init(&err);
        expect(rp_workflow_audit_verify(wf, &n, head, &err), RP_ERR_INPUT, &err,
               "entry 5 (sign-in by schen) was changed");
    }
    rp_workflow_free(wf);
}

static void test_web_setting(void **state)
{
    struct rp_workflow_settings s;
    struct rp_error err;
    char path[400];

    (void)state;
    rp_error_init(&err);
    assert_int_equal(rp_workflow_settings_load(&s, NULL, &err), RP_OK);
    assert_string_equal(s.web_url, "http://127.0.0.1:8080");
    snprintf(path, sizeof(path), "%s/workflow.xml", dir);
    write_file(path, "<workflow>\n  <web url=\"https://reviews.example.com/"
                     "\"/>\n</workflow>\n");
    assert_int_equal(rp_workflow_settings_load(&s, path, &err), RP_OK);
    assert_string_equal(s.web_url, "https://reviews.example.com");
    write_file(path, "<workflow>\n\n  <web url=\"javascript:alert(1)\"/>\n"
                     "</workflow>\n");
    expect(rp_workflow_settings_load(&s, path, &err), RP_ERR_INPUT, &err,
           "https://reviews.example.com");
    assert_int_equal(err.line, 3);
    assert_string_equal(err.field, "url");
    assert_non_null(strstr(err.file, "workflow.xml"));
    rp_error_init(&err);
    write_file(path, "<workflow><web/></workflow>\n");
    expect(rp_workflow_settings_load(&s, path, &err), RP_ERR_INPUT, &err,
           "needs the attribute url");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_invite_only_by_administrator,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_invitation_single_use, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_invitation_expires, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sign_in, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rate_limit_person, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rate_limit_address, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_session_expiry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_password_ends_sessions, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_audit_of_person, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_keeps_chain, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_web_setting, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
