/*
 * The rejects file of one import: every row that did not make it, with its
 * line, the field at fault and why, followed by the row as it was, so a
 * user can fix the export and nothing is lost silently.  It is opened at
 * the first reject and put in place only when the import completes.
 */
#include "import/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/mem.h"

void rp_import_rejects_init(struct rp_import_rejects *rej, const char *path)
{
    memset(rej, 0, sizeof(*rej));
    rej->path = path ? rp_xstrdup(path) : NULL;
}

void rp_import_rejects_release(struct rp_import_rejects *rej)
{
    if (rej->open)
        rp_outfile_abort(&rej->out);
    free(rej->path);
    memset(rej, 0, sizeof(*rej));
}

static void write_fields(FILE *fp, const struct rp_csv_record *rec)
{
    size_t i;

    for (i = 0; i < rec->n_fields; i++) {
        putc(',', fp);
        rp_csv_write_field(fp, rec->fields[i], rec->lens[i]);
    }
    putc('\n', fp);
}

enum rp_status rp_import_rejects_add(struct rp_import_rejects *rej,
                                     const struct rp_csv_record *header,
                                     const struct rp_csv_record *rec,
                                     const char *field, const char *reason,
                                     struct rp_error *err)
{
    enum rp_status status;
    FILE *fp;

    rej->count++;
    if (!rej->path)
        return RP_OK;
    if (!rej->open) {
        status = rp_outfile_open(&rej->out, rej->path, err);
        if (status != RP_OK)
            return status;
        rej->open = true;
        fputs("line,field,reason", rej->out.fp);
        write_fields(rej->out.fp, header);
    }
    fp = rej->out.fp;
    fprintf(fp, "%ld,", rec->line);
    rp_csv_write_field(fp, field, strlen(field));
    putc(',', fp);
    rp_csv_write_field(fp, reason, strlen(reason));
    write_fields(fp, rec);
    return RP_OK;
}

enum rp_status rp_import_rejects_commit(struct rp_import_rejects *rej,
                                        struct rp_error *err)
{
    enum rp_status status = RP_OK;

    if (rej->open) {
        rej->open = false;
        return rp_outfile_commit(&rej->out, err);
    }
    /* A rejects file from an earlier run would describe rows since fixed. */
    if (rej->path && unlink(rej->path) != 0 && errno != ENOENT)
        status = rp_error_set(err, RP_ERR_INPUT, rej->path, 0, NULL,
                              "cannot remove the stale rejects file: %s",
                              strerror(errno));
    return status;
}

char *rp_import_rejects_path(const char *input, const char *rejects_dir)
{
    const char *slash = strrchr(input, '/');
    const char *base = slash ? slash + 1 : input;
    size_t base_len = strlen(base), dir_len, size;
    char *path;

    if (base_len > 4 && strcasecmp(base + base_len - 4, ".csv") == 0)
        base_len -= 4;
    if (rejects_dir) {
        dir_len = strlen(rejects_dir);
        while (dir_len > 1 && rejects_dir[dir_len - 1] == '/')
            dir_len--;
    } else {
        rejects_dir = input;
        dir_len = slash ? (size_t)(slash - input) : 0;
        if (slash == input)
            dir_len = 1; /* a file in / */
    }
    size = dir_len + base_len + sizeof("/.rejects.csv");
    path = rp_xmalloc(size);
    if (dir_len == 0)
        snprintf(path, size, "%.*s.rejects.csv", (int)base_len, base);
    else if (dir_len == 1 && rejects_dir[0] == '/')
        snprintf(path, size, "/%.*s.rejects.csv", (int)base_len, base);
    else
        snprintf(path, size, "%.*s/%.*s.rejects.csv", (int)dir_len, rejects_dir,
                 (int)base_len, base);
    return path;
}
