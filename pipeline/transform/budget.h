/*
 * The budget of one transform (internal to the transform stage): what
 * struct rp_transform_limits allows, enforced on a libxslt transform
 * context, and the error that names the template that went over.
 *
 * libxslt counts template nesting, live variables and, in 1.1.35,
 * executed instructions (ctxt->opLimit); libxml2 counts XPath steps
 * (xmlXPathContext.opLimit).  Neither has a clock or a memory limit:
 * memory is counted by the allocator (common/xmlmem.h), and the clock is
 * looked at from two places that run on the transforming thread often,
 * libxslt's debugger hook (once per instruction) and the allocator (once
 * per RP_XMLMEM_TICK allocations), which covers template loops and long
 * XPath expressions alike.  A limit that is hit stops the transform from
 * that same thread: ctxt->state = XSLT_STATE_STOPPED, so libxslt unwinds
 * as after any error, and libxml2's XPath operation limit is lowered to
 * what has been counted, so a long expression ends at its next step.
 * Nothing is done from a signal handler or another thread, so nothing
 * races with libxslt.
 */
#ifndef RP_TRANSFORM_BUDGET_H
#define RP_TRANSFORM_BUDGET_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <libxslt/xsltInternals.h>

#include "common/error.h"
#include "common/xmlmem.h"
#include "transform.h"

/* The limits, in the order of the table in limits.c. */
enum rp_limit {
    RP_LIMIT_SECONDS,
    RP_LIMIT_MEMORY,
    RP_LIMIT_XPATH_OPERATIONS,
    RP_LIMIT_TEMPLATE_DEPTH,
    RP_LIMIT_VARIABLES,
    RP_LIMIT_COUNT
};

/* The attribute of <transform> in limits.xml that sets a limit, and its
 * value in l. */
const char *rp_limit_attr(enum rp_limit which);
int64_t rp_limit_value(const struct rp_transform_limits *l,
                       enum rp_limit which);

/* What stopped a transform. */
enum rp_budget_cause {
    RP_BUDGET_OK,
    RP_BUDGET_TIME,
    RP_BUDGET_MEMORY,
    RP_BUDGET_XPATH_OPS,    /* libxml2's count of XPath steps */
    RP_BUDGET_INSTRUCTIONS, /* libxslt's count of instructions */
    RP_BUDGET_DEPTH,
    RP_BUDGET_VARIABLES,
};

struct rp_budget {
    struct rp_transform_limits limits;
    xsltTransformContext *ctxt;
    struct rp_xmlmem_watch mem;
    struct timespec started, deadline;
    unsigned hook_calls;
    bool hooked; /* the debugger hook is on for ctxt */
    enum rp_budget_cause cause;
    /* The template and instruction that ran last before a limit was hit
     * (frozen once ctxt stops); NULL when none. */
    xsltTemplate *templ;
    xmlNode *inst;
    /* What the transform took, for the debug log and the tests. */
    int max_depth, max_vars;
    double seconds;
    size_t peak_bytes;
    unsigned long xpath_ops, instructions;
    struct rp_budget *outer;
};

/*
 * Sets ctxt's limits from limits (NULL: the defaults) and starts the
 * clock and the memory count on the calling thread, which must be the
 * one that runs the transform, right before xsltApplyStylesheetUser().
 */
void rp_budget_start(struct rp_budget *b,
                     const struct rp_transform_limits *limits,
                     xsltTransformContext *ctxt);

/* Ends the count, right after the transform, on the same thread; ctxt
 * must still exist. */
void rp_budget_stop(struct rp_budget *b);

/*
 * RP_OK when the transform kept within its budget.  Otherwise
 * RP_ERR_INPUT naming the template's file (the stylesheet sheet_path, or
 * the included one it comes from) and line, the limit and the setting
 * that raises it.  messages is what libxslt reported, where its own
 * nesting and variable limits leave their only trace.
 */
enum rp_status rp_budget_check(const struct rp_budget *b,
                               const char *sheet_path, const char *messages,
                               struct rp_error *err) RP_MUST_CHECK;

#endif
