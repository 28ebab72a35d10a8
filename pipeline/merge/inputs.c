/*
 * An account's inputs digest (merge.h, rp_merge_account_inputs()): what
 * lets a run tell that an account's review data cannot have changed
 * without writing it.  The review data is a function of what is fed
 * here; the shared part (everything but tickets) is fed once per merge.
 */
#include "builder.h"

#include <stdio.h>
#include <string.h>

#include "common/hash.h"

/* Changed whenever what is fed changes meaning: stored digests then
 * match nothing, and every document is checked the long way once. */
#define INPUTS_FORMAT "review inputs 1"

static void make_base(struct rp_merged *m)
{
    const struct rp_merge_builder *b = &m->b;
    struct rp_sha256 *h = rp_sha256_begin();
    char text[128];

    rp_sha256_add_str(h, INPUTS_FORMAT);
    snprintf(text, sizeof(text), "period %lld %lld", (long long)b->p.start,
             (long long)b->p.end);
    rp_sha256_add_str(h, text);
    /* How late a milestone is, in days, moves with the day of the run;
     * nothing else in an account's data does. */
    snprintf(text, sizeof(text), "day %lld",
             b->data->n_milestones
                 ? (long long)(b->opt->generated / RP_MERGE_SECONDS_PER_DAY)
                 : -1LL);
    rp_sha256_add_str(h, text);
    rp_import_hash_all_but_tickets(h, b->data);
    rp_sha256_end(h, m->inputs_base);
}

static void add_tickets(struct rp_sha256 *h, const struct rp_merge_builder *b,
                        const struct rp_merge_idx_list *list, const char *what)
{
    size_t i;

    rp_sha256_add_str(h, what);
    for (i = 0; i < list->n; i++)
        rp_import_hash_ticket(h, &b->data->tickets[list->v[i]]);
}

void rp_merge_account_inputs(struct rp_merged *m, size_t i,
                             char out[RP_SHA256_HEX_SIZE])
{
    const struct rp_merge_builder *b = &m->b;
    const struct rp_merge_report *r = &b->reports[i];
    struct rp_sha256 *h;
    char slot[32];

    if (!m->inputs_base[0])
        make_base(m);
    h = rp_sha256_begin();
    rp_sha256_add_str(h, m->inputs_base);
    snprintf(slot, sizeof(slot), "%zu", i);
    rp_sha256_add_str(h, slot);
    rp_sha256_add_str(h, b->data->accounts[r->account].id);
    add_tickets(h, b, &r->tickets, "tickets");
    add_tickets(h, b, &r->backlog, "backlog");
    rp_merge_hash_contributions(h, b, i);
    rp_sha256_end(h, out);
}
