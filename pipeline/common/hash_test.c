/* Unit tests for SHA-256: the FIPS 180-2 vectors, files, a missing file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/hash.h"

static void test_vectors(void **state)
{
    char hex[RP_SHA256_HEX_SIZE];

    (void)state;
    rp_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
                             "b00361a396177a9cb410ff61f20015ad");
    rp_sha256_hex(NULL, 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
                             "27ae41e4649b934ca495991b7852b855");
}

/* A file hashes as its bytes do, across the reader's 64 KiB pieces. */
static void test_file_matches_memory(void **state)
{
    char path[] = "/tmp/rp-hash-test.XXXXXX";
    char from_file[RP_SHA256_HEX_SIZE], from_memory[RP_SHA256_HEX_SIZE];
    size_t len = 200000, i;
    unsigned char *data = malloc(len);
    struct rp_error err;
    FILE *fp;
    int fd;

    (void)state;
    for (i = 0; i < len; i++)
        data[i] = (unsigned char)(i * 7 + i / 251);
    fd = mkstemp(path);
    assert_true(fd >= 0);
    fp = fdopen(fd, "wb");
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
    rp_error_init(&err);
    assert_int_equal(rp_sha256_file(path, from_file, &err), RP_OK);
    rp_sha256_hex(data, len, from_memory);
    assert_string_equal(from_file, from_memory);
    unlink(path);
    free(data);
}

static void test_missing_file(void **state)
{
    char hex[RP_SHA256_HEX_SIZE] = "x";
    struct rp_error err;

    (void)state;
    rp_error_init(&err);
    assert_int_equal(rp_sha256_file("/nonexistent/file", hex, &err),
                     RP_ERR_INPUT);
    assert_string_equal(hex, "");
    assert_string_equal(err.file, "/nonexistent/file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_file_matches_memory),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
