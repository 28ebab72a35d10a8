/*
 * The bare parse the import benchmark compares against: libcsv over a
 * file in 64 KiB reads, callbacks that only count fields and records.
 * Whatever the import does beyond this (encodings, line numbers, profiles,
 * typing, validation, keeping records) is the import's own cost.
 *
 *     cc -O2 -o csv-bare bench/csv-bare.c -lcsv
 *     csv-bare FILE     prints "<records> records, <fields> fields"
 */
#include <csv.h>
#include <stdio.h>

struct counts {
    unsigned long fields, records;
};

static void on_field(void *s, size_t len, void *ctx)
{
    (void)s;
    (void)len;
    ((struct counts *)ctx)->fields++;
}

static void on_record(int c, void *ctx)
{
    (void)c;
    ((struct counts *)ctx)->records++;
}

int main(int argc, char **argv)
{
    static char chunk[64 << 10];
    struct csv_parser p;
    struct counts counts = {0, 0};
    FILE *fp;
    size_t n;

    if (argc != 2 || !(fp = fopen(argv[1], "rb"))) {
        fprintf(stderr, "usage: csv-bare FILE\n");
        return 2;
    }
    if (csv_init(&p, 0) != 0)
        return 1;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        if (csv_parse(&p, chunk, n, on_field, on_record, &counts) != n) {
            fprintf(stderr, "csv-bare: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    }
    csv_fini(&p, on_field, on_record, &counts);
    csv_free(&p);
    fclose(fp);
    printf("%lu records, %lu fields\n", counts.records, counts.fields);
    return 0;
}
