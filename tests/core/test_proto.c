/* test_proto.c - protocol v1 bodies: round trips and hostile input. */
#include "testutil.h"

#include "demo.h"
#include "modelutil.h"
#include "proto.h"

static demo_media_t media;

static model_t *demo(int units)
{
    tu_fake_media(&media);
    demo_params_t p = {42, units, 1795000000, &media};
    model_t *m = NULL;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    snprintf(m->epoch, sizeof m->epoch, "e-test");
    m->version = 77;
    return m;
}

static void test_snapshot_round_trip(void **state)
{
    (void)state;
    model_t *m = demo(2000), *back = NULL;
    size_t len;
    diag_t d;
    char *body = proto_encode_snapshot(m, 1795000001, &len);
    assert_non_null(body);
    if (proto_decode_snapshot(body, len, &back, &d) != 0)
        fail_msg("%s", d.msg);
    assert_true(tu_model_digest(back) == tu_model_digest(m));
    assert_string_equal(back->epoch, "e-test");
    assert_int_equal(back->version, 77);
    assert_string_equal(back->project.permits, m->project.permits);
    /* The descriptive part and the media made it across. */
    assert_int_equal(back->project.n_heroes, 3);
    assert_string_equal(back->unit_types[2].floor_plan, media.plans[2]);
    assert_string_equal(back->project.highlights.s[LANG_EN],
                        m->project.highlights.s[LANG_EN]);
    assert_int_equal(back->project.provident_rate_bp, 285);
    free(body);
    model_destroy(back);
    model_destroy(m);
}

static void test_changes_round_trip(void **state)
{
    (void)state;
    model_t *m = demo(300);
    proto_changes_t *ch = NULL;
    size_t len;
    diag_t d;
    m->units[5].version = 78;
    m->units[5].status = STATUS_SIGNED;
    m->units[9].version = 79;
    m->version = 79;
    char *body = proto_encode_changes(m, 77, 1795000002, &len);
    if (proto_decode_changes(body, len, &ch, &d) != 0)
        fail_msg("%s", d.msg);
    assert_int_equal(ch->n_units, 2);
    assert_int_equal(ch->since, 77);
    assert_int_equal(ch->version, 79);
    assert_string_equal(ch->units[0].u.id, m->units[5].id);
    assert_int_equal(ch->units[0].u.status, STATUS_SIGNED);
    assert_string_equal(ch->units[0].building_id,
                        m->buildings[m->units[5].building].id);
    proto_changes_free(ch);
    free(body);
    model_destroy(m);
}

/* Decoding body must fail with a message containing words. */
static void expect_bad_changes(const char *body, const char *words)
{
    proto_changes_t *ch = (proto_changes_t *)1;
    diag_t d;
    diag_clear(&d);
    assert_int_equal(proto_decode_changes(body, strlen(body), &ch, &d), -1);
    assert_null(ch);
    if (!strstr(d.msg, words))
        fail_msg("want '%s' in: %s", words, d.msg);
}

#define HEAD "\"protocol\":1,\"project_id\":\"p\",\"epoch\":\"e\",\"version\":5,\"server_time\":1,\"since\":4,"
#define UNIT(status, ver) "{\"id\":\"B1-101\",\"building\":\"B1\",\"unit_type\":\"TA\",\"floor\":1,\"stack\":1,\"number\":\"101\",\"orientation\":\"S\",\"area_built\":9000,\"area_inner\":7000,\"list_price\":1,\"unit_price\":1,\"status\":\"" status "\",\"status_changed_at\":0,\"hold_expires_at\":0,\"version\":" ver "}"

