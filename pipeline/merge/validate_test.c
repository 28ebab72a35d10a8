/*
 * What the merge refuses: input it cannot write (the file, line and field
 * named), a period it cannot report on, and a document its schema
 * rejects, which is our bug.
 */
#include "merge/test_data.h"

static void expect_failure(const struct rp_dataset *d,
                           const struct rp_merge_options *opt,
                           enum rp_status status, const char *file, long line,
                           const char *field)
{
    struct rp_merge_stats stats;
    struct rp_error err;
    xmlDoc *doc = NULL;

    rp_error_init(&err);
    assert_int_equal(rp_merge_build(d, opt, &doc, &stats, &err), status);
    assert_null(doc);
    assert_int_equal(err.status, status);
    assert_string_equal(err.file, file);
    assert_int_equal(err.line, line);
    assert_string_equal(err.field, field);
    assert_true(err.message[0] != '\0');
}

static void test_bad_input_is_reported(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    add_account(&d, "ACC-1", "Acme again");
    options_for_year(&opt);
    expect_failure(&d, &opt, RP_ERR_INPUT, "accounts.csv", 3, "id");
    set_string(&d.accounts[1].id, "ACC-2");

    add_ticket(&d, "T-1", "ACC-1", 2, utc("2026-01-01"), 1, 2);
    set_string(&d.tickets[0].subject, "bad \xc3(");
    expect_failure(&d, &opt, RP_ERR_INPUT, "tickets.csv", 2, "subject");
    set_string(&d.tickets[0].subject, "bell \a");
    expect_failure(&d, &opt, RP_ERR_INPUT, "tickets.csv", 2, "subject");
    set_string(&d.tickets[0].subject, "fine");
    d.tickets[0].priority = (enum rp_priority)7;
    expect_failure(&d, &opt, RP_ERR_INPUT, "tickets.csv", 2, "priority");
    d.tickets[0].priority = RP_PRIORITY_P2;

    opt.period_end = RP_TIME_NONE;
    expect_failure(&d, &opt, RP_ERR_USAGE, "", 0, "period");
    opt.period_end = opt.period_start;
    expect_failure(&d, &opt, RP_ERR_USAGE, "", 0, "period");
    dataset_free(&d);
}

/* A document that fails its schema is our bug: an internal error naming
 * the offending node.  The schema here is the real one with one rule
 * tightened, so that a correct document fails it. */
static void test_schema_failure_is_internal(void **state)
{
    const char *top = getenv("TOP");
    char path[1024], *dir = temp_dir(), *text, *at;
    const char *needle =
        "<attribute name=\"annual-revenue\"><ref name=\"money\"/></attribute>";
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    struct rp_error err;
    xmlDoc *doc = NULL;
    FILE *fp;
    long size;

    (void)state;
    snprintf(path, sizeof(path), "%s/templates/schema/review-data.rng",
             top ? top : ".");
    fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    size = ftell(fp);
    rewind(fp);
    text = calloc(1, (size_t)size + 1);
    assert_int_equal(fread(text, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    at = strstr(text, needle);
    assert_non_null(at);
    memcpy(at + strlen("<attribute name=\"annual-revenue\">"),
           "<value>0.00</value>", strlen("<value>0.00</value>"));
    memset(at +
               strlen("<attribute name=\"annual-revenue\"><value>0.00</value>"),
           ' ',
           strlen(needle) - strlen("<attribute name=\"annual-revenue\">"
                                   "<value>0.00</value></attribute>"));
    memcpy(at + strlen(needle) - strlen("</attribute>"), "</attribute>",
           strlen("</attribute>"));
    write_file(dir, "tight.rng", text);
    free(text);
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    options_for_year(&opt);
    snprintf(path, sizeof(path), "%s/tight.rng", dir);
    opt.schema_path = path;
    rp_error_init(&err);
    assert_int_equal(rp_merge_build(&d, &opt, &doc, &stats, &err),
                     RP_ERR_INTERNAL);
    assert_null(doc);
    assert_string_equal(err.field, "/review-data/account");

    /* The real schema passes. */
    snprintf(path, sizeof(path), "%s/templates/schema/review-data.rng",
             top ? top : ".");
    rp_error_init(&err);
    assert_int_equal(rp_merge_build(&d, &opt, &doc, &stats, &err), RP_OK);
    xmlFreeDoc(doc);
    dataset_free(&d);
    remove_tree(dir);
    free(dir);
}

/*
 * Accounts known valid are left out of the check, and only they: a
 * broken account is found unless it is one of them, named by its place
 * in the whole document, which is given back as it was.
 */
static void test_validate_some_accounts(void **state)
{
    const char *top = getenv("TOP");
    char path[1024];
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_error err;
    xmlDoc *doc;
    xmlNode *n, *broken = NULL;
    xmlChar *before, *after;
    int size, i = 0;
    static const bool none[4] = {false, false, false, false};
    static const bool others[4] = {true, true, false, true};
    static const bool it[4] = {false, false, true, false};

    (void)state;
    snprintf(path, sizeof(path), "%s/templates/schema/review-data.rng",
             top ? top : ".");
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    add_account(&d, "ACC-2", "Bravo");
    add_account(&d, "ACC-3", "Charlie");
    add_account(&d, "ACC-4", "Delta");
    options_for_year(&opt);
    doc = build(&d, &opt, NULL);
    for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            xmlStrEqual(n->name, BAD_CAST "account") && i++ == 2)
            broken = n;
    }
    assert_non_null(broken);
    xmlSetProp(broken, BAD_CAST "health", BAD_CAST "wobbly");
    xmlDocDumpMemory(doc, &before, &size);

    rp_error_init(&err);
    assert_int_equal(rp_merge_validate_some(doc, path, none, 4, &err),
                     RP_ERR_INTERNAL);
    assert_string_equal(err.field, "/review-data/account[3]");
    rp_error_init(&err);
    assert_int_equal(rp_merge_validate_some(doc, path, others, 4, &err),
                     RP_ERR_INTERNAL);
    assert_string_equal(err.field, "/review-data/account[3]");
    rp_error_init(&err);
    assert_int_equal(rp_merge_validate_some(doc, path, it, 4, &err), RP_OK);
    xmlDocDumpMemory(doc, &after, &size);
    assert_string_equal((const char *)after, (const char *)before);
    xmlFree(before);
    xmlFree(after);
    xmlFreeDoc(doc);
    dataset_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_input_is_reported),
        cmocka_unit_test(test_schema_failure_is_internal),
        cmocka_unit_test(test_validate_some_accounts),
    };

    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
