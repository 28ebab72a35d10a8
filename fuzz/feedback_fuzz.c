/*
 * libFuzzer target: bytes as a meeting feedback file (reportpipe
 * feedback), parsed as the workflow parses it; what it keeps is checked
 * against what the parser promises.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "workflow/workflow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rp_workflow_feedback_doc doc;
    struct rp_error err;
    size_t i;

    rp_error_init(&err);
    if (rp_workflow_feedback_parse("feedback.txt", (const char *)data, size,
                                   &doc, &err) == RP_OK) {
        if (!doc.text || (!doc.text[0] && !doc.n_followups) ||
            doc.n_followups > RP_WORKFLOW_MAX_FOLLOWUPS)
            abort();
        for (i = 0; i < doc.n_followups; i++) {
            const struct rp_workflow_followup_entry *f = &doc.followups[i];
            if (!f->what[0] || !f->owner[0] || strlen(f->due) != 10 ||
                strchr(f->what, '|') || strchr(f->owner, '|'))
                abort();
        }
    } else if (err.status != RP_ERR_INPUT) {
        abort();
    }
    rp_workflow_feedback_doc_release(&doc);
    return 0;
}
