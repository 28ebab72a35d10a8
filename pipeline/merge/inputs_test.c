/*
 * An account's inputs digest: it changes with what the account's data
 * is made from, and a ticket of another account leaves it alone.
 */
#include "merge/test_data.h"

#include "common/hash.h"

/* Every account's digest, and its document serialised, for d. */
struct seen {
    char inputs[3][RP_SHA256_HEX_SIZE];
    char *account[3]; /* the <account> element, serialised */
};

static char *account_xml(xmlDoc *doc)
{
    xmlNode *n;
    xmlBuffer *buf = xmlBufferCreate();
    char *copy;

    for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            xmlStrEqual(n->name, BAD_CAST "account"))
            xmlNodeDump(buf, doc, n, 0, 0);
    }
    copy = rp_xstrdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return copy;
}

static void look(const struct rp_dataset *d, struct seen *s)
{
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    struct rp_merged *m = NULL;
    struct rp_error err;
    size_t i;

    options_for_year(&opt);
    rp_error_init(&err);
    assert_int_equal(rp_merge_prepare(d, &opt, &m, &stats, &err), RP_OK);
    assert_int_equal(rp_merge_account_count(m), 3);
    for (i = 0; i < 3; i++) {
        xmlDoc *doc = NULL;

        rp_merge_account_inputs(m, i, s->inputs[i]);
        assert_int_equal(strlen(s->inputs[i]), RP_SHA256_HEX_SIZE - 1);
        assert_int_equal(rp_merge_account_doc(m, i, &doc, &err), RP_OK);
        s->account[i] = account_xml(doc);
        xmlFreeDoc(doc);
    }
    rp_merge_free(m);
}

static void forget(struct seen *s)
{
    size_t i;

    for (i = 0; i < 3; i++)
        free(s->account[i]);
}

static void make(struct rp_dataset *d)
{
    memset(d, 0, sizeof(*d));
    /* Document order is by name: Acme, Bravo, Charlie. */
    add_account(d, "ACC-1", "Acme");
    add_account(d, "ACC-2", "Bravo");
    add_account(d, "ACC-3", "Charlie");
    add_ticket(d, "T-1", "ACC-1", 3, utc("2026-02-01"), 1, 2);
    add_ticket(d, "T-2", "ACC-2", 3, utc("2026-02-02"), 1, -1);
    add_ticket(d, "T-3", "ACC-2", 2, utc("2026-03-01"), 4, 30);
    add_ticket(d, "T-4", "ACC-3", 1, utc("2026-04-01"), -1, -1);
}

/*
 * What an edit did: which digests changed, checked against which
 * accounts' data changed; a digest that stays while the data moves would
 * leave a review stale.
 */
static void check_edit(const struct seen *before, const struct seen *after,
                       const bool expect_changed[3])
{
    size_t i;

    for (i = 0; i < 3; i++) {
        bool digest = strcmp(before->inputs[i], after->inputs[i]) != 0;
        bool data = strcmp(before->account[i], after->account[i]) != 0;

        if (!digest)
            assert_false(data);
        assert_int_equal(digest, expect_changed[i]);
    }
}

static void test_ticket_touches_its_account_only(void **state)
{
    static const bool only_bravo[3] = {false, true, false};
    struct rp_dataset d;
    struct seen a, b, c;

    (void)state;
    make(&d);
    look(&d, &a);
    look(&d, &b);
    /* The same records: the same digests. */
    assert_string_equal(a.inputs[1], b.inputs[1]);
    forget(&b);

    set_string(&d.tickets[2].subject, "Printer still on fire");
    look(&d, &b);
    check_edit(&a, &b, only_bravo);
    forget(&b);

    /* Resolved now: the backlog and the figures move, Bravo's only. */
    d.tickets[1].resolved = d.tickets[1].created + 5 * HOUR;
    d.tickets[1].status = RP_TICKET_SOLVED;
    look(&d, &c);
    check_edit(&a, &c, only_bravo);
    forget(&c);
    forget(&a);
    dataset_free(&d);
}

/* A ticket that moves from one account to another changes both. */
static void test_ticket_moving_changes_both(void **state)
{
    static const bool acme_and_charlie[3] = {true, false, true};
    struct rp_dataset d;
    struct seen a, b;

    (void)state;
    make(&d);
    look(&d, &a);
    set_string(&d.tickets[0].account_id, "ACC-3");
    look(&d, &b);
    check_edit(&a, &b, acme_and_charlie);
    forget(&a);
    forget(&b);
    dataset_free(&d);
}

/* A record that is not a ticket changes every digest (each account is
 * then checked the long way); a ticket no account has changes none. */
static void test_other_records_change_all(void **state)
{
    static const bool all[3] = {true, true, true};
    static const bool none[3] = {false, false, false};
    struct rp_dataset d;
    struct seen a, b;

    (void)state;
    make(&d);
    look(&d, &a);
    set_string(&d.accounts[1].tier, "Platinum");
    look(&d, &b);
    check_edit(&a, &b, all);
    forget(&a);
    a = b;
    /* A ticket no account has: only the program's figures move, which a
     * review's key leaves out. */
    add_ticket(&d, "T-9", "ACC-404", 3, utc("2026-06-15"), -1, -1);
    look(&d, &b);
    check_edit(&a, &b, none);
    forget(&a);
    forget(&b);
    dataset_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticket_touches_its_account_only),
        cmocka_unit_test(test_ticket_moving_changes_both),
        cmocka_unit_test(test_other_records_change_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
