/*
 * Worker processes for a run's documents (internal.h).
 *
 * Processes, not threads.  libxslt keeps its error handlers, loader and
 * security preferences process-wide (transform.c swaps them per call),
 * Pango initialises fontconfig in a thread of its own, and Cairo and
 * fontconfig share caches whose locking we would have to trust for every
 * version Debian ships.  A forked worker shares nothing it writes: it
 * starts from the parent's finished merge (copy-on-write, so the
 * portfolio is in memory once) and compiled stylesheets, and the parent,
 * which has not touched Pango, never renders while workers live.
 *
 * Jobs go to a worker over its own pipe; outcomes and log lines come back
 * over one pipe all workers share, each message smaller than PIPE_BUF so
 * that writes never interleave.  A worker that dies (a crash, the OOM
 * killer) fails only the job it held.  Workers die with the parent
 * (PR_SET_PDEATHSIG), so a killed run leaves no process behind.
 */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/log.h"
#include "common/mem.h"

enum msg_type { MSG_OUTCOME, MSG_LOG };

struct msg {
    enum msg_type type;
    unsigned worker;
    enum rp_log_kind kind;
    union {
        struct rp_batch_outcome outcome;
        char text[1024];
    } u;
};

_Static_assert(sizeof(struct msg) <= PIPE_BUF,
               "a message must be written in one piece");

struct worker {
    pid_t pid;
    int jobs_fd; /* write end of its job pipe, -1 once closed */
    bool busy;
    struct rp_batch_job job; /* the one it holds while busy */
};

struct rp_batch_pool {
    rp_batch_do_fn fn;
    void *ctx;
    unsigned n_workers; /* 0: in process */
    struct worker *workers;
    int results_fd; /* read end of the shared pipe */
    struct rp_batch_job *queue;
    const char *cancelled; /* why the jobs not handed out fail, or NULL */
    size_t head, n, cap;
    void (*old_sigpipe)(int);
};

/* ---- the worker's side ---- */

static int worker_results_fd = -1;
static unsigned worker_number;

static bool write_all(int fd, const void *data, size_t len)
{
    const char *p = data;

    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        len -= (size_t)w;
    }
    return true;
}

/* 1 read whole, 0 end of file before anything, -1 failure. */
static int read_all(int fd, void *data, size_t len)
{
    char *p = data;
    size_t got = 0;

    while (got < len) {
        ssize_t r = read(fd, p + got, len - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return got == 0 && r == 0 ? 0 : -1;
        got += (size_t)r;
    }
    return 1;
}

static void send_log(void *ctx, enum rp_log_kind kind, const char *text)
{
    struct msg m;

    (void)ctx;
    memset(&m, 0, sizeof(m));
    m.type = MSG_LOG;
    m.worker = worker_number;
    m.kind = kind;
    snprintf(m.u.text, sizeof(m.u.text), "%s", text);
    (void)write_all(worker_results_fd, &m, sizeof(m));
}

static void worker_main(struct rp_batch_pool *pool, unsigned number,
                        int jobs_fd, int results_fd)
{
    struct rp_batch_job job;
    struct msg m;
    int got;

    worker_number = number;
    worker_results_fd = results_fd;
    rp_log_set_sink(send_log, NULL);
    while ((got = read_all(jobs_fd, &job, sizeof(job))) == 1) {
        memset(&m, 0, sizeof(m));
        m.type = MSG_OUTCOME;
        m.worker = number;
        pool->fn(pool->ctx, &job, &m.u.outcome);
        if (!write_all(results_fd, &m, sizeof(m)))
            _exit(1);
    }
    /* _exit: the parent's stdio buffers and atexit handlers are its own. */
    _exit(got == 0 ? 0 : 1);
}

/* ---- the parent's side ---- */

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

enum rp_status rp_batch_pool_start(struct rp_batch_pool **out, unsigned workers,
                                   rp_batch_do_fn fn, void *ctx, int private_fd,
                                   struct rp_error *err)
{
    struct rp_batch_pool *pool = rp_xcalloc(1, sizeof(*pool));
    int results[2] = {-1, -1};
    pid_t parent = getpid();
    unsigned i, j;

    *out = pool;
    pool->fn = fn;
    pool->ctx = ctx;
    pool->results_fd = -1;
    if (workers <= 1)
        return RP_OK;
    if (pipe(results) != 0)
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "cannot make a pipe for the workers: %s",
                            strerror(errno));
    /* A worker that died makes writing its job fail with EPIPE rather
     * than kill the run. */
    pool->old_sigpipe = signal(SIGPIPE, SIG_IGN);
    pool->workers = rp_xcalloc(workers, sizeof(*pool->workers));
    fflush(NULL);
    for (i = 0; i < workers; i++) {
        int jobs[2];
        pid_t pid;

        if (pipe(jobs) != 0)
            break;
        pid = fork();
        if (pid < 0) {
            close(jobs[0]);
            close(jobs[1]);
            break;
        }
        if (pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent)
                _exit(1);
            signal(SIGPIPE, SIG_DFL);
            close(jobs[1]);
            close(results[0]);
            if (private_fd >= 0)
                close(private_fd);
            for (j = 0; j < pool->n_workers; j++)
                close_fd(&pool->workers[j].jobs_fd);
            worker_main(pool, i, jobs[0], results[1]);
        }
        close(jobs[0]);
        pool->workers[i].pid = pid;
        pool->workers[i].jobs_fd = jobs[1];
        pool->n_workers++;
    }
    close(results[1]);
    pool->results_fd = results[0];
    if (pool->n_workers == 0)
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "cannot start a worker process: %s",
                            strerror(errno));
    if (pool->n_workers < workers)
        rp_log_warn("only %u of %u worker processes could be started: %s",
                    pool->n_workers, workers, strerror(errno));
    return RP_OK;
}

