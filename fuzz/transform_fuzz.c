/*
 * libFuzzer target: bytes as a template and the data it is applied to --
 * the part before a line "--data--" is the stylesheet, written into a
 * folder of its own beside a labels file; the rest (or a small review-data
 * document) is the input.  Loaded and applied as `reportpipe transform`
 * does, under a small budget.  Besides no crash, leak or undefined
 * behaviour, the target checks the sandbox: a canary file outside the
 * template's folder must never reach the result.
 */
#define _GNU_SOURCE /* memmem */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "common/xml.h"
#include "transform/transform.h"

#define SEPARATOR "\n--data--\n"
#define CANARY "CANARY-fuzz-5e1d"

static char top[] = "/tmp/rp-transform-fuzz-XXXXXX";
static char tpl_dir[128], xsl_path[160];

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *fp = fopen(path, "wb");

    if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
        abort();
}

/* The folders once: tpl/ for the template and its labels, and a canary
 * beside it, as XML and as text, for hostile templates to reach for. */
static void setup(void)
{
    char path[192];

    if (!mkdtemp(top))
        abort();
    snprintf(tpl_dir, sizeof(tpl_dir), "%s/tpl", top);
    if (mkdir(tpl_dir, 0700) != 0)
        abort();
    snprintf(xsl_path, sizeof(xsl_path), "%s/t.xsl", tpl_dir);
    snprintf(path, sizeof(path), "%s/labels.xml", tpl_dir);
    write_file(path, "<labels><l k='a'>A</l></labels>", 31);
    snprintf(path, sizeof(path), "%s/canary.xml", top);
    write_file(path, "<c>" CANARY "</c>", strlen("<c>" CANARY "</c>"));
    snprintf(path, sizeof(path), "%s/canary.txt", top);
    write_file(path, CANARY, strlen(CANARY));
}

static int holds_canary(xmlDoc *doc)
{
    xmlChar *mem = NULL;
    int size = 0, found;

    xmlDocDumpMemory(doc, &mem, &size);
    found = mem && strstr((const char *)mem, CANARY) != NULL;
    xmlFree(mem);
    return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char default_data[] =
        "<review-data><account id='A1' name='Acme'><ticket id='T1' "
        "priority='P1'>Printer &amp; fax</ticket></account></review-data>";
    const char *text = (const char *)data, *input = default_data;
    size_t xsl_len = size, input_len = strlen(default_data);
    struct rp_transform_limits limits;
    struct rp_stylesheet *sheet = NULL;
    struct rp_error err;
    xmlDoc *in = NULL, *out = NULL;
    const char *sep;

    if (!tpl_dir[0])
        setup();
    sep = memmem(text, size, SEPARATOR, strlen(SEPARATOR));
    if (sep) {
        xsl_len = (size_t)(sep - text);
        input = sep + strlen(SEPARATOR);
        input_len = size - xsl_len - strlen(SEPARATOR);
    }
    write_file(xsl_path, text, xsl_len);
    rp_transform_limits_init(&limits, NULL);
    limits.seconds = 1;
    limits.memory_mb = 64;
    limits.xpath_operations = 2000000;
    limits.template_depth = 200;
    rp_error_init(&err);
    if (rp_xml_read_memory(input, input_len, "data.xml", &in, &err) != RP_OK)
        return 0;
    /* The canary in the result is a leak only when the input did not
     * hold it already: the fuzzer learns strings it sees compared, and
     * writes them into templates. */
    if (rp_transform_load(xsl_path, &sheet, &err) == RP_OK &&
        rp_transform_apply(sheet, in, NULL, &limits, &out, &err) == RP_OK &&
        holds_canary(out) && !memmem(data, size, CANARY, strlen(CANARY)))
        abort(); /* a file outside the template's folder was read */
    xmlFreeDoc(out);
    rp_transform_free(sheet);
    xmlFreeDoc(in);
    return 0;
}