static void test_hostile_changes_rejected_with_a_path(void **state)
{
    (void)state;
    expect_bad_changes("", "line 1");
    expect_bad_changes("{\"protocol\":1", "line 1");          /* truncated */
    expect_bad_changes("[1,2,3]", "must be a JSON object");
    expect_bad_changes("{" HEAD "\"units\":{}}", "units: must be an array");
    expect_bad_changes("{" HEAD "\"units\":[" UNIT("sold", "5") "]}",
                       "units[0].status: unknown status 'sold'");
    expect_bad_changes("{" HEAD "\"units\":[" UNIT("signed", "9") "]}",
                       "units[0].version");
    expect_bad_changes("{" HEAD "\"units\":[" UNIT("signed", "\"5\"") "]}",
                       "units[0].version: must be an integer");
    expect_bad_changes("{\"protocol\":2,\"project_id\":\"p\"}", "protocol: 2");
    expect_bad_changes("{" HEAD "\"since\":9,\"units\":[]}", "duplicate");
    expect_bad_changes("{\"protocol\":1,\"project_id\":\"p\",\"epoch\":\"e\","
                       "\"version\":5,\"server_time\":1,\"since\":6,\"units\":[]}",
                       "ahead of version");
    expect_bad_changes("{" HEAD "\"units\":[]} trailing", "end of file expected");
    expect_bad_changes("{" HEAD "\"units\":[" UNIT("signed", "5") "," UNIT("held", "5") "]}",
                       "'B1-101' appears twice");
    expect_bad_changes("{\"protocol\":1,\"project_id\":\"p\",\"epoch\":\"e/../x\","
                       "\"version\":5,\"server_time\":1,\"since\":4,\"units\":[]}",
                       "epoch: 'e/../x' has characters");
    expect_bad_changes("{" HEAD "\"units\":[\"\xff\xfe\"]}", "unable to decode byte 0xff");
}

static void test_hostile_snapshot_rejected(void **state)
{
    (void)state;
    model_t *m = demo(300), *back = NULL;
    size_t len;
    diag_t d;
    char *body = proto_encode_snapshot(m, 1, &len);
    /* A unit pointing at a building the snapshot does not have. */
    char *p = strstr(body, "\"building\":\"B1\"");
    assert_non_null(p);
    memcpy(p + 13, "X", 1);
    assert_int_equal(proto_decode_snapshot(body, len, &back, &d), -1);
    assert_null(back);
    assert_non_null(strstr(d.msg, "is not in the snapshot"));
    /* Cut in half. */
    assert_int_equal(proto_decode_snapshot(body, len / 2, &back, &d), -1);
    free(body);
    model_destroy(m);
}

/* Replaces the first occurrence of from in body with to and expects
 * decoding to fail naming want. */
static void expect_bad_edit(const char *body, const char *from,
                            const char *to, const char *want)
{
    const char *p = strstr(body, from);
    size_t nb = strlen(body), nf = strlen(from), nt = strlen(to);
    char *copy = malloc(nb - nf + nt + 1);
    model_t *back = NULL;
    diag_t d;
    assert_non_null(p);
    assert_non_null(copy);
    size_t pre = (size_t)(p - body);
    memcpy(copy, body, pre);
    memcpy(copy + pre, to, nt);
    memcpy(copy + pre + nt, p + nf, nb - pre - nf + 1);
    assert_int_equal(proto_decode_snapshot(copy, strlen(copy), &back, &d), -1);
    assert_null(back);
    if (!strstr(d.msg, want))
        fail_msg("wanted '%s' in '%s'", want, d.msg);
    free(copy);
}

