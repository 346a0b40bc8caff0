/* test_demo_media.c - the demo's pictures: found by their fixed names,
 * named by hash, installed once, and a demo that refers to them; missing
 * and unreadable files are left out, never fatal.  Uses pictures made up in
 * a temporary assets directory, so it does not depend on the real ones. */
#include "testutil.h"

#include <sys/stat.h>

#include "demo.h"
#include "demo_media.h"
#include "media.h"

static char dir[256], assets[300], pics[400], mdir[300];

static int setup(void **state)
{
    (void)state;
    tu_mkdtemp(dir, sizeof dir);
    snprintf(assets, sizeof assets, "%s/assets", dir);
    snprintf(pics, sizeof pics, "%s/demo/media", assets);
    snprintf(mdir, sizeof mdir, "%s/media", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmdir(dir);
    return 0;
}

static void make_pics_dir(void)
{
    char p[400];
    snprintf(p, sizeof p, "%s/demo", assets);
    mkdir(assets, 0755);
    mkdir(p, 0755);
    mkdir(pics, 0755);
}

/* Writes a made-up picture file and returns its media name in sha. */
static void put_pic(const char *file, const char *text, char sha[65])
{
    char p[500];
    snprintf(p, sizeof p, "%s/%s", pics, file);
    tu_write(p, text);
    media_sha256_hex(text, strlen(text), sha);
}

static void test_no_pictures_is_no_error(void **state)
{
    (void)state;
    demo_media_t m;
    diag_t d;
    int copied = -1;
    memset(&m, 0x55, sizeof m);
    /* No assets directory at all. */
    assert_int_equal(demo_media_find(assets, &m, &d), 0);
    assert_int_equal(demo_media_count(&m), 0);
    assert_string_equal(m.plans[0], "");
    assert_int_equal(m.n_heroes, 0);
    assert_int_equal(demo_media_install(assets, mdir, &m, &copied, &d), 0);
    assert_int_equal(copied, 0);
    assert_int_equal(demo_media_count(&m), 0);
    /* An empty one. */
    make_pics_dir();
    assert_int_equal(demo_media_find(assets, &m, &d), 0);
    assert_int_equal(demo_media_count(&m), 0);
}

static void test_find_names_each_picture(void **state)
{
    (void)state;
    char a[65], c[65], e[65], h2[65], h3[65], loc[65], other[65];
    demo_media_t m;
    diag_t d;
    make_pics_dir();
    put_pic("plan-A.png", "plan of A", a);
    put_pic("plan-C.png", "plan of C", c);
    put_pic("plan-E.png", "plan of E", e);
    put_pic("hero-2.jpg", "second hero", h2);
    put_pic("hero-3.jpg", "third hero", h3);
    put_pic("location.png", "the map", loc);
    put_pic("something-else.png", "not a demo picture", other);
    assert_int_equal(demo_media_find(assets, &m, &d), 0);
    assert_int_equal(demo_media_count(&m), 6);
    assert_string_equal(m.plans[0], a);
    assert_string_equal(m.plans[1], ""); /* B is missing */
    assert_string_equal(m.plans[2], c);
    assert_string_equal(m.plans[3], "");
    assert_string_equal(m.plans[4], e);
    /* The heroes that exist, packed in their order. */
    assert_int_equal(m.n_heroes, 2);
    assert_string_equal(m.heroes[0], h2);
    assert_string_equal(m.heroes[1], h3);
    assert_string_equal(m.location, loc);
    assert_string_equal(m.siteplan, "");
}

static void test_unreadable_picture_is_left_out(void **state)
{
    (void)state;
    char a[65], p[500];
    demo_media_t m;
    diag_t d;
    int copied = 0;
    make_pics_dir();
    put_pic("plan-A.png", "plan of A", a);
    /* A directory where a picture should be: reported, the rest goes on. */
    snprintf(p, sizeof p, "%s/hero-1.jpg", pics);
    assert_int_equal(mkdir(p, 0755), 0);
    assert_int_equal(demo_media_find(assets, &m, &d), -1);
    assert_non_null(strstr(d.msg, "hero-1.jpg"));
    assert_int_equal(demo_media_count(&m), 1);
    assert_string_equal(m.plans[0], a);
    assert_int_equal(m.n_heroes, 0);

    assert_int_equal(demo_media_install(assets, mdir, &m, &copied, &d), -1);
    assert_non_null(strstr(d.msg, "hero-1.jpg"));
    assert_int_equal(copied, 1);
    assert_int_equal(demo_media_count(&m), 1);
    assert_true(media_have(mdir, a));
}

static void test_install_copies_once(void **state)
{
    (void)state;
    char a[65], h1[65], site[65], p[500];
    demo_media_t found, m;
    diag_t d;
    struct stat st1, st2;
    int copied = -1;
    make_pics_dir();
    put_pic("plan-A.png", "plan of A", a);
    put_pic("hero-1.jpg", "first hero", h1);
    put_pic("siteplan.png", "the site", site);

    assert_int_equal(demo_media_find(assets, &found, &d), 0);
    assert_int_equal(demo_media_install(assets, mdir, &m, &copied, &d), 0);
    assert_int_equal(copied, 3);
    assert_memory_equal(&m, &found, sizeof m);
    /* Each under its name, with its bytes. */
    const char *names[] = {a, h1, site};
    for (int i = 0; i < 3; i++) {
        void *data = NULL;
        size_t n = 0;
        assert_int_equal(media_load(mdir, names[i], 1024, &data, &n, &d), 0);
        free(data);
    }
    /* Again: nothing copied, nothing rewritten. */
    assert_int_equal(media_path(mdir, a, p, sizeof p), 0);
    assert_int_equal(stat(p, &st1), 0);
    assert_int_equal(demo_media_install(assets, mdir, &m, &copied, &d), 0);
    assert_int_equal(copied, 0);
    assert_memory_equal(&m, &found, sizeof m);
    assert_int_equal(stat(p, &st2), 0);
    assert_true(st1.st_ino == st2.st_ino);

    /* A redrawn picture is a new name; the old file stays (harmless). */
    put_pic("plan-A.png", "plan of A, redrawn", a);
    assert_int_equal(demo_media_install(assets, mdir, &m, &copied, &d), 0);
    assert_int_equal(copied, 1);
    assert_string_equal(m.plans[0], a);
    assert_true(media_have(mdir, a));

    /* A media directory that cannot be made: an error, and no names. */
    char bad[500];
    snprintf(bad, sizeof bad, "%s/plan-A.png/media", pics);
    assert_int_equal(demo_media_install(assets, bad, &m, &copied, &d), -1);
    assert_int_equal(copied, 0);
    assert_int_equal(demo_media_count(&m), 0);
    assert_true(d.count >= 3); /* one line a picture */
}

static void test_demo_refers_to_the_pictures(void **state)
{
    (void)state;
    char b[65], h1[65], loc[65];
    demo_media_t m;
    diag_t d;
    model_t *model = NULL;
    const char *refs[16];
    make_pics_dir();
    put_pic("plan-B.png", "plan of B", b);
    put_pic("hero-1.jpg", "first hero", h1);
    put_pic("location.png", "the map", loc);
    assert_int_equal(demo_media_install(assets, mdir, &m, NULL, &d), 0);
    demo_params_t p = {.seed = 7, .target_units = 100, .now = 1795788185,
                       .media = &m};
    assert_int_equal(demo_generate(&p, &model, &d), 0);
    assert_int_equal(model_check(model, &d), 0);
    int n = model_media_refs(model, refs, 16);
    assert_int_equal(n, 3);
    for (int i = 0; i < n; i++)
        assert_true(media_have(mdir, refs[i]));
    assert_int_equal(model->project.n_heroes, 1);
    assert_string_equal(model->project.heroes[0], h1);
    assert_string_equal(model->project.location_media, loc);
    for (int i = 0; i < model->n_unit_types; i++)
        assert_string_equal(model->unit_types[i].floor_plan,
                            strcmp(model->unit_types[i].code, "B") == 0 ? b
                                                                        : "");
    model_destroy(model);
}

/* The pictures the project ships, when they are there: all ten found. */
static void test_shipped_pictures(void **state)
{
    (void)state;
    demo_media_t m;
    diag_t d;
    const char *real = tu_env("ASSETS", "assets");
    char p[500];
    snprintf(p, sizeof p, "%s/demo/media", real);
    struct stat st;
    if (stat(p, &st) != 0)
        skip();
    assert_int_equal(demo_media_find(real, &m, &d), 0);
    assert_int_equal(demo_media_count(&m), 10);
    assert_int_equal(m.n_heroes, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_no_pictures_is_no_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_names_each_picture, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_picture_is_left_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_install_copies_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_refers_to_the_pictures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shipped_pictures, setup, teardown),
    };
    return cmocka_run_group_tests_name("demo_media", tests, NULL, NULL);
}
