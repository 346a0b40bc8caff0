/* test_media.c - content-addressed media: names, hashes, atomic stores,
 * and damaged, missing or oversized files caught on the way in and out. */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>

#include "media.h"

#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

/* Entries in dir other than "." and ".."; *hidden counts those starting
 * with '.' (media.c's temporaries). */
static int count_entries(const char *dir, int *hidden)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    int n = 0;
    *hidden = 0;
    assert_non_null(dp);
    while ((e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        n++;
        if (e->d_name[0] == '.')
            (*hidden)++;
    }
    closedir(dp);
    return n;
}

static void test_known_vectors(void **state)
{
    (void)state;
    char hex[65];
    media_sha256_hex("", 0, hex);
    assert_string_equal(hex, SHA_EMPTY);
    media_sha256_hex(NULL, 0, hex);
    assert_string_equal(hex, SHA_EMPTY);
    media_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, SHA_ABC);
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    media_sha256_hex(two, strlen(two), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039"
                             "a33ce45964ff2167f6ecedd419db06c1");
    assert_true(media_name_valid(hex));
}

static void test_names(void **state)
{
    (void)state;
    char upper[65], path[256];
    assert_true(media_name_valid(SHA_ABC));
    assert_false(media_name_valid(NULL));
    assert_false(media_name_valid(""));
    snprintf(upper, sizeof upper, "%s", SHA_ABC);
    upper[0] = 'B';
    assert_false(media_name_valid(upper));
    assert_false(media_name_valid(SHA_ABC "0"));               /* 65 */
    snprintf(upper, sizeof upper, "%.63s", SHA_ABC);
    assert_false(media_name_valid(upper));                     /* 63 */
    assert_false(media_name_valid("../" SHA_ABC));
    snprintf(upper, sizeof upper, "../%.61s", SHA_ABC);        /* 64 long */
    assert_false(media_name_valid(upper));
    snprintf(upper, sizeof upper, "%.63sg", SHA_ABC);
    assert_false(media_name_valid(upper));

    assert_int_equal(media_path("/var/kiosk/media", SHA_ABC, path, sizeof path), 0);
    assert_string_equal(path, "/var/kiosk/media/" SHA_ABC);
    assert_int_equal(media_path("/var/kiosk/media", "../etc/passwd", path,
                                sizeof path), -1);
    assert_string_equal(path, "");
    assert_int_equal(media_path("", SHA_ABC, path, sizeof path), -1);
    /* One byte short of "dir/" + 64 + NUL. */
    assert_int_equal(media_path("dir", SHA_ABC, path, 4 + 64), -1);
    assert_int_equal(media_path("dir", SHA_ABC, path, 4 + 65), 0);
}

static void test_store_load_round_trip(void **state)
{
    (void)state;
    char tmp[64], dir[128], hex[65];
    diag_t d;
    void *data;
    size_t n;
    int hidden;
    unsigned char plan[70000]; /* several of media.c's read chunks */

    for (size_t i = 0; i < sizeof plan; i++)
        plan[i] = (unsigned char)(i * 7 + i / 251);
    media_sha256_hex(plan, sizeof plan, hex);

    tu_mkdtemp(tmp, sizeof tmp);
    snprintf(dir, sizeof dir, "%s/data/media", tmp); /* made on demand */
    assert_false(media_have(dir, hex));
    assert_int_equal(media_store(dir, hex, plan, sizeof plan, &d), 0);
    assert_true(media_have(dir, hex));
    assert_int_equal(media_load(dir, hex, sizeof plan, &data, &n, &d), 0);
    assert_int_equal(n, sizeof plan);
    assert_memory_equal(data, plan, sizeof plan);
    assert_int_equal(((unsigned char *)data)[n], 0);
    free(data);

    /* Storing it again is fine and changes nothing. */
    assert_int_equal(media_store(dir, hex, plan, sizeof plan, &d), 0);
    assert_int_equal(media_load(dir, hex, sizeof plan, &data, &n, &d), 0);
    assert_memory_equal(data, plan, sizeof plan);
    free(data);

    /* Empty media: a real buffer comes back. */
    assert_int_equal(media_store(dir, SHA_EMPTY, "", 0, &d), 0);
    assert_int_equal(media_load(dir, SHA_EMPTY, 10, &data, &n, &d), 0);
    assert_non_null(data);
    assert_int_equal(n, 0);
    free(data);

    /* A tool hashing the stored file agrees with the name. */
    char path[256];
    assert_int_equal(media_path(dir, hex, path, sizeof path), 0);
    assert_int_equal(media_hash_file(path, sizeof plan, hex, &d), 0);
    media_sha256_hex(plan, sizeof plan, path);
    assert_string_equal(hex, path);

    assert_int_equal(count_entries(dir, &hidden), 2);
    assert_int_equal(hidden, 0);
    tu_rmdir(tmp);
}

static void test_wrong_hash_refused(void **state)
{
    (void)state;
    char dir[64];
    diag_t d;
    int hidden;
    tu_mkdtemp(dir, sizeof dir);
    /* "abd" under the name of "abc". */
    assert_int_equal(media_store(dir, SHA_ABC, "abd", 3, &d), -1);
    assert_non_null(strstr(d.msg, SHA_ABC));   /* expected */
    char actual[65];
    media_sha256_hex("abd", 3, actual);
    assert_non_null(strstr(d.msg, actual));    /* and what it is */
    assert_false(media_have(dir, SHA_ABC));
    assert_int_equal(count_entries(dir, &hidden), 0);

    /* An existing good file is untouched by a refused store. */
    assert_int_equal(media_store(dir, SHA_ABC, "abc", 3, &d), 0);
    assert_int_equal(media_store(dir, SHA_ABC, "abcd", 4, &d), -1);
    void *data;
    size_t n;
    assert_int_equal(media_load(dir, SHA_ABC, 100, &data, &n, &d), 0);
    assert_int_equal(n, 3);
    assert_memory_equal(data, "abc", 3);
    free(data);
    assert_int_equal(count_entries(dir, &hidden), 1);
    assert_int_equal(hidden, 0);
    tu_rmdir(dir);
}