static void test_hostile_project_info_rejected(void **state)
{
    (void)state;
    model_t *m = demo(100), *back = NULL;
    size_t len;
    diag_t d;
    char *body = proto_encode_snapshot(m, 1, &len);
    expect_bad_edit(body, "\"location\":\"0", "\"location\":\"G",
                    "project.media.location: must be 64 lowercase hex");
    expect_bad_edit(body, "\"hero\":[\"0", "\"hero\":[\"A",
                    "project.media.hero[0]: must be 64 lowercase hex");
    char from[32];
    snprintf(from, sizeof from, "\"floor_plan\":\"%c", media.plans[0][0]);
    expect_bad_edit(body, from, "\"floor_plan\":\"Z",
                    "unit_types[0].floor_plan: must be 64");
    expect_bad_edit(body, "\"property_fee\":380", "\"property_fee\":-1 ",
                    "project.property_fee: -1 is out of range");
    expect_bad_edit(body, "\"highlights\":[{", "\"highlights\":[7,{",
                    "project.highlights[0]: must be an object");
    expect_bad_edit(body, "\"provident_rate_bp\":285",
                    "\"provident_rate_bp\":\"2\"",
                    "project.mortgage.provident_rate_bp: must be an integer");
    /* Without any of the optional fields, a project still decodes. */
    char *p = strstr(body, "\"description\"");
    char *e = strstr(body, "\"media\"");
    assert_true(p && e && e > p);
    char *close = strchr(e, '}'); /* the end of "media" */
    assert_non_null(close);
    memset(p, ' ', (size_t)(close - p + 1));
    p[-1] = ' '; /* the comma before "description" */
    if (proto_decode_snapshot(body, len, &back, &d) != 0)
        fail_msg("%s", d.msg);
    assert_int_equal(back->project.n_heroes, 0);
    assert_string_equal(back->project.description.s[0], "");
    model_destroy(back);
    free(body);
    model_destroy(m);
}

static void test_memory_budget(void **state)
{
    (void)state;
    /* A real 20,000-unit snapshot decodes within the budget... */
    model_t *m = demo(20000), *back = NULL;
    size_t len;
    diag_t d;
    char *body = proto_encode_snapshot(m, 1, &len);
    if (proto_decode_snapshot(body, len, &back, &d) != 0)
        fail_msg("%s", d.msg);
    assert_int_equal(back->n_units, m->n_units);
    model_destroy(back);
    free(body);
    model_destroy(m);
    /* ... a small body that would explode into a huge tree does not. */
    size_t n = 6u << 20;
    char *bomb = malloc(n + 64);
    assert_non_null(bomb);
    size_t k = (size_t)snprintf(bomb, 64, "{\"x\":[");
    while (k + 4 < n) {
        bomb[k++] = '0';
        bomb[k++] = ',';
    }
    memcpy(bomb + k, "0]}", 4);
    k += 3;
    proto_changes_t *ch = NULL;
    assert_int_equal(proto_decode_changes(bomb, k, &ch, &d), -1);
    assert_null(ch);
    free(bomb);
}

static void test_error_body(void **state)
{
    (void)state;
    char code[32], msg[64];
    size_t len;
    char *b = proto_encode_error("resync_required", "epoch changed", &len);
    assert_int_equal(proto_decode_error(b, len, code, sizeof code, msg, sizeof msg), 0);
    assert_string_equal(code, "resync_required");
    assert_string_equal(msg, "epoch changed");
    assert_int_equal(proto_decode_error("{}", 2, code, sizeof code, msg, sizeof msg), -1);
    free(b);
}

#define HASH_A "pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$" \
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

/* Consultants (one removed) and a consultant's hold on units[4]. */
static void with_consultants(model_t *m)
{
    assert_int_equal(model_set_consultants(m, 2), 0);
    snprintf(m->consultants[0].id, MODEL_ID_MAX, "C01");
    snprintf(m->consultants[0].name.s[LANG_EN], MODEL_NAME_MAX, "Chan");
    snprintf(m->consultants[0].pin_hash, MODEL_PIN_HASH_MAX, "%s", HASH_A);
    m->consultants[0].active = 1;
    m->consultants[0].version = 78;
    snprintf(m->consultants[1].id, MODEL_ID_MAX, "C02");
    m->consultants[1].active = 0;
    m->consultants[1].version = 79;
    unit_t *u = &m->units[4];
    u->status = STATUS_HELD;
    u->hold_expires_at = 1795001800;
    u->version = 79;
    snprintf(u->hold_id, sizeof u->hold_id, "h-abc");
    snprintf(u->held_by, sizeof u->held_by, "C01");
    m->version = 79;
}

