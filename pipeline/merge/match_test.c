/*
 * Matching tickets to accounts: by id, mapping, domain and name, the
 * tickets no rule matches, and the normal forms of names and domains.
 */
#include "merge/match.h"
#include "merge/test_data.h"

/* Tickets for an unknown account are counted and listed, never dropped,
 * whatever their date, and never counted in an account. */
static void test_unmatched_tickets(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    xmlDoc *doc;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    add_ticket(&d, "T-1", "ACC-1", 3, utc("2026-02-01"), 1, 2);
    add_ticket(&d, "T-2", "ACC-9999", 2, utc("2026-03-01"), 1, 2);
    add_ticket(&d, "T-3", "ACC-9998", 1, utc("2024-01-01"), -1, -1);
    options_for_year(&opt);
    doc = build(&d, &opt, &stats);

    check_num(doc, "/review-data/program/@tickets", 1);
    check_num(doc, "/review-data/program/@tickets-unmatched", 2);
    check_num(doc, "/review-data/unmatched/@tickets", 2);
    check_num(doc, "count(/review-data/unmatched/ticket)", 2);
    check_str(doc, "/review-data/unmatched/ticket[1]/@id", "T-3");
    check_str(doc, "/review-data/unmatched/ticket[1]/@in-period", "no");
    check_str(doc, "/review-data/unmatched/ticket[2]/@account-id", "ACC-9999");
    check_str(doc, "/review-data/unmatched/ticket[2]/@in-period", "yes");
    check_str(doc, "/review-data/unmatched/ticket[2]", "Printer on fire");
    check_num(doc, "count(//account//ticket)", 1);
    assert_int_equal(stats.tickets_unmatched, 2);
    assert_int_equal(stats.tickets, 1);
    xmlFreeDoc(doc);
    dataset_free(&d);
}

static struct rp_ticket *
add_org_ticket(struct rp_dataset *d, const char *id, const char *account_id,
               const char *org_name, const char *org_domain,
               const char *external_id, const char *system)
{
    struct rp_ticket *t =
        add_ticket(d, id, account_id, 3, utc("2026-05-05"), 1, 2);

    t->org_name = rp_xstrdup(org_name);
    t->org_domain = rp_xstrdup(org_domain);
    t->external_account_id = rp_xstrdup(external_id);
    t->source_system = rp_xstrdup(system);
    return t;
}

/* Matching in order: id, mapping, domain, name; ambiguity and nothing to
 * match on leave a ticket unmatched, with the reason. */
