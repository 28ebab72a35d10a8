/*
 * The configuration files at work: business hours, holidays and time
 * zones of sla.xml with per-tier targets, the rules of health.xml, and
 * errors in either that name the file, line and attribute.
 */
#include "merge/test_data.h"

static const char sla_xml[] =
    "<sla compliance-target-pct=\"90\" basis=\"business\">\n"
    "  <calendar time-zone=\"Europe/Berlin\" days=\"Mon Tue Wed Thu Fri\"\n"
    "      start=\"09:00\" end=\"17:00\">\n"
    "    <holiday date=\"2025-12-25\" name=\"Christmas Day\"/>\n"
    "    <holiday date=\"2025-12-26\" name=\"Boxing Day\"/>\n"
    "  </calendar>\n"
    "  <target priority=\"P1\" first-response-hours=\"1\" "
    "resolution-hours=\"8\" basis=\"calendar\"/>\n"
    "  <target priority=\"P2\" first-response-hours=\"4\" "
    "resolution-hours=\"24\"/>\n"
    "  <target priority=\"P3\" first-response-hours=\"8\" "
    "resolution-hours=\"16\"/>\n"
    "  <target priority=\"P4\" first-response-hours=\"16\" "
    "resolution-hours=\"40\"/>\n"
    "  <target tier=\"Platinum\" priority=\"P3\" first-response-hours=\"4\" "
    "resolution-hours=\"24\" basis=\"calendar\"/>\n"
    "</sla>\n";

/*
 * Business hours, Europe/Berlin, Mon-Fri 09:00-17:00, holidays 25 and 26
 * December; P3 targets 8 h / 16 h business, P1 1 h / 8 h calendar.
 *   A Fri 16:00 CET; answered Mon 15:30 (1 + 6.5 = 7.5 h: met; 71.5
 *     calendar hours would breach); resolved Tue 16:30 (1 + 8 + 7.5 =
 *     16.5 h: breached).
 *   B Fri 27 Mar 08:00 CET (work from 09:00 = 08:00Z: 8 h on Friday);
 *     DST starts Sunday; answered Mon 07:30Z = 09:30 CEST: 8.5 h, breached
 *     (8.0, met, if the zone's change were ignored); resolved Mon 14:00Z
 *     = 16:00 CEST: 8 + 7 = 15 h, met.
 *   C Wed 24 Dec 16:00 CET; answered Mon 29 Dec 10:00: 1 + 1 = 2 h (both
 *     holidays and the weekend skipped), met; resolved Tue 30 Dec 16:00:
 *     1 + 8 + 7 = 16 h, exactly the target, met.
 *   D Mon 26 Oct 09:00 CET, nothing since: 5 x 8 = 40 business hours to
 *     the period end (Sun 1 Nov): both deadlines passed: breached.
 *   E Fri 30 Oct 16:00 CET, nothing since: 1 h by the period end: both
 *     pending.
 *   F P1 on a Saturday, answered after 30 min, resolved after 7 h: met
 *     in calendar hours.
 *   G P3 of a Platinum account, Fri 16:00 CET, answered 5 h later: the
 *     tier's calendar target of 4 h is breached (the default would be met).
 * Gold account: first response met A C F, breached B D, pending E: 60.0%;
 * resolution met B C F, breached A D: 60.0%; overall met C F, breached
 * A B D, pending E: 40.0%.
 */
