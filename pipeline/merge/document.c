/*
 * The review-data document under construction: elements and attributes
 * in the formats of the contract (metrics.h prints the numbers), and
 * <sources>, the files that every record element's src= points into.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "common/mem.h"

/* Records may leave strings NULL; the document treats them as "". */
const char *rp_merge_str(const char *s)
{
    return s ? s : "";
}

/* libxml2 returns NULL only when out of memory, which mem.h treats as
 * fatal everywhere; checking here keeps the builders below readable. */
void *rp_merge_must(void *p)
{
    if (!p) {
        fputs("reportpipe: out of memory (building review data)\n", stderr);
        abort();
    }
    return p;
}

xmlNode *rp_merge_add_node(xmlNode *parent, const char *name)
{
    return rp_merge_must(xmlNewChild(parent, NULL, BAD_CAST name, NULL));
}

/* xmlNewTextChild escapes; xmlNewChild would read & as an entity. */
xmlNode *rp_merge_add_text_node(xmlNode *parent, const char *name,
                                const char *text)
{
    return rp_merge_must(xmlNewTextChild(parent, NULL, BAD_CAST name,
                                         BAD_CAST rp_merge_str(text)));
}

void rp_merge_set_attr(xmlNode *node, const char *name, const char *value)
{
    rp_merge_must(
        xmlNewProp(node, BAD_CAST name, BAD_CAST rp_merge_str(value)));
}

/* Absent when empty: for optional text of the newer record kinds. */
void rp_merge_set_opt_attr(xmlNode *node, const char *name, const char *value)
{
    if (value && value[0])
        rp_merge_set_attr(node, name, value);
}

void rp_merge_set_size(xmlNode *node, const char *name, size_t value)
{
    char buf[RP_MERGE_NUM_LEN];

    snprintf(buf, sizeof(buf), "%zu", value);
    rp_merge_set_attr(node, name, buf);
}

void rp_merge_set_int(xmlNode *node, const char *name, int64_t value)
{
    char buf[RP_MERGE_NUM_LEN];

    snprintf(buf, sizeof(buf), "%" PRId64, value);
    rp_merge_set_attr(node, name, buf);
}

void rp_merge_set_yes_no(xmlNode *node, const char *name, bool value)
{
    rp_merge_set_attr(node, name, value ? "yes" : "no");
}

/* Absent when t is missing: the contract has no sentinel dates. */
void rp_merge_set_time(xmlNode *node, const char *name, int64_t t)
{
    char buf[RP_MERGE_TIME_LEN];

    if (t == RP_TIME_NONE)
        return;
    rp_merge_fmt_time(t, buf, sizeof(buf));
    rp_merge_set_attr(node, name, buf);
}

void rp_merge_set_date(xmlNode *node, const char *name, int64_t t)
{
    char buf[RP_MERGE_TIME_LEN];

    if (t == RP_TIME_NONE)
        return;
    rp_merge_fmt_date(t, buf, sizeof(buf));
    rp_merge_set_attr(node, name, buf);
}

void rp_merge_set_hours(xmlNode *node, const char *name, int64_t seconds)
{
    char buf[RP_MERGE_NUM_LEN];

    rp_merge_fmt_hours(seconds, buf, sizeof(buf));
    rp_merge_set_attr(node, name, buf);
}

/* Amounts were checked representable by rp_merge_check_dataset(). */
void rp_merge_set_money(xmlNode *node, const char *name, double amount)
{
    char buf[RP_MERGE_NUM_LEN];

    (void)rp_merge_fmt_money(amount, buf, sizeof(buf));
    rp_merge_set_attr(node, name, buf);
}

/* Absent when nothing is decided: 0% would be a false alarm. */
void rp_merge_set_pct(xmlNode *node, const char *name, size_t met,
                      size_t breached)
{
    char buf[RP_MERGE_NUM_LEN];
    uint64_t tenths;

    if (!rp_merge_sla_tenths(met, breached, &tenths))
        return;
    snprintf(buf, sizeof(buf), "%" PRIu64 ".%" PRIu64, tenths / 10,
             tenths % 10);
    rp_merge_set_attr(node, name, buf);
}

/* Absent when there is nothing to measure. */
void rp_merge_set_percentile(xmlNode *node, const char *name,
                             const struct rp_merge_durations *d, unsigned pct)
{
    int64_t value;

    if (rp_merge_percentile(d, pct, &value))
        rp_merge_set_hours(node, name, value);
}

/* ---- source files: traceability ---- */

static size_t source_index(struct rp_merge_sources *s, const char *path)
{
    size_t i;

    path = rp_merge_str(path);
    if (s->n &&
        (s->paths[s->last] == path || strcmp(s->paths[s->last], path) == 0))
        return s->last;
    for (i = 0; i < s->n; i++) {
        if (s->paths[i] == path || strcmp(s->paths[i], path) == 0)
            return s->last = i;
    }
    rp_array_grow((void **)&s->paths, &s->cap, s->n + 1, sizeof(*s->paths));
    s->paths[s->n] = path;
    return s->last = s->n++;
}

void rp_merge_register_source(struct rp_merge_sources *s, const char *path)
{
    (void)source_index(s, path);
}

void rp_merge_set_src(xmlNode *node, struct rp_merge_sources *s,
                      const char *file, long line)
{
    char buf[RP_MERGE_NUM_LEN];

    snprintf(buf, sizeof(buf), "f%zu:%ld", source_index(s, file) + 1, line);
    rp_merge_set_attr(node, "src", buf);
}

/* <sources> goes before the accounts but is filled as records are
 * emitted; it is completed last. */
void rp_merge_fill_sources(xmlNode *sources, struct rp_merge_builder *b)
{
    size_t i;
    char id[RP_MERGE_NUM_LEN];

    for (i = 0; i < b->sources.n; i++) {
        xmlNode *n = rp_merge_add_node(sources, "file");
        snprintf(id, sizeof(id), "f%zu", i + 1);
        rp_merge_set_attr(n, "id", id);
        rp_merge_set_attr(n, "path", b->sources.paths[i]);
    }
}
