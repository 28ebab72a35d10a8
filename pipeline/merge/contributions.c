/*
 * Contributors' narrative for an account, one contribution per kind: from
 * the workflow store (passed in the options) or from the file
 * <contributions>/<account-id>/<kind>.txt, a stored one taking precedence;
 * written as <para> elements.  A file that cannot be read (too long, not
 * UTF-8 text) costs only itself: it is left out with a warning naming it
 * and why, counted, and the document is built without it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "builder.h"
#include "common/log.h"
#include "common/hash.h"
#include "common/mem.h"

/* A contribution is a few pages of prose, not a data dump. */
#define MAX_CONTRIBUTION_BYTES ((size_t)256 << 10)

static const char *const contribution_kinds[] = {
    "executive-summary", "plan-next-year", "meeting-feedback",
    "support-commentary", NULL};
#define N_CONTRIBUTION_KINDS                                                   \
    (sizeof(contribution_kinds) / sizeof(contribution_kinds[0]) - 1)

const char *const *rp_merge_contribution_kinds(size_t *n)
{
    *n = N_CONTRIBUTION_KINDS;
    return contribution_kinds;
}

static const struct rp_merge_contribution *
stored_contribution(const struct rp_merge_options *opt, const char *account,
                    const char *kind)
{
    size_t i;

    for (i = 0; i < opt->n_contributions; i++) {
        const struct rp_merge_contribution *c = &opt->contributions[i];
        if (strcmp(c->account_id, account) == 0 && strcmp(c->kind, kind) == 0)
            return c;
    }
    return NULL;
}

/* An account id is used as a directory name only when it cannot climb. */
static bool safe_dir_name(const char *id)
{
    return id[0] && id[0] != '.' && !strchr(id, '/') && !strchr(id, '\\');
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Ends the paragraph collected in para (trailing space dropped). */
static void flush_paragraph(xmlNode *parent, char *para, size_t *len)
{
    while (*len && para[*len - 1] == ' ')
        (*len)--;
    if (*len == 0)
        return;
    para[*len] = '\0';
    rp_merge_add_text_node(parent, "para", para);
    *len = 0;
}

/* Paragraphs of plain text: a line holding only white space ends one;
 * the line breaks and runs of spaces inside a paragraph are the author's
 * wrapping, not meaning, and become single spaces. */
static void emit_paragraphs(xmlNode *parent, const char *text)
{
    /* Each line adds at most one space for its line break. */
    char *para = rp_xmalloc(strlen(text) + 2);
    const char *line = text;
    size_t len = 0;

    while (*line) {
        const char *eol = line + strcspn(line, "\n"), *q;
        bool blank = true;

        for (q = line; q < eol && blank; q++)
            blank = is_blank(*q);
        if (blank)
            flush_paragraph(parent, para, &len);
        for (q = line; q < eol && !blank; q++) {
            if (is_blank(*q) && (len == 0 || para[len - 1] == ' '))
                continue;
            para[len++] = is_blank(*q) ? ' ' : *q;
        }
        if (!blank && para[len - 1] != ' ')
            para[len++] = ' ';
        line = *eol ? eol + 1 : eol;
    }
    flush_paragraph(parent, para, &len);
    free(para);
}

static enum rp_status read_contribution(const char *path, char **out,
                                        struct rp_error *err)
{
    struct stat st;
    FILE *fp;
    char *text;
    size_t n;

    *out = NULL;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return RP_OK;
    if ((size_t)st.st_size > MAX_CONTRIBUTION_BYTES)
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "a contribution may hold at most %zu bytes",
                            MAX_CONTRIBUTION_BYTES);
    fp = fopen(path, "rb");
    if (!fp)
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "cannot open the file: %s", strerror(errno));
    text = rp_xmalloc(MAX_CONTRIBUTION_BYTES + 1);
    n = fread(text, 1, MAX_CONTRIBUTION_BYTES, fp);
    fclose(fp);
    text[n] = '\0';
    if (memchr(text, '\0', n)) {
        free(text);
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "the file holds a NUL byte: expected UTF-8 "
                            "text");
    }
    if (rp_merge_check_text(text, path, 0, NULL, err) != RP_OK) {
        free(text);
        return err->status;
    }
    *out = text;
    return RP_OK;
}

static enum rp_status check_stored(const struct rp_merge_contribution *c,
                                   const char *account_id, const char *kind,
                                   struct rp_error *err)
{
    if (strlen(c->text) > MAX_CONTRIBUTION_BYTES)
        return rp_error_set(err, RP_ERR_INPUT, NULL, 0, kind,
                            "the stored %s of %s holds more than %zu bytes",
                            kind, account_id, MAX_CONTRIBUTION_BYTES);
    return rp_merge_check_text(c->text, account_id, 0, kind, err);
}

/*
 * Reads every account's contributions (at prepare time, before any
 * document is written): a document is then made from memory only, in
 * whichever process makes it, and the counts are known once.  A stored
 * contribution that is too long or not text costs its account's review
 * (the error is kept and given when the account is written); a file that
 * cannot be read is left out with a warning.
 */