static void test_business_hours_and_time_zones(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    char *dir = temp_dir();
    char *tz_before = getenv("TZ") ? rp_xstrdup(getenv("TZ")) : NULL;
    xmlDoc *doc;

    (void)state;
    write_file(dir, "sla.xml", sla_xml);
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Gold Co");
    add_account(&d, "ACC-2", "Platinum Co");
    set_string(&d.accounts[1].tier, "Platinum");
    add_ticket_at(&d, "T-A", "ACC-1", 3, "2026-01-09T15:00:00",
                  "2026-01-12T14:30:00", "2026-01-13T15:30:00");
    add_ticket_at(&d, "T-B", "ACC-1", 3, "2026-03-27T07:00:00",
                  "2026-03-30T07:30:00", "2026-03-30T14:00:00");
    add_ticket_at(&d, "T-C", "ACC-1", 3, "2025-12-24T15:00:00",
                  "2025-12-29T09:00:00", "2025-12-30T15:00:00");
    add_ticket_at(&d, "T-D", "ACC-1", 3, "2026-10-26T08:00:00", NULL, NULL);
    add_ticket_at(&d, "T-E", "ACC-1", 3, "2026-10-30T15:00:00", NULL, NULL);
    add_ticket_at(&d, "T-F", "ACC-1", 1, "2026-01-10T12:00:00",
                  "2026-01-10T12:30:00", "2026-01-10T19:00:00");
    add_ticket_at(&d, "T-G", "ACC-2", 3, "2026-01-09T15:00:00",
                  "2026-01-09T20:00:00", "2026-01-10T10:00:00");
    options_for_year(&opt);
    opt.config_dir = dir;
    doc = build(&d, &opt, NULL);

    check_str(doc, "//ticket[@id='T-A']/@sla-first-response", "met");
    check_str(doc, "//ticket[@id='T-A']/@sla-resolution", "breached");
    check_str(doc, "//ticket[@id='T-B']/@sla-first-response", "breached");
    check_str(doc, "//ticket[@id='T-B']/@sla-resolution", "met");
    check_str(doc, "//ticket[@id='T-C']/@sla", "met");
    check_str(doc, "//ticket[@id='T-D']/@sla-first-response", "breached");
    check_str(doc, "//ticket[@id='T-D']/@sla-resolution", "breached");
    check_str(doc, "//ticket[@id='T-E']/@sla", "pending");
    check_str(doc, "//ticket[@id='T-F']/@sla", "met");
    check_str(doc, "//ticket[@id='T-G']/@sla-first-response", "breached");
    check_str(doc, "//ticket[@id='T-A']/@sla-source", "computed");
    check_str(doc, "//account[@id='ACC-1']/support/@first-response-met-pct",
              "60.0");
    check_str(doc, "//account[@id='ACC-1']/support/@resolution-met-pct",
              "60.0");
    check_str(doc, "//account[@id='ACC-1']/support/@sla-met-pct", "40.0");
    check_num(doc, "//account[@id='ACC-1']/support/@sla-pending", 1);
    check_str(doc, "//account[@id='ACC-1']//priority[@name='P3']/@target-basis",
              "business");
    check_str(doc, "//account[@id='ACC-2']//priority[@name='P3']/@target-basis",
              "calendar");
    check_num(doc,
              "//account[@id='ACC-2']//priority[@name='P3']/"
              "@target-first-response-hours",
              4);
    check_str(doc, "/review-data/sla-targets/calendar/@time-zone",
              "Europe/Berlin");
    check_str(doc, "/review-data/sla-targets/calendar/@days",
              "Mon Tue Wed Thu Fri");
    check_num(doc, "count(/review-data/sla-targets/calendar/holiday)", 2);
    check_num(doc, "count(/review-data/sla-targets/target)", 5);
    check_str(doc, "/review-data/sla-targets/target[5]/@tier", "Platinum");
    /* TZ is left as it was. */
    if (tz_before)
        assert_string_equal(getenv("TZ"), tz_before);
    else
        assert_null(getenv("TZ"));
    free(tz_before);
    xmlFreeDoc(doc);
    dataset_free(&d);
    remove_tree(dir);
    free(dir);
}

/* Health rules from health.xml; a wrong configuration names the file,
 * line and attribute. */
static void test_health_config(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    char *dir = temp_dir();
    xmlDoc *doc;
    struct rp_ticket *t;

    (void)state;
    write_file(dir, "health.xml",
               "<health>\n"
               "  <rule when=\"escalated\" min=\"2\" level=\"unstable\"/>\n"
               "  <rule when=\"aged-backlog\" days=\"30\" min=\"1\" "
               "level=\"watch\"/>\n"
               "</health>\n");
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    t = add_ticket(&d, "T-1", "ACC-1", 3, utc("2026-03-01"), 1, 2);
    t->escalated = true;
    t = add_ticket(&d, "T-2", "ACC-1", 3, utc("2026-09-01"), 1, -1);
    t->escalated = true;
    options_for_year(&opt);
    opt.config_dir = dir;
    doc = build(&d, &opt, &stats);

    check_str(doc, "//account/@health", "unstable");
    check_str(doc, "//account/health-reason[1]",
              "2 tickets were escalated in the period");
    check_str(doc, "//account/health-reason[2]",
              "1 ticket was open for more than 30 days at the end of the "
              "period");
    check_num(doc, "count(/review-data/health-rules/rule)", 2);
    check_str(doc, "/review-data/health-rules/rule[2]/@days", "30");
    xmlFreeDoc(doc);

    /* A wrong configuration names the file, line and attribute. */
    write_file(dir, "sla.xml",
               "<sla>\n"
               "  <target priority=\"P1\" first-response-hours=\"1\"\n"
               "      resolution-hours=\"eight\"/>\n"
               "</sla>\n");
    {
        struct rp_error err;
        rp_error_init(&err);
        assert_int_equal(rp_merge_build(&d, &opt, &doc, &stats, &err),
                         RP_ERR_INPUT);
        /* libxml2 gives the line where the start tag ends. */
        assert_int_equal(err.line, 3);
        assert_string_equal(err.field, "resolution-hours");
    }
    write_file(dir, "sla.xml",
               "<sla><calendar time-zone=\"Mars/Olympus\"/></sla>\n");
    {
        struct rp_error err;
        rp_error_init(&err);
        assert_int_equal(rp_merge_build(&d, &opt, &doc, &stats, &err),
                         RP_ERR_INPUT);
        assert_string_equal(err.field, "time-zone");
    }
    dataset_free(&d);
    remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_business_hours_and_time_zones),
        cmocka_unit_test(test_health_config),
    };

    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