static void test_consultants_and_holds_on_the_wire(void **state)
{
    (void)state;
    model_t *m = demo(300), *back = NULL;
    proto_changes_t *ch = NULL;
    size_t len;
    diag_t d;
    with_consultants(m);
    char *body = proto_encode_snapshot(m, 1795000001, &len);
    if (proto_decode_snapshot(body, len, &back, &d) != 0)
        fail_msg("%s", d.msg);
    /* A snapshot lists only who may sign in. */
    assert_int_equal(back->n_consultants, 1);
    assert_string_equal(back->consultants[0].pin_hash, HASH_A);
    assert_string_equal(back->consultants[0].name.s[LANG_EN], "Chan");
    int i = model_find_unit(back, m->units[4].id);
    assert_string_equal(back->units[i].hold_id, "h-abc");
    assert_string_equal(back->units[i].held_by, "C01");
    assert_non_null(strstr(body, "\"hold\":{\"id\":\"h-abc\",\"consultant_id\":\"C01\""));
    /* Units without a hold have none, whatever memory held before. */
    for (int k = 0; k < back->n_units; k++)
        if (k != i && (back->units[k].hold_id[0] || back->units[k].held_by[0]))
            fail_msg("unit %s: hold '%s' by '%s' out of nowhere",
                     back->units[k].id, back->units[k].hold_id,
                     back->units[k].held_by);
    model_destroy(back);
    free(body);

    /* Changes carry both, the removal as active false without a hash. */
    body = proto_encode_changes(m, 77, 1795000002, &len);
    if (proto_decode_changes(body, len, &ch, &d) != 0)
        fail_msg("%s", d.msg);
    assert_int_equal(ch->n_consultants, 2);
    assert_false(ch->consultants[1].active);
    assert_string_equal(ch->consultants[1].pin_hash, "");
    proto_changes_free(ch);
    free(body);
    body = proto_encode_changes(m, 78, 1795000002, &len);
    assert_int_equal(proto_decode_changes(body, len, &ch, &d), 0);
    assert_int_equal(ch->n_consultants, 1);
    proto_changes_free(ch);
    free(body);
    model_destroy(m);
}

static const char head[] = "{\"protocol\":1,\"project_id\":\"p\",\"epoch\":\"e\","
                           "\"version\":5,\"server_time\":1,\"since\":4,";
static const char unit_held[] =
    "{\"id\":\"U1\",\"building\":\"B1\",\"unit_type\":\"T\",\"floor\":1,"
    "\"stack\":1,\"number\":\"101\",\"orientation\":\"S\",\"area_built\":1,"
    "\"area_inner\":1,\"list_price\":1,\"unit_price\":1,\"status\":\"%s\","
    "\"status_changed_at\":1,\"hold_expires_at\":9,\"version\":5%s}";

static void expect_changes_error(const char *units, const char *consultants,
                                 const char *want)
{
    char body[2048];
    proto_changes_t *ch = NULL;
    diag_t d;
    diag_clear(&d);
    snprintf(body, sizeof body, "%s\"units\":[%s]%s%s}", head, units,
             consultants ? ",\"consultants\":" : "", consultants ? consultants : "");
    if (proto_decode_changes(body, strlen(body), &ch, &d) == 0)
        fail_msg("accepted: %s", body);
    if (!strstr(d.msg, want))
        fail_msg("'%s' does not say '%s'", d.msg, want);
}

static void test_hostile_holds_and_consultants(void **state)
{
    (void)state;
    char u[1024];
    snprintf(u, sizeof u, unit_held, "available",
             ",\"hold\":{\"id\":\"h1\",\"consultant_id\":\"C1\",\"expires_at\":9}");
    expect_changes_error(u, NULL, "units[0].hold: the unit is available, not held");
    snprintf(u, sizeof u, unit_held, "held", ",\"hold\":{\"id\":\"h1\",\"expires_at\":9}");
    expect_changes_error(u, NULL, "units[0].hold.consultant_id: missing");
    snprintf(u, sizeof u, unit_held, "held", ",\"hold\":[]");
    expect_changes_error(u, NULL, "units[0].hold: must be an object");
    expect_changes_error("", "[{\"id\":\"C1\",\"name\":{\"zh-Hant\":\"\",\"zh-Hans\":\"\","
                         "\"en\":\"\"},\"pin_hash\":\"73915\",\"version\":5}]",
                         "consultants[0].pin_hash: not a pbkdf2-sha256 hash");
    expect_changes_error("", "[{\"id\":\"C1\",\"name\":{\"zh-Hant\":\"\",\"zh-Hans\":\"\","
                         "\"en\":\"\"},\"pin_hash\":\"\",\"active\":0,\"version\":5}]",
                         "consultants[0].active: must be true or false");
    expect_changes_error("", "[{\"id\":\"C1\",\"name\":{\"zh-Hant\":\"\",\"zh-Hans\":\"\","
                         "\"en\":\"\"},\"pin_hash\":\"\",\"active\":false,\"version\":4}]",
                         "consultants[0].version: 4 is not in (since, version]");
    expect_changes_error("", "{}", "consultants: must be an array");
}

