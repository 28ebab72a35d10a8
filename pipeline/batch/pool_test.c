/*
 * The run's worker processes (pool.c): every job gets one outcome, in
 * any order; a worker that dies costs only the job it held; what workers
 * log reaches the run and is counted there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "batch/internal.h"
#include "common/log.h"

#define N_JOBS 9

/* Job 4 dies as the OOM killer would kill it; job 6 warns. */
static void job(void *ctx, const struct rp_batch_job *j,
                struct rp_batch_outcome *out)
{
    (void)ctx;
    memset(out, 0, sizeof(*out));
    out->kind = j->kind;
    out->index = j->index;
    if (j->index == 4)
        raise(SIGKILL);
    if (j->index == 6)
        rp_log_warn("job %zu has something to say", j->index);
    out->result = RP_BATCH_BUILT;
    out->pages = (int)j->index * 10;
}

static void run_pool(unsigned workers)
{
    struct rp_batch_pool *pool = NULL;
    struct rp_batch_outcome out;
    struct rp_error err;
    int seen[N_JOBS] = {0};
    unsigned long warnings = rp_log_warning_count();
    size_t i, n = 0;

    rp_error_init(&err);
    assert_int_equal(rp_batch_pool_start(&pool, workers, job, NULL, -1, &err),
                     RP_OK);
    for (i = 0; i < N_JOBS; i++) {
        struct rp_batch_job j;
        memset(&j, 0, sizeof(j));
        j.index = i;
        rp_batch_pool_submit(pool, &j);
    }
    while (rp_batch_pool_next(pool, &out)) {
        assert_true(out.index < N_JOBS);
        seen[out.index]++;
        n++;
        if (out.index == 4) {
            assert_int_equal(out.result, RP_BATCH_FAILED);
            assert_non_null(strstr(out.err.message, "killed by signal 9"));
        } else {
            assert_int_equal(out.result, RP_BATCH_BUILT);
            assert_int_equal(out.pages, (int)out.index * 10);
        }
    }
    rp_batch_pool_finish(pool);
    assert_int_equal(n, N_JOBS);
    for (i = 0; i < N_JOBS; i++)
        assert_int_equal(seen[i], 1);
    assert_int_equal(rp_log_warning_count(), warnings + 1);
}

static void test_two_workers(void **state)
{
    (void)state;
    run_pool(2);
}

static void test_more_workers_than_cores(void **state)
{
    (void)state;
    run_pool(5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_workers),
        cmocka_unit_test(test_more_workers_than_cores),
    };

    /* The warning is counted, not shown, as under run -q. */
    rp_log_set_level(RP_LOG_ERRORS);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