static void test_matching_across_systems(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    char *dir = temp_dir();
    xmlDoc *doc;

    (void)state;
    write_file(dir, "account-map.csv",
               "System,Match On,Value,Account ID,Note\n"
               "zendesk,external-id,ZD-77,ACC-3,\n"
               ",account-id,ACC-OLD,ACC-2,renamed in the CRM\n"
               ",name,Acme Holdings,ACC-2,\n"
               "#comment,,,,\n");
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "M\xc3\xbcller GmbH");
    set_string(&d.accounts[0].website, "https://www.mueller.example/");
    add_account(&d, "ACC-2", "Acme Widgets, Inc.");
    set_string(&d.accounts[1].website, "https://acme.example");
    add_account(&d, "ACC-3",
                "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale S.A.");
    set_string(&d.accounts[2].website, "");
    add_account(&d, "ACC-4", "Twin Corp");
    set_string(&d.accounts[3].website, "https://twin.example");
    add_account(&d, "ACC-5", "Twin Ltd");
    set_string(&d.accounts[4].website, "http://www.twin.example");
    add_org_ticket(&d, "T-1", "ACC-1", "", "", "", "salesforce");
    add_org_ticket(&d, "T-2", "", "MULLER gmbh", "", "", "zendesk");
    add_org_ticket(&d, "T-3", "", "", "support.acme.example", "", "jira");
    add_org_ticket(&d, "T-4", "", "", "jane@Mueller.example", "", "zendesk");
    add_org_ticket(&d, "T-5", "", "", "", "ZD-77", "zendesk");
    add_org_ticket(&d, "T-6", "", "", "", "ZD-77", "jira");
    add_org_ticket(&d, "T-7", "ACC-OLD", "", "", "", "salesforce");
    add_org_ticket(&d, "T-8", "", "Societe Generale SA", "", "", "jira");
    add_org_ticket(&d, "T-9", "", "Twin", "twin.example", "", "jira");
    add_org_ticket(&d, "T-10", "", "", "", "", "jira");
    add_org_ticket(&d, "T-11", "", "acme holdings", "", "", "zendesk");
    options_for_year(&opt);
    opt.config_dir = dir;
    doc = build(&d, &opt, &stats);

    check_str(doc, "//account[@id='ACC-1']//ticket[@id='T-1']/@id", "T-1");
    check_num(doc,
              "count(//account[@id='ACC-1']//ticket[@id='T-1']"
              "/@matched-by)",
              0);
    check_str(doc, "//account[@id='ACC-1']//ticket[@id='T-2']/@matched-by",
              "name");
    check_str(doc, "//account[@id='ACC-2']//ticket[@id='T-3']/@matched-by",
              "domain");
    check_str(doc, "//account[@id='ACC-1']//ticket[@id='T-4']/@matched-by",
              "domain");
    check_str(doc, "//account[@id='ACC-3']//ticket[@id='T-5']/@matched-by",
              "map");
    check_str(doc, "//unmatched/ticket[@id='T-6']/@reason", "unknown");
    check_str(doc, "//unmatched/ticket[@id='T-6']/@external-id", "ZD-77");
    check_str(doc, "//account[@id='ACC-2']//ticket[@id='T-7']/@matched-by",
              "map");
    check_str(doc, "//account[@id='ACC-3']//ticket[@id='T-8']/@matched-by",
              "name");
    check_str(doc, "//unmatched/ticket[@id='T-9']/@reason", "ambiguous");
    check_str(doc, "//unmatched/ticket[@id='T-10']/@reason", "no-key");
    check_str(doc, "//account[@id='ACC-2']//ticket[@id='T-11']/@matched-by",
              "map");
    check_num(doc, "/review-data/matching/@by-id", 1);
    check_num(doc, "/review-data/matching/@by-map", 3);
    check_num(doc, "/review-data/matching/@by-domain", 2);
    check_num(doc, "/review-data/matching/@by-name", 2);
    check_num(doc, "/review-data/matching/@unmatched", 3);
    check_num(doc, "/review-data/matching/@mappings", 3);
    check_num(doc, "/review-data/unmatched/@tickets", 3);
    assert_int_equal(stats.matched_by_id, 1);
    assert_int_equal(stats.matched_by_map, 3);
    assert_int_equal(stats.matched_by_domain, 2);
    assert_int_equal(stats.matched_by_name, 2);
    assert_int_equal(stats.tickets_unmatched, 3);
    xmlFreeDoc(doc);

    /* A mapping to an account the CRM does not know is stale: ignored,
     * counted, and the ticket it would have matched stays unmatched. */
    write_file(dir, "account-map.csv",
               "Match On,Value,Account ID\n"
               "external-id,ZD-77,ACC-9\n");
    doc = build(&d, &opt, &stats);
    check_num(doc, "/review-data/matching/@stale-mappings", 1);
    check_str(doc, "//unmatched/ticket[@id='T-5']/@reason", "unknown");
    xmlFreeDoc(doc);
    dataset_free(&d);
    remove_tree(dir);
    free(dir);
}

static void test_normal_forms(void **state)
{
    static const char *const names[][2] = {
        {"M\xc3\xbcller GmbH", "muller"},
        {"Muller GmbH & Co. KG", "muller"},
        {"Acme Widgets, Inc.", "acme widgets"},
        {"Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale S.A.",
         "societe generale"},
        {"Nordstr\xc3\xb6m Logistik AB", "nordstrom logistik"},
        {"\xc3\x86gir \xc3\x98st A/S", "aegir ost"},
        {"Inc.", "inc"},
        {"", ""},
        /* The ends of Latin Extended-A, and letters after its lone 'l'
         * with stroke and 't' with stroke. */
        {"\xc5\x81ukasz Sp\xc3\xb3\xc5\x82ka", "lukasz spolka"},
        {"\xc5\xa6\xc5\xa7\xc5\xa8 \xc5\xbe\xc5\xbf \xc4\x80", "ttu zs a"},
        {"\xc5\x92uvre \xc5\x8a\xc5\x8b", "oeuvre nn"},
    };
    static const char *const domains[][2] = {
        {"https://www.Acme.example/contact", "acme.example"},
        {"jane.doe@Mueller-GmbH.example", "mueller-gmbh.example"},
        {"example.org.", "example.org"},
        {"", ""},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char *n = rp_merge_normalise_name(names[i][0]);
        assert_string_equal(n, names[i][1]);
        free(n);
    }
    for (i = 0; i < sizeof(domains) / sizeof(domains[0]); i++) {
        char *n = rp_merge_normalise_domain(domains[i][0]);
        assert_string_equal(n, domains[i][1]);
        free(n);
    }
    /* Whatever bytes an export holds (truncated UTF-8 included), the
     * normal forms stay within their buffers (run under ASan) and are
     * stable: normalising twice changes nothing more. */
    {
        static const char alphabet[] =
            "aZ .,&@/:\xc3\xa9\xc5\x82\xc5\xbf\xe2\x82\xacGS";
        unsigned seed = 7;
        char in[64];
        int k;

        for (k = 0; k < 20000; k++) {
            size_t len = (size_t)(rand_r(&seed) % 48), j;
            char *a, *b;
            for (j = 0; j < len; j++)
                in[j] = alphabet[rand_r(&seed) % (sizeof(alphabet) - 1)];
            in[len] = '\0';
            a = rp_merge_normalise_name(in);
            b = rp_merge_normalise_name(a);
            assert_string_equal(a, b);
            free(a);
            free(b);
            a = rp_merge_normalise_domain(in);
            free(a);
        }
    }
}

