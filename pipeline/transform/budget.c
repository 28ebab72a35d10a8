/*
 * The budget of one transform (budget.h).  WITH_DEBUGGER before any
 * libxslt header: it only declares the debugger hooks, which the Debian
 * build of libxslt has.
 */
#define WITH_DEBUGGER
#include "budget.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xpath.h>
#include <libxslt/xsltutils.h>

#include "common/log.h"

/* The clock is read once per this many instructions: cheap enough to
 * vanish in the cost of an instruction, often enough for a timely stop. */
#define CLOCK_EVERY 64u

/* The budget of the transform running on this thread, for the hooks,
 * which libxslt calls without a context of ours. */
static _Thread_local struct rp_budget *current;

static bool past(const struct timespec *now, const struct timespec *when)
{
    return now->tv_sec > when->tv_sec ||
           (now->tv_sec == when->tv_sec && now->tv_nsec >= when->tv_nsec);
}

static double seconds_between(const struct timespec *a,
                              const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) +
           (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/*
 * Stops the transform from the thread that runs it.  libxslt checks the
 * state before each sequence constructor; lowering both operation limits
 * to what has been counted also ends the loop or the XPath expression in
 * progress at its next step, rather than when it would have finished.
 */
static void stop(xsltTransformContext *ctxt)
{
    xmlXPathContext *xp = ctxt->xpathCtxt;

    ctxt->state = XSLT_STATE_STOPPED;
    ctxt->opLimit = ctxt->opCount > 0 ? ctxt->opCount : 1;
    if (xp)
        xp->opLimit = xp->opCount > 0 ? xp->opCount : 1;
}

/* A limit of ours was hit.  Only the first counts: once libxslt stops,
 * for our reason or its own, what happens while it unwinds is no news. */
static void hit(struct rp_budget *b, enum rp_budget_cause cause)
{
    if (b->cause != RP_BUDGET_OK || b->ctxt->state != XSLT_STATE_OK)
        return;
    b->cause = cause;
    stop(b->ctxt);
}

static void check_clock(struct rp_budget *b)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    if (past(&now, &b->deadline))
        hit(b, RP_BUDGET_TIME);
}

/* ---- the hooks ---- */

/* Called by libxslt before each instruction and each template body. */
static void on_instruction(xmlNode *cur, xmlNode *node, xsltTemplate *templ,
                           xsltTransformContext *ctxt)
{
    struct rp_budget *b = current;

    (void)node;
    if (!b || b->ctxt != ctxt || ctxt->state != XSLT_STATE_OK)
        return;
    b->templ = templ ? templ : ctxt->templ;
    b->inst = cur;
    if (ctxt->depth > b->max_depth)
        b->max_depth = ctxt->depth;
    if (ctxt->varsNr > b->max_vars)
        b->max_vars = ctxt->varsNr;
    if (++b->hook_calls % CLOCK_EVERY == 0)
        check_clock(b);
}

/* The debugger's call stack is not ours to keep: no frame, so libxslt
 * never calls on_drop_call. */
static int on_add_call(xsltTemplate *templ, xmlNode *source)
{
    (void)templ;
    (void)source;
    return 0;
}

static void on_drop_call(void)
{
}

static void on_over(void *ctx)
{
    hit(ctx, RP_BUDGET_MEMORY);
}

static void on_tick(void *ctx)
{
    check_clock(ctx);
}

/* libxslt's callbacks are process-wide; they act only on a context
 * whose budget is current on the calling thread. */
static void install_hooks(void)
{
    struct {
        xsltHandleDebuggerCallback handler;
        xsltAddCallCallback add;
        xsltDropCallCallback drop;
    } hooks = {on_instruction, on_add_call, on_drop_call};

    if (xsltSetDebuggerCallbacks(3, &hooks) != 0)
        rp_log_warn("libxslt refused the instruction hook: a transform's "
                    "time limit is checked only when it allocates memory");
}

void rp_budget_start(struct rp_budget *b,
                     const struct rp_transform_limits *limits,
                     xsltTransformContext *ctxt)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    memset(b, 0, sizeof(*b));
    if (limits)
        b->limits = *limits;
    else
        rp_transform_limits_init(&b->limits, NULL);
    b->ctxt = ctxt;
    pthread_once(&once, install_hooks);

    ctxt->maxTemplateDepth = (int)b->limits.template_depth;
    ctxt->maxTemplateVars = (int)b->limits.variables;
    ctxt->opLimit = (unsigned long)b->limits.xpath_operations;
    if (ctxt->xpathCtxt) {
        ctxt->xpathCtxt->opLimit = (unsigned long)b->limits.xpath_operations;
        ctxt->xpathCtxt->opCount = 0;
    }
    /* Any status but NONE, RUN_RESTART and QUIT calls the hooks and
     * changes nothing else: the shipped templates' FO is byte-identical
     * with and without it. */
    ctxt->debugStatus = XSLT_DEBUG_CONT;

    b->mem.budget = (size_t)b->limits.memory_mb << 20;
    b->mem.over = on_over;
    b->mem.tick = on_tick;
    b->mem.ctx = b;
    clock_gettime(CLOCK_MONOTONIC, &b->started);
    b->deadline = b->started;
    b->deadline.tv_sec += (time_t)b->limits.seconds;
    b->outer = current;
    current = b;
    rp_xmlmem_watch_begin(&b->mem);
}

