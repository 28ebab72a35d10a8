/*
 * OUTPUT/run-summary.json (internal.h): what a run did, for operators and
 * their scripts (docs/operations.md, "After a failure").  Written when a
 * run starts to change the output and again last, atomically, so a run
 * killed in between leaves a summary that says the set is not complete.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "common/file.h"
#include "common/json.h"
#include "common/version.h"

static const char *status_word(enum rp_status s)
{
    switch (s) {
    case RP_OK:
        return "ok";
    case RP_ERR_INPUT:
        return "input";
    case RP_ERR_USAGE:
        return "usage";
    case RP_ERR_INTERNAL:
        return "internal";
    case RP_ERR_REFUSED:
        return "refused";
    case RP_ERR_BUSY:
        return "busy";
    }
    return "internal";
}

enum rp_status rp_batch_summary_write(
    const struct rp_batch_options *o, const struct rp_batch_summary *s,
    const struct rp_batch_record *docs, size_t n_docs,
    const struct rp_batch_progress *p,
    const struct rp_batch_failed_files *files, const struct rp_merge_stats *m,
    const struct rp_batch_stage_times *t, enum rp_status overall,
    bool unchanged, struct rp_error *err)
{
    char *path = rp_batch_path(o->output, "run-summary.json");
    bool complete = overall == RP_OK ||
                    (overall == RP_ERR_INPUT && !s->files_failed &&
                     !s->reviews_failed && (s->report_done || o->n_only));
    struct rp_outfile out;
    enum rp_status status;
    size_t i;
    FILE *fp;

    status = rp_outfile_open(&out, path, err);
    free(path);
    if (status != RP_OK)
        return status;
    fp = out.fp;
    fprintf(fp, "{\n  \"program\": \"reportpipe %s\",\n", RP_VERSION);
    fprintf(fp, "  \"finished\": %lld,\n", (long long)time(NULL));
    fprintf(fp, "  \"complete\": %s,\n", complete ? "true" : "false");
    fprintf(fp, "  \"status\": \"%s\",\n", status_word(overall));
    fprintf(fp, "  \"unchanged\": %s,\n", unchanged ? "true" : "false");
    fprintf(fp, "  \"stages\": {\n");
    fprintf(fp,
            "    \"import\": {\"seconds\": %.3f, \"files\": %zu, "
            "\"files_failed\": %zu, \"rows_rejected\": %zu},\n",
            t->import, files ? files->n_files : 0, s->files_failed,
            s->rows_rejected);
    fprintf(fp,
            "    \"merge\": {\"seconds\": %.3f, \"accounts\": %zu, "
            "\"tickets\": %zu, \"tickets_unmatched\": %zu, "
            "\"contributions\": %zu, \"contributions_failed\": %zu},\n",
            t->merge, m ? m->accounts : 0, m ? m->tickets : 0,
            m ? m->tickets_unmatched : 0, m ? m->contributions : 0,
            s->contributions_failed);
    fprintf(fp,
            "    \"render\": {\"seconds\": %.3f, \"documents\": %zu, "
            "\"built\": %zu, \"skipped\": %zu, \"failed\": %zu, "
            "\"removed\": %zu, \"review_pages\": %d, \"report_pages\": %d}\n",
            t->render, n_docs, p->built, p->skipped, p->failed,
            s->reviews_removed, s->review_pages, s->report_pages);
    fprintf(fp, "  },\n  \"seconds\": %.3f,\n", t->total);
    /* The full list of unmatched tickets, beside the status report. */
    if (s->unmatched_csv)
        fprintf(fp, "  \"unmatched_csv\": {\"path\": \"%s\", \"rows\": %zu},\n",
                RP_BATCH_UNMATCHED_CSV, s->unmatched_rows);
    fprintf(fp, "  \"files\": [");
    for (i = 0; files && i < files->n_files; i++) {
        const struct rp_batch_file_report *f = &files->files[i];
        fprintf(fp, "%s\n    {\"path\": ", i ? "," : "");
        rp_json_string(fp, f->path);
        if (f->failed) {
            fprintf(fp, ", \"read\": false, \"why\": ");
            rp_json_string(fp, f->why);
        } else {
            fprintf(fp, ", \"read\": true, \"profile\": ");
            rp_json_string(fp, f->stats.profile);
            fprintf(fp,
                    ", \"rows_read\": %zu, \"rows_accepted\": %zu, "
                    "\"rows_rejected\": %zu, \"rows_footer\": %zu, "
                    "\"rejects\": ",
                    f->stats.rows_read, f->stats.rows_accepted,
                    f->stats.rows_rejected, f->stats.rows_footer);
            rp_json_string(fp, f->stats.rejects_path);
        }
        fputc('}', fp);
    }
    fprintf(fp, "%s],\n  \"documents\": [",
            files && files->n_files ? "\n  " : "");
    for (i = 0; i < n_docs; i++) {
        const struct rp_batch_record *d = &docs[i];
        fprintf(fp, "%s\n    {\"document\": ", i ? "," : "");
        rp_json_string(fp, d->document);
        if (d->account) {
            fprintf(fp, ", \"account\": ");
            rp_json_string(fp, d->account);
        }
        fprintf(fp, ", \"result\": \"%s\", \"pages\": %d, \"seconds\": %.3f",
                d->result, d->pages, d->seconds);
        if (d->why) {
            fprintf(fp, ", \"why\": ");
            rp_json_string(fp, d->why);
        }
        fputc('}', fp);
    }
    fprintf(fp, "%s]\n}\n", n_docs ? "\n  " : "");
    return rp_outfile_commit(&out, err);
}

enum rp_status rp_batch_summary_running(const struct rp_batch_options *o,
                                        struct rp_error *err)
{
    char *path = rp_batch_path(o->output, "run-summary.json");
    struct rp_outfile out;
    enum rp_status status;

    status = rp_outfile_open(&out, path, err);
    free(path);
    if (status != RP_OK)
        return status;
    fprintf(out.fp,
            "{\n  \"program\": \"reportpipe %s\",\n  \"started\": %lld,\n"
            "  \"complete\": false,\n  \"status\": \"running\",\n"
            "  \"pid\": %ld\n}\n",
            RP_VERSION, (long long)time(NULL), (long)getpid());
    return rp_outfile_commit(&out, err);
}
