/*
 * Per request: the store opened with no actor (the workflow then refuses
 * every act), the session cookie checked, and the person it belongs to
 * named as the actor with where the request came from; the renderer set
 * up as the command line sets it up (cli/workflow.c), for the acts that
 * make documents.  The CRM's account list for the sales reps' request
 * form is read once, under the server's lock.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/mem.h"

/*
 * One act that renders at a time: the import, merge, XSLT and layout of a
 * draft or a final are heavy, and the store's write lock would otherwise
 * be held by several of them in turn anyway.
 */
static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;

int web_open(struct web_request *rq, struct web_response *rs)
{
    const struct web_server *srv = rq->srv;
    struct rp_workflow_options o;
    struct rp_workflow_session session;
    struct rp_error err;
    size_t n;

    memset(&o, 0, sizeof(o));
    o.db_path = srv->db_path;
    o.people_path = srv->people_path;
    o.config_dir = srv->o->batch->merge.config_dir;
    o.output_dir = srv->o->batch->output;
    o.login = NULL;
    o.via = rq->via;
    o.now = rq->now;
    o.sections = rp_merge_contribution_kinds(&n);
    rp_error_init(&err);
    if (rp_workflow_open(&o, &rq->wf, &err) != RP_OK) {
        rq->wf = NULL;
        web_error_page(rq, rs, &err);
        return -1;
    }
    if (!rq->session_cookie[0])
        return 0;
    rp_error_init(&err);
    memset(&session, 0, sizeof(session));
    if (rp_workflow_session_check(rq->wf, rq->session_cookie, &session, &err) !=
        RP_OK) {
        if (err.status != RP_ERR_REFUSED) {
            web_error_page(rq, rs, &err);
            return -1;
        }
        return 0;
    }
    rq->person = session.person;
    snprintf(rq->csrf, sizeof(rq->csrf), "%s", session.csrf);
    rp_workflow_set_actor(rq->wf, session.person->login, rq->via);
    return 1;
}

enum rp_status web_renderer(struct web_request *rq,
                            const struct rp_workflow_renderer **r,
                            struct rp_error *err)
{
    enum rp_status status;

    if (!rq->bw_ready) {
        rq->batch = *rq->srv->o->batch;
        rq->batch.created = rq->now;
        rq->batch.merge.generated = rq->now;
        status = rp_batch_workflow_init(&rq->bw, &rq->batch, rq->wf, err);
        if (status != RP_OK)
            return status;
        rq->bw_ready = 1;
    }
    *r = &rq->bw.renderer;
    return RP_OK;
}

void web_render_lock(void)
{
    pthread_mutex_lock(&render_lock);
}

void web_render_unlock(void)
{
    pthread_mutex_unlock(&render_lock);
}

/* Reads the accounts through the renderer's import (asking for one
 * account imports them all). */
static void read_accounts(struct web_request *rq)
{
    struct web_server *srv = rq->srv;
    const struct rp_workflow_renderer *r;
    struct rp_workflow_account acc;
    struct rp_error err;
    size_t i;

    rp_error_init(&err);
    if (web_renderer(rq, &r, &err) != RP_OK) {
        char why[2048];
        rp_error_format(&err, why, sizeof(why));
        rp_log_warn("web: the accounts cannot be read: %s", why);
        return;
    }
    (void)r->account(r->ctx, "", &acc, &err);
    if (!rq->bw.imported)
        return;
    srv->accounts =
        rp_xcalloc(rq->bw.data.n_accounts + 1, sizeof(*srv->accounts));
    for (i = 0; i < rq->bw.data.n_accounts; i++) {
        const struct rp_account *a = &rq->bw.data.accounts[i];
        srv->accounts[i].id = rp_xstrdup(a->id);
        srv->accounts[i].name = rp_xstrdup(a->name ? a->name : "");
        srv->accounts[i].owner = rp_xstrdup(a->owner ? a->owner : "");
        srv->accounts[i].tier = rp_xstrdup(a->tier ? a->tier : "");
        srv->accounts[i].country = rp_xstrdup(a->country ? a->country : "");
    }
    srv->n_accounts = rq->bw.data.n_accounts;
}

const struct web_account *web_accounts(struct web_request *rq, size_t *n)
{
    struct web_server *srv = rq->srv;

    pthread_mutex_lock(&srv->lock);
    if (!srv->accounts_read) {
        web_render_lock();
        read_accounts(rq);
        web_render_unlock();
        srv->accounts_read = 1;
    }
    pthread_mutex_unlock(&srv->lock);
    *n = srv->n_accounts;
    return srv->accounts;
}

const struct web_account *web_account_by_id(struct web_request *rq,
                                            const char *id)
{
    size_t i, n;
    const struct web_account *a = web_accounts(rq, &n);

    for (i = 0; id && i < n; i++) {
        if (strcmp(a[i].id, id) == 0)
            return &a[i];
    }
    return NULL;
}

int web_person_approves(struct web_request *rq,
                        const struct rp_workflow_person *p, const char *id)
{
    const struct web_account *a;
    struct rp_workflow_account acc;

    if (!p || !(p->roles & RP_WORKFLOW_APPROVER))
        return 0;
    a = web_account_by_id(rq, id);
    memset(&acc, 0, sizeof(acc));
    acc.id = id;
    if (a) {
        acc.name = a->name;
        acc.tier = a->tier;
        acc.owner = a->owner;
        acc.country = a->country;
    }
    return rp_workflow_person_approves(p, &acc);
}