void rp_merge_read_contributions(struct rp_merge_builder *b)
{
    const char *dir = b->opt->contributions_dir;
    size_t i, k;

    b->texts = rp_xcalloc(b->data->n_accounts * N_CONTRIBUTION_KINDS + 1,
                          sizeof(*b->texts));
    for (i = 0; i < b->data->n_accounts; i++) {
        struct rp_merge_report *r = &b->reports[i];
        const struct rp_account *a = &b->data->accounts[r->account];

        for (k = 0; k < N_CONTRIBUTION_KINDS; k++) {
            struct rp_merge_text *t = &b->texts[i * N_CONTRIBUTION_KINDS + k];
            const struct rp_merge_contribution *c =
                stored_contribution(b->opt, a->id, contribution_kinds[k]);
            struct rp_error file_err;

            rp_error_init(&file_err);
            if (c) {
                if (check_stored(c, a->id, contribution_kinds[k], &file_err) !=
                        RP_OK &&
                    !r->error) {
                    r->error = rp_xmalloc(sizeof(*r->error));
                    *r->error = file_err;
                }
                t->stored = c;
                b->contributions += file_err.status == RP_OK;
                continue;
            }
            if (!dir || !safe_dir_name(a->id))
                continue;
            t->path = rp_xmalloc(strlen(dir) + strlen(a->id) +
                                 strlen(contribution_kinds[k]) + 8);
            sprintf(t->path, "%s/%s/%s.txt", dir, a->id, contribution_kinds[k]);
            if (read_contribution(t->path, &t->text, &file_err) != RP_OK) {
                char why[1200];
                rp_error_format(&file_err, why, sizeof(why));
                rp_log_warn("%s; this contribution is left out of the review "
                            "of %s",
                            why, a->id);
                b->contributions_failed++;
            }
            b->contributions += t->text != NULL;
        }
    }
}

void rp_merge_texts_release(struct rp_merge_builder *b)
{
    size_t i;

    if (!b->texts)
        return;
    for (i = 0; i < b->data->n_accounts * N_CONTRIBUTION_KINDS; i++) {
        free(b->texts[i].text);
        free(b->texts[i].path);
    }
    free(b->texts);
    b->texts = NULL;
}

/* The meeting's year and each follow-up's state: closing one, or one
 * falling overdue, changes the review. */
static void hash_followups(struct rp_sha256 *h,
                           const struct rp_merge_contribution *c)
{
    char number[64];
    size_t i;

    snprintf(number, sizeof(number), "%d/%zu", c->year, c->n_followups);
    rp_sha256_add_str(h, number);
    for (i = 0; i < c->n_followups; i++) {
        const struct rp_merge_followup *f = &c->followups[i];
        snprintf(number, sizeof(number), "%lld", (long long)f->id);
        rp_sha256_add_str(h, number);
        rp_sha256_add_str(h, f->what);
        rp_sha256_add_str(h, f->owner);
        rp_sha256_add_str(h, f->due);
        rp_sha256_add_str(h, f->status);
        rp_sha256_add_str(h, f->done_on ? f->done_on : "");
    }
}

void rp_merge_hash_contributions(struct rp_sha256 *h,
                                 const struct rp_merge_builder *b, size_t slot)
{
    size_t k;
    char when[32];

    /* An account whose contribution is refused has no document: what
     * made it so is fed too, so that mending it changes the digest. */
    rp_sha256_add_str(h, b->reports[slot].error ? "refused" : "");
    for (k = 0; k < N_CONTRIBUTION_KINDS; k++) {
        const struct rp_merge_text *t =
            &b->texts[slot * N_CONTRIBUTION_KINDS + k];

        rp_sha256_add_str(h, contribution_kinds[k]);
        if (t->stored) {
            snprintf(when, sizeof(when), "%lld",
                     (long long)t->stored->submitted);
            rp_sha256_add_str(h, "stored");
            rp_sha256_add_str(h, t->stored->author);
            rp_sha256_add_str(h, when);
            rp_sha256_add_str(h, t->stored->text);
            hash_followups(h, t->stored);
        } else if (t->text) {
            rp_sha256_add_str(h, "file");
            rp_sha256_add_str(h, t->path);
            rp_sha256_add_str(h, t->text);
        } else {
            rp_sha256_add_str(h, "none");
        }
    }
}

enum rp_status rp_merge_emit_contributions(xmlNode *acc,
                                           struct rp_merge_builder *b,
                                           const struct rp_merge_report *r,
                                           struct rp_error *err)
{
    xmlNode *parent = rp_merge_add_node(acc, "contributions"), *n;
    size_t slot = (size_t)(r - b->reports), k;

    if (r->error) {
        *err = *r->error;
        return err->status;
    }
    for (k = 0; k < N_CONTRIBUTION_KINDS; k++) {
        const struct rp_merge_text *t =
            &b->texts[slot * N_CONTRIBUTION_KINDS + k];

        if (t->stored) {
            n = rp_merge_add_node(parent, "contribution");
            rp_merge_set_attr(n, "kind", contribution_kinds[k]);
            rp_merge_set_attr(n, "author", t->stored->author);
            rp_merge_set_time(n, "submitted", t->stored->submitted);
            if (t->stored->year) {
                char year[16];
                snprintf(year, sizeof(year), "%d", t->stored->year);
                rp_merge_set_attr(n, "year", year);
            }
            emit_paragraphs(n, t->stored->text);
            for (size_t i = 0; i < t->stored->n_followups; i++)
                rp_merge_emit_followup(n, &t->stored->followups[i]);
        } else if (t->text) {
            n = rp_merge_add_node(parent, "contribution");
            rp_merge_set_attr(n, "kind", contribution_kinds[k]);
            rp_merge_set_attr(n, "file", t->path);
            emit_paragraphs(n, t->text);
        }
    }
    return RP_OK;
}