static void test_hold_requests(void **state)
{
    (void)state;
    proto_hold_request_t r;
    diag_t d;
    const char *ok = "{\"unit_id\":\"B1-101\",\"consultant_id\":\"C01\",\"minutes\":30}";
    assert_int_equal(proto_decode_hold_request(ok, strlen(ok), &r, &d), 0);
    assert_string_equal(r.unit_id, "B1-101");
    assert_int_equal(r.minutes, 30);
    size_t len;
    char *back = proto_encode_hold_request(&r, &len);
    assert_string_equal(back, ok);
    free(back);
    const struct { const char *body, *want; } bad[] = {
        {"{\"unit_id\":\"B1-101\",\"minutes\":30}", "consultant_id: missing"},
        {"{\"unit_id\":\"B1 101\",\"consultant_id\":\"C\",\"minutes\":30}", "unit_id: 'B1 101'"},
        {"{\"unit_id\":\"U\",\"consultant_id\":\"C\",\"minutes\":0}", "minutes: 0 is out of range"},
        {"{\"unit_id\":\"U\",\"consultant_id\":\"C\",\"minutes\":\"5\"}", "minutes: must be an integer"},
        {"[1]", "body: must be a JSON object"},
        {"{\"unit_id\":", "body:"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        diag_clear(&d);
        assert_int_equal(proto_decode_hold_request(bad[i].body, strlen(bad[i].body), &r, &d), -1);
        if (!strstr(d.msg, bad[i].want))
            fail_msg("'%s': '%s' does not say '%s'", bad[i].body, d.msg, bad[i].want);
    }
    char cid[MODEL_ID_MAX];
    const char *rel = "{\"consultant_id\":\"C01\"}";
    assert_int_equal(proto_decode_release_request(rel, strlen(rel), cid, &d), 0);
    assert_string_equal(cid, "C01");
    assert_int_equal(proto_decode_release_request("{}", 2, cid, &d), -1);
    assert_non_null(strstr(d.msg, "consultant_id: missing"));

    proto_hold_t h = {.id = "h-1", .unit_id = "B1-101", .consultant_id = "C01",
                      .kiosk = "lobby", .created_at = 10, .expires_at = 1810,
                      .state = "active"}, h2;
    int64_t v = 0;
    char *body = proto_encode_hold(&h, 42, &len);
    assert_int_equal(proto_decode_hold(body, len, &h2, &v, &d), 0);
    assert_int_equal(v, 42);
    assert_string_equal(h2.kiosk, "lobby");
    assert_int_equal(h2.expires_at, 1810);
    free(body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snapshot_round_trip),
        cmocka_unit_test(test_changes_round_trip),
        cmocka_unit_test(test_hostile_changes_rejected_with_a_path),
        cmocka_unit_test(test_hostile_snapshot_rejected),
        cmocka_unit_test(test_hostile_project_info_rejected),
        cmocka_unit_test(test_memory_budget),
        cmocka_unit_test(test_error_body),
        cmocka_unit_test(test_consultants_and_holds_on_the_wire),
        cmocka_unit_test(test_hostile_holds_and_consultants),
        cmocka_unit_test(test_hold_requests),
    };
    return cmocka_run_group_tests_name("proto", tests, NULL, NULL);
}