/* Salesforce ids: a report's 15 characters and Data Loader's 18 (with
 * the checksum of the case of the first 15) are one id; other ids of 18
 * characters compare whole. */
static void test_salesforce_ids(void **state)
{
    struct rp_dataset d;
    struct rp_merge_matcher m;
    struct rp_merge_map_config map;
    struct rp_merge_match_result r;
    struct rp_ticket *t;

    (void)state;
    assert_true(rp_merge_salesforce_id18("001D000000IqhSLIAZ"));
    assert_false(rp_merge_salesforce_id18("001D000000IqhSLIAA"));
    assert_false(rp_merge_salesforce_id18("001D000000IqhSL"));
    assert_false(rp_merge_salesforce_id18("001D000000IqhSL-AZ"));
    assert_int_equal(
        rp_merge_compare_ids("001D000000IqhSL", "001D000000IqhSLIAZ"), 0);
    /* Case matters in the first 15: another record. */
    assert_true(rp_merge_compare_ids("001D000000IqhSl", "001D000000IqhSLIAZ") !=
                0);
    /* Not a checksum: an id of its own. */
    assert_true(rp_merge_compare_ids("ACC-000000000001", "ACC-000000000001XY") <
                0);

    memset(&d, 0, sizeof(d));
    memset(&map, 0, sizeof(map));
    add_account(&d, "001D000000IqhSLIAZ", "Acme");
    add_account(&d, "001D000000AbCdEIAV", "Beta");
    add_account(&d, "ACC-7", "Gamma");
    t = add_org_ticket(&d, "00001001", "001D000000IqhSL", "", "", "",
                       "salesforce");
    rp_merge_matcher_init(&m, &d, &map);
    rp_merge_match_ticket(&m, t, &r);
    assert_int_equal(r.how, RP_MERGE_MATCH_ID);
    assert_int_equal(r.account, 0);
    assert_int_equal(rp_merge_find_account(&m, "001D000000AbCdE"), 1);
    assert_int_equal(rp_merge_find_account(&m, "001D000000AbCdEIAV"), 1);
    assert_int_equal(rp_merge_find_account(&m, "001D000000abcde"), SIZE_MAX);
    assert_int_equal(rp_merge_find_account(&m, "ACC-7"), 2);
    /* A report without ids names the account. */
    assert_int_equal(rp_merge_find_account_ref(&m, "GAMMA Inc."), 2);
    assert_int_equal(rp_merge_find_account_ref(&m, "Delta"), SIZE_MAX);
    rp_merge_matcher_release(&m);
    dataset_free(&d);
}

static void add_user(struct rp_dataset *d, const char *id, const char *name)
{
    struct rp_user *u;

    rp_array_grow((void **)&d->users, &d->cap_users, d->n_users + 1,
                  sizeof(*d->users));
    u = &d->users[d->n_users++];
    memset(u, 0, sizeof(*u));
    u->id = rp_xstrdup(id);
    u->name = rp_xstrdup(name);
}

/* An account's OwnerId is shown as its user's name when a User export
 * says who that is, in either id form; else as it was. */
static void test_owner_ids_become_names(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    xmlDoc *doc;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "001D000000IqhSLIAZ", "Acme");
    add_account(&d, "001D000000AbCdEIAV", "Beta");
    add_account(&d, "001D000000FgHiJIAV", "Gamma");
    set_string(&d.accounts[0].owner, "005D0000001AbCd");
    set_string(&d.accounts[1].owner, "005D0000001XyZw");
    add_user(&d, "005D0000001AbCdIAK", "Jana Nov\xC3\xA1kov\xC3\xA1");
    add_user(&d, "005D0000001QqQqIAK", "Someone Else");
    options_for_year(&opt);
    doc = build(&d, &opt, &stats);
    check_str(doc, "//account[@name='Acme']/@owner",
              "Jana Nov\xC3\xA1kov\xC3\xA1");
    check_str(doc, "//account[@name='Beta']/@owner", "005D0000001XyZw");
    check_str(doc, "//account[@name='Gamma']/@owner", "Dana Owner");
    xmlFreeDoc(doc);
    dataset_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unmatched_tickets),
        cmocka_unit_test(test_matching_across_systems),
        cmocka_unit_test(test_normal_forms),
        cmocka_unit_test(test_salesforce_ids),
        cmocka_unit_test(test_owner_ids_become_names),
    };

    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