void rp_budget_stop(struct rp_budget *b)
{
    struct timespec now;

    rp_xmlmem_watch_end(&b->mem);
    current = b->outer;
    b->outer = NULL;
    clock_gettime(CLOCK_MONOTONIC, &now);
    b->seconds = seconds_between(&b->started, &now);
    b->peak_bytes = b->mem.peak;
    b->instructions = b->ctxt->opCount;
    b->xpath_ops = b->ctxt->xpathCtxt ? b->ctxt->xpathCtxt->opCount : 0;
    b->ctxt->debugStatus = XSLT_DEBUG_NONE;
    rp_log_debug("transform: %.2f s, %.1f MB, %lu XPath operations, %lu "
                 "instructions, nested %d deep, %d variables at most",
                 b->seconds, (double)b->peak_bytes / (1 << 20), b->xpath_ops,
                 b->instructions, b->max_depth, b->max_vars);
}

/* ---- the error ---- */

/* What a limit was hit by, from the counts and libxslt's messages when
 * the budget did not stop the transform itself. */
static enum rp_budget_cause cause_of(const struct rp_budget *b,
                                     const char *messages)
{
    unsigned long ops = (unsigned long)b->limits.xpath_operations;

    if (b->cause != RP_BUDGET_OK)
        return b->cause;
    if (b->xpath_ops >= ops)
        return RP_BUDGET_XPATH_OPS;
    if (b->instructions >= ops)
        return RP_BUDGET_INSTRUCTIONS;
    /* libxslt's own limits leave no trace but their messages ("You can
     * adjust xsltMaxDepth", "You can adjust maxTemplateVars"). */
    if (messages && strstr(messages, "xsltMaxDepth"))
        return RP_BUDGET_DEPTH;
    if (messages && strstr(messages, "maxTemplateVars"))
        return RP_BUDGET_VARIABLES;
    if (b->mem.exceeded)
        return RP_BUDGET_MEMORY;
    return RP_BUDGET_OK;
}

/* "template "name"", "template match="pattern" mode="m"" or "the
 * stylesheet" (top-level variables run outside any template). */
static void describe(const xsltTemplate *t, char *buf, size_t size)
{
    if (t && t->name)
        snprintf(buf, size, "template \"%s\"", (const char *)t->name);
    else if (t && t->match && t->mode)
        snprintf(buf, size, "template match=\"%s\" mode=\"%s\"",
                 (const char *)t->match, (const char *)t->mode);
    else if (t && t->match)
        snprintf(buf, size, "template match=\"%s\"", (const char *)t->match);
    else
        snprintf(buf, size, "the stylesheet");
}

enum rp_status rp_budget_check(const struct rp_budget *b,
                               const char *sheet_path, const char *messages,
                               struct rp_error *err)
{
    static const struct {
        enum rp_limit limit;
        const char *what; /* takes the limit's value */
    } says[] = {
        [RP_BUDGET_TIME] = {RP_LIMIT_SECONDS,
                            "it ran longer than the %lld s limit"},
        [RP_BUDGET_MEMORY] = {RP_LIMIT_MEMORY,
                              "it needed more than the %lld MB memory limit"},
        [RP_BUDGET_XPATH_OPS] = {RP_LIMIT_XPATH_OPERATIONS,
                                 "it took more than the %lld XPath "
                                 "operations allowed"},
        [RP_BUDGET_INSTRUCTIONS] = {RP_LIMIT_XPATH_OPERATIONS,
                                    "it executed more than the %lld "
                                    "instructions allowed"},
        [RP_BUDGET_DEPTH] = {RP_LIMIT_TEMPLATE_DEPTH,
                             "templates nested more than %lld deep "
                             "(an endless recursion?)"},
        [RP_BUDGET_VARIABLES] = {RP_LIMIT_VARIABLES,
                                 "more than %lld variables and parameters "
                                 "were live at once (an endless recursion?)"},
    };
    enum rp_budget_cause cause = cause_of(b, messages);
    const xsltTemplate *t = b->templ;
    const xmlNode *where = t && t->elem ? t->elem : b->inst;
    const char *file = sheet_path;
    char who[300], what[200];
    long long value;

    if (cause == RP_BUDGET_OK)
        return RP_OK;
    /* A template from an included stylesheet is named in its own file. */
    if (where && where->doc && where->doc->URL)
        file = (const char *)where->doc->URL;
    describe(t, who, sizeof(who));
    value = (long long)rp_limit_value(&b->limits, says[cause].limit);
    /* The format comes from the table above, never from outside. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(what, sizeof(what), says[cause].what, value);
#pragma GCC diagnostic pop
    return rp_error_set(
        err, RP_ERR_INPUT, file, where ? xmlGetLineNo(where) : 0, NULL,
        "%s stopped: %s (%s: <transform %s=\"%lld\">)", who, what,
        b->limits.file, rp_limit_attr(says[cause].limit), value);
}
