/*
 * The status report's data is checked against the schema in a child
 * process while the report is rendered from it.  libxml2's RELAX NG
 * takes seconds over a portfolio's summary (about two at 1,000 accounts)
 * and rendering the report about as long: each gets a core, and the
 * report is published only once the check has passed.
 *
 * The child only reads the document it inherited and writes one
 * struct rp_error (smaller than PIPE_BUF, so written at once) to a pipe.
 * Accounts whose part passed an earlier run's check with the same inputs
 * are left out (known): after one ticket changed, the check is of that
 * account, the program's figures and the unmatched tickets.
 */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/xpath.h>

#include "common/log.h"
#include "internal.h"
#include "merge/merge.h"

enum rp_status rp_batch_check_start(struct rp_batch_check *c, xmlDoc *doc,
                                    const char *schema_path, const bool *known,
                                    size_t n_known, struct rp_error *err)
{
    int fds[2];
    pid_t pid;

    c->pid = -1;
    c->fd = -1;
    /* The transform orders the document's elements first thing, writing
     * to every element: done here, before the fork, that costs no page
     * copied between the two processes (libxslt does not do it again). */
    if (xmlXPathOrderDocElems(doc) < 0)
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "cannot order the elements of the document");
    if (pipe(fds) != 0)
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "cannot make a pipe: %s", strerror(errno));
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "cannot start the schema check: %s",
                            strerror(errno));
    }
    if (pid == 0) {
        struct rp_error e;
        ssize_t n;

        close(fds[0]);
        rp_error_init(&e);
        /* e carries the verdict, RP_OK or the error. */
        if (rp_merge_validate_some(doc, schema_path, known, n_known, &e) ==
            RP_OK)
            e.status = RP_OK;
        n = write(fds[1], &e, sizeof(e));
        _exit(n == (ssize_t)sizeof(e) ? 0 : 1);
    }
    close(fds[1]);
    c->pid = pid;
    c->fd = fds[0];
    return RP_OK;
}

enum rp_status rp_batch_check_finish(struct rp_batch_check *c,
                                     struct rp_error *err)
{
    struct rp_error e;
    ssize_t n;
    int ws = 0;

    if (c->pid < 0)
        return RP_OK;
    do
        n = read(c->fd, &e, sizeof(e));
    while (n < 0 && errno == EINTR);
    close(c->fd);
    while (waitpid(c->pid, &ws, 0) < 0 && errno == EINTR)
        ;
    c->pid = -1;
    c->fd = -1;
    if (n != (ssize_t)sizeof(e))
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "the schema check ended without a verdict (%s)",
                            WIFSIGNALED(ws) ? strsignal(WTERMSIG(ws))
                                            : "no answer");
    e.file[sizeof(e.file) - 1] = '\0';
    e.field[sizeof(e.field) - 1] = '\0';
    e.message[sizeof(e.message) - 1] = '\0';
    if (e.status != RP_OK)
        *err = e;
    return e.status;
}