static void test_damaged_and_missing(void **state)
{
    (void)state;
    char dir[64], path[256];
    diag_t d;
    void *data = (void *)1;
    size_t n = 99;
    tu_mkdtemp(dir, sizeof dir);
    assert_int_equal(media_path(dir, SHA_ABC, path, sizeof path), 0);

    /* Missing: the message names the file. */
    assert_int_equal(media_load(dir, SHA_ABC, 100, &data, &n, &d), -1);
    assert_null(data);
    assert_int_equal(n, 0);
    assert_non_null(strstr(d.msg, path));
    assert_non_null(strstr(d.msg, "cannot open"));

    /* Damaged on disk (a flipped byte): present, but refused on load. */
    assert_int_equal(media_store(dir, SHA_ABC, "abc", 3, &d), 0);
    tu_write_bytes(path, "abC", 3);
    assert_true(media_have(dir, SHA_ABC));
    assert_int_equal(media_load(dir, SHA_ABC, 100, &data, &n, &d), -1);
    assert_null(data);
    assert_non_null(strstr(d.msg, path));
    assert_non_null(strstr(d.msg, "damaged"));
    /* Truncated to nothing: also damaged. */
    tu_write_bytes(path, "", 0);
    assert_int_equal(media_load(dir, SHA_ABC, 100, &data, &n, &d), -1);
    assert_non_null(strstr(d.msg, SHA_EMPTY));

    /* Storing the right bytes again repairs it. */
    assert_int_equal(media_store(dir, SHA_ABC, "abc", 3, &d), 0);
    assert_int_equal(media_load(dir, SHA_ABC, 100, &data, &n, &d), 0);
    free(data);

    /* A directory under the name is no media. */
    char sub[256];
    media_sha256_hex("sub", 3, sub);
    assert_int_equal(media_path(dir, sub, path, sizeof path), 0);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_false(media_have(dir, sub));
    assert_int_equal(media_load(dir, sub, 100, &data, &n, &d), -1);
    assert_non_null(strstr(d.msg, "not a regular file"));
    tu_rmdir(dir);
}

static void test_oversize_refused(void **state)
{
    (void)state;
    char dir[64], path[256], hex[65];
    diag_t d;
    void *data;
    size_t n;
    tu_mkdtemp(dir, sizeof dir);
    assert_int_equal(media_store(dir, SHA_ABC, "abc", 3, &d), 0);
    assert_int_equal(media_load(dir, SHA_ABC, 2, &data, &n, &d), -1);
    assert_null(data);
    assert_non_null(strstr(d.msg, "more than the 2"));
    assert_int_equal(media_load(dir, SHA_ABC, 3, &data, &n, &d), 0);
    free(data);

    assert_int_equal(media_path(dir, SHA_ABC, path, sizeof path), 0);
    assert_int_equal(media_hash_file(path, 2, hex, &d), -1);
    assert_string_equal(hex, "");
    assert_non_null(strstr(d.msg, path));
    assert_int_equal(media_hash_file(path, 3, hex, &d), 0);
    assert_string_equal(hex, SHA_ABC);
    tu_rmdir(dir);
}

static void test_invalid_names_refused(void **state)
{
    (void)state;
    char dir[64], upper[65], path[256];
    diag_t d;
    void *data;
    size_t n;
    int hidden;
    tu_mkdtemp(dir, sizeof dir);
    snprintf(upper, sizeof upper, "%s", SHA_ABC);
    for (char *p = upper; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 'a' + 'A');
    const char *bad[] = {upper, "../" SHA_ABC, SHA_ABC "0", "", "abc"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(media_store(dir, bad[i], "abc", 3, &d), -1);
        assert_non_null(strstr(d.msg, "not a media name"));
        assert_false(media_have(dir, bad[i]));
        assert_int_equal(media_load(dir, bad[i], 100, &data, &n, &d), -1);
        assert_null(data);
        assert_non_null(strstr(d.msg, "not a media name"));
    }
    assert_int_equal(media_store(dir, NULL, "abc", 3, &d), -1);
    assert_int_equal(count_entries(dir, &hidden), 0);

    /* A file where the directory should be: refused, nothing left. */
    snprintf(path, sizeof path, "%s/plain", dir);
    tu_write(path, "x");
    snprintf(path, sizeof path, "%s/plain/media", dir);
    assert_int_equal(media_store(path, SHA_ABC, "abc", 3, &d), -1);
    assert_non_null(strstr(d.msg, "plain"));
    assert_int_equal(count_entries(dir, &hidden), 1);
    assert_int_equal(media_hash_file(path, 100, upper, &d), -1);
    assert_non_null(strstr(d.msg, "cannot open"));
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_vectors),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_store_load_round_trip),
        cmocka_unit_test(test_wrong_hash_refused),
        cmocka_unit_test(test_damaged_and_missing),
        cmocka_unit_test(test_oversize_refused),
        cmocka_unit_test(test_invalid_names_refused),
    };
    return cmocka_run_group_tests_name("media", tests, NULL, NULL);
}
