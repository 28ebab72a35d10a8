/*
 * The review period: the one the options give, or the 12 whole calendar
 * months before the month of the newest ticket timestamp (merge.h).
 */
#include "builder.h"

/* An explicit period longer than this is a usage error, not a report. */
#define MAX_PERIOD_MONTHS 1200

enum rp_status rp_merge_choose_period(const struct rp_dataset *data,
                                      const struct rp_merge_options *opt,
                                      struct rp_merge_period *p,
                                      struct rp_error *err)
{
    int64_t newest = RP_TIME_NONE, last_month;
    size_t i;

    if ((opt->period_start == RP_TIME_NONE) !=
        (opt->period_end == RP_TIME_NONE))
        return rp_error_set(err, RP_ERR_USAGE, NULL, 0, "period",
                            "give both the start and the end of the review "
                            "period, or neither");
    if (opt->period_start != RP_TIME_NONE) {
        if (opt->period_start < RP_MERGE_TIME_MIN ||
            opt->period_end > RP_MERGE_TIME_MAX)
            return rp_error_set(err, RP_ERR_USAGE, NULL, 0, "period",
                                "the review period must lie between the "
                                "years 0001 and 9999");
        if (opt->period_start >= opt->period_end)
            return rp_error_set(err, RP_ERR_USAGE, NULL, 0, "period",
                                "the review period must end after it "
                                "starts");
        p->start = opt->period_start;
        p->end = opt->period_end;
    } else {
        for (i = 0; i < data->n_tickets; i++) {
            const struct rp_ticket *t = &data->tickets[i];
            if (t->created > newest)
                newest = t->created;
            if (t->first_response > newest)
                newest = t->first_response;
            if (t->resolved > newest)
                newest = t->resolved;
        }
        /* No tickets: the export carries no date, so use the run's. */
        if (newest == RP_TIME_NONE)
            newest = opt->generated;
        last_month = rp_merge_month_of(newest);
        p->start = rp_merge_month_start(last_month - 12);
        p->end = rp_merge_month_start(last_month);
    }
    p->first_month = rp_merge_month_of(p->start);
    last_month = rp_merge_month_of(p->end - 1);
    if (last_month - p->first_month + 1 > MAX_PERIOD_MONTHS)
        return rp_error_set(err, RP_ERR_USAGE, NULL, 0, "period",
                            "the review period is longer than %d months",
                            MAX_PERIOD_MONTHS);
    p->n_months = (size_t)(last_month - p->first_month + 1);
    return RP_OK;
}

bool rp_merge_in_period(const struct rp_merge_period *p,
                        const struct rp_ticket *t)
{
    return t->created >= p->start && t->created < p->end;
}