void rp_batch_pool_submit(struct rp_batch_pool *pool,
                          const struct rp_batch_job *job)
{
    rp_array_grow((void **)&pool->queue, &pool->cap, pool->n + 1,
                  sizeof(*pool->queue));
    pool->queue[pool->n++] = *job;
}

static void failed_outcome(const struct rp_batch_job *job,
                           struct rp_batch_outcome *o, const char *why)
{
    memset(o, 0, sizeof(*o));
    o->kind = job->kind;
    o->index = job->index;
    o->result = RP_BATCH_FAILED;
    rp_error_init(&o->err);
    rp_error_set(&o->err, RP_ERR_INTERNAL, NULL, 0, NULL, "%s", why);
}

/* Hands queued jobs to idle workers. */
static void dispatch(struct rp_batch_pool *pool)
{
    unsigned i;

    for (i = 0; i < pool->n_workers && pool->head < pool->n; i++) {
        struct worker *w = &pool->workers[i];
        const struct rp_batch_job *q = &pool->queue[pool->head];

        if (w->busy || w->jobs_fd < 0)
            continue;
        if (!write_all(w->jobs_fd, q, sizeof(*q))) {
            close_fd(&w->jobs_fd); /* dead: reaped in rp_batch_pool_next() */
            continue;
        }
        w->busy = true;
        w->job = *q;
        pool->head++;
    }
}

static bool any_busy(const struct rp_batch_pool *pool)
{
    unsigned i;

    for (i = 0; i < pool->n_workers; i++) {
        if (pool->workers[i].busy)
            return true;
    }
    return false;
}

static bool any_alive(const struct rp_batch_pool *pool)
{
    unsigned i;

    for (i = 0; i < pool->n_workers; i++) {
        if (pool->workers[i].pid > 0 && pool->workers[i].jobs_fd >= 0)
            return true;
    }
    return false;
}

/* A worker that is gone: its job failed, said why. */
static bool reap(struct rp_batch_pool *pool, struct rp_batch_outcome *o)
{
    unsigned i;

    for (i = 0; i < pool->n_workers; i++) {
        struct worker *w = &pool->workers[i];
        char why[200];
        int st;

        if (w->pid <= 0 || waitpid(w->pid, &st, WNOHANG) != w->pid)
            continue;
        w->pid = 0;
        close_fd(&w->jobs_fd);
        if (!w->busy)
            continue;
        w->busy = false;
        if (WIFSIGNALED(st))
            snprintf(why, sizeof(why),
                     "the worker process making it was killed by signal %d "
                     "(%s)",
                     WTERMSIG(st),
                     WTERMSIG(st) == SIGKILL ? "out of memory?" : "a crash");
        else
            snprintf(why, sizeof(why),
                     "the worker process making it exited with status %d",
                     WEXITSTATUS(st));
        failed_outcome(&w->job, o, why);
        return true;
    }
    return false;
}

bool rp_batch_pool_next(struct rp_batch_pool *pool, struct rp_batch_outcome *o)
{
    /* Cancelled: what is queued comes back failed, without running. */
    if (pool->cancelled && pool->head < pool->n) {
        failed_outcome(&pool->queue[pool->head++], o, pool->cancelled);
        o->result = RP_BATCH_NOT_ATTEMPTED;
        o->err.status = RP_ERR_INPUT;
        return true;
    }
    if (pool->n_workers == 0) {
        if (pool->head == pool->n)
            return false;
        memset(o, 0, sizeof(*o));
        pool->fn(pool->ctx, &pool->queue[pool->head++], o);
        return true;
    }
    for (;;) {
        struct pollfd p = {pool->results_fd, POLLIN, 0};
        struct msg m;
        int ready;

        dispatch(pool);
        if (!any_busy(pool) && (pool->head == pool->n || !any_alive(pool))) {
            /* Nobody left to make what is still queued. */
            if (pool->head < pool->n) {
                failed_outcome(&pool->queue[pool->head++], o,
                               "no worker process is left");
                return true;
            }
            return false;
        }
        ready = poll(&p, 1, 200);
        /* A dead worker's last messages come before its death is seen:
         * look for the dead only when nothing is left to read. */
        if (ready <= 0) {
            if (reap(pool, o))
                return true;
            continue;
        }
        if (read_all(pool->results_fd, &m, sizeof(m)) != 1)
            continue;
        if (m.type == MSG_LOG) {
            if (m.kind == RP_LOG_KIND_WARN)
                rp_log_warn("%s", m.u.text);
            else if (m.kind == RP_LOG_KIND_DEBUG)
                rp_log_debug("%s", m.u.text);
            else
                rp_log_info("%s", m.u.text);
            continue;
        }
        if (m.worker < pool->n_workers)
            pool->workers[m.worker].busy = false;
        *o = m.u.outcome;
        return true;
    }
}

size_t rp_batch_pool_cancel(struct rp_batch_pool *pool, const char *why)
{
    size_t left = pool->n - pool->head;

    pool->cancelled = why;
    return left;
}

void rp_batch_pool_finish(struct rp_batch_pool *pool)
{
    unsigned i;

    if (!pool)
        return;
    for (i = 0; i < pool->n_workers; i++)
        close_fd(&pool->workers[i].jobs_fd);
    for (i = 0; i < pool->n_workers; i++) {
        int st;
        if (pool->workers[i].pid > 0)
            while (waitpid(pool->workers[i].pid, &st, 0) < 0 && errno == EINTR)
                ;
    }
    if (pool->n_workers)
        signal(SIGPIPE, pool->old_sigpipe);
    close_fd(&pool->results_fd);
    free(pool->queue);
    free(pool->workers);
    free(pool);
}
