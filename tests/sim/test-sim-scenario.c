/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the scenario loader: the shipped scenarios load into the
 * model they describe, and unknown names or bad values are errors that
 * name the key. */
#include "sim-scenario.h"

#include <string.h>

static SimScenario *
load_shipped (const char *name)
{
  g_autofree char *path = g_build_filename (SIM_SCENARIOS_DIR, name, NULL);
  g_autoptr (GError) error = NULL;
  SimScenario *scenario = sim_scenario_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

static void
test_default (void)
{
  g_autoptr (SimScenario) s = load_shipped ("default.ini");
  SimModel *m = s->model;

  g_assert_cmpstr (m->identity.manufacturer, ==, "SIMCOM INCORPORATED");
  g_assert_cmpuint (m->cfun, ==, 4);
  g_assert_cmpint (m->sim.lock, ==, SIM_LOCK_READY);
  g_assert_cmpint (m->net.target, ==, SIM_REG_HOME);
  g_assert_cmpint (m->net.tech, ==, SIM_TECH_LTE);
  g_assert_cmpuint (m->net.available->len, ==, 3);
  g_assert_cmpuint (m->net.lac, ==, 0xC3);
  g_assert_cmpstr (m->net.operator_code, ==, "26201");
  g_assert_cmpstr (m->sim.own_numbers[0], ==, "+491701234567");
  g_assert_null (m->sim.own_numbers[1]);
  g_assert_nonnull (sim_model_find_context (m, 1));
  /* Radio off until a client turns it on. */
  g_assert_cmpint (sim_model_get_registration (m), ==, SIM_REG_IDLE);
  g_assert_cmpuint (s->at.cops_scan_delay_ms, ==, 500);
}

static void
test_others (void)
{
  g_autoptr (SimScenario) locked = load_shipped ("pin-locked.ini");
  g_autoptr (SimScenario) roaming = load_shipped ("roaming.ini");
  g_autoptr (SimScenario) no_sim = load_shipped ("no-sim.ini");
  g_autoptr (SimScenario) minimal = load_shipped ("minimal.ini");

  g_assert_cmpint (locked->model->sim.lock, ==, SIM_LOCK_PIN);
  g_assert_cmpuint (locked->model->sim.pin_retries, ==, 3);
  g_assert_cmpstr (locked->model->sim.puk, ==, "12345678");
  g_assert_cmpint (roaming->model->net.target, ==, SIM_REG_ROAMING);
  g_assert_cmpint (no_sim->model->sim.lock, ==, SIM_LOCK_ABSENT);
  g_assert_true (g_strv_contains ((const char *const *)minimal->at.unsupported, "+CPINR"));
  g_assert_true (g_strv_contains ((const char *const *)minimal->at.unsupported, "+WS46"));
  g_assert_true (g_strv_contains ((const char *const *)minimal->at.unsupported, "+CNUM"));
  g_assert_cmpint (sim_model_get_registration (minimal->model), ==, SIM_REG_HOME);
}

static void
test_values (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SimScenario) s = sim_scenario_load_data (
    "[sim]\npin-enabled=true\npin-max-retries=5\npin-retries=0\n"
    "[network]\noperator-code=310260\noperator-name=T-Mobile\nlac=195\ncell-id=0x1A2B3C\n"
    "[clock]\ntime=2024-02-29T23:59:00Z\nutc-offset-minutes=60\n"
    "[commands]\nunsupported=AT+CPINR;i\n"
    "[modem]\nqmi-data-formats=802-3-only; raw-ip\n",
    &error);

  g_assert_no_error (error);
  /* No retries left: the card wants its PUK. */
  g_assert_cmpint (s->model->sim.lock, ==, SIM_LOCK_PUK);
  g_assert_cmpuint (s->model->sim.pin_max, ==, 5);
  g_assert_cmpuint (s->model->net.lac, ==, 195);
  g_assert_cmpuint (s->model->net.cell_id, ==, 0x1A2B3C);
  g_assert_cmpint (s->model->utc_offset_minutes, ==, 60);
  /* The serving operator joins the scan list when it is not in it. */
  g_assert_cmpuint (s->model->net.available->len, ==, 1);
  g_assert_cmpstr (((SimOperator *)g_ptr_array_index (s->model->net.available, 0))->code, ==, "310260");
  g_assert_true (g_strv_contains ((const char *const *)s->at.unsupported, "+CPINR"));
  g_assert_true (g_strv_contains ((const char *const *)s->at.unsupported, "I"));
  /* Per QMI port: the first keeps 802.3 (and is the model's format). */
  g_assert_true (s->model->qmi_link_fixed[0]);
  g_assert_cmpint (s->model->qmi_link[1], ==, SIM_LINK_LAYER_RAW_IP);
  g_assert_false (s->model->qmi_link_fixed[1]);
  g_assert_cmpint (s->model->data_format.link_layer, ==, SIM_LINK_LAYER_802_3);
}

static void
test_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SimScenario) s = sim_scenario_load_data ("# nothing\n", &error);

  g_assert_no_error (error);
  g_assert_cmpint (s->model->sim.lock, ==, SIM_LOCK_READY);
  g_assert_cmpuint (s->at.escape_guard_ms, ==, 1000);
}

static const struct {
  const char *data;
  GKeyFileError code;
  const char *mentions[2];
} bad_files[] = {
  { "[sim]\npinn=1234\n", G_KEY_FILE_ERROR_KEY_NOT_FOUND, { "'pinn'", "[sim]" } },
  { "[radio]\nx=1\n", G_KEY_FILE_ERROR_GROUP_NOT_FOUND, { "[radio]", NULL } },
  { "[modem]\nx=1\n", G_KEY_FILE_ERROR_KEY_NOT_FOUND, { "'x'", "[modem]" } },
  { "[network]\nregistration=maybe\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "registration", "maybe" } },
  { "[network]\nsignal=40\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "signal", "40" } },
  { "[network]\naccess-technology=6g\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "access-technology", "6g" } },
  { "[network]\nlac=0xZZ\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "lac", "0xZZ" } },
  { "[power]\ncfun=2\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "cfun", "'2'" } },
  { "[identity]\nimei=35693803564380A\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "imei", NULL } },
  { "[sim]\npresent=yes\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "present", "yes" } },
  { "[sim]\npin=12\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "[sim] pin", NULL } },
  { "[sim]\npin-retries=4\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "pin-retries", NULL } },
  { "[operators]\navailable=26201:Telekom.de:lte\n",
    G_KEY_FILE_ERROR_INVALID_VALUE,
    { "available", "26201" } },
  { "[data]\ncontexts=1:PPP:internet\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "contexts", "PPP" } },
  { "[sms]\nstored=unread:0791\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "stored", NULL } },
  { "[clock]\ntime=yesterday\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "time", "yesterday" } },
  { "[commands]\nunsupported=+CPNIR\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "unsupported", "+CPNIR" } },
  { "[commands]\ncops-scan-delay-ms=-1\n", G_KEY_FILE_ERROR_INVALID_VALUE, { "cops-scan-delay-ms", NULL } },
  { "[modem]\nqmi-data-formats=raw-ip;qmap\n",
    G_KEY_FILE_ERROR_INVALID_VALUE,
    { "qmi-data-formats", "qmap" } },
  { "[modem]\nqmi-data-formats=802-3;802-3;802-3;802-3;802-3\n",
    G_KEY_FILE_ERROR_INVALID_VALUE,
    { "qmi-data-formats", "at most 4" } },
};

static void
test_bad_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (SimScenario) s = sim_scenario_load_data (bad_files[i].data, &error);

    g_test_message ("scenario: %s", bad_files[i].data);
    g_assert_null (s);
    g_assert_error (error, G_KEY_FILE_ERROR, (gint)bad_files[i].code);
    for (guint j = 0; j < G_N_ELEMENTS (bad_files[i].mentions); j++) {
      if (bad_files[i].mentions[j])
        g_assert_nonnull (strstr (error->message, bad_files[i].mentions[j]));
    }
  }
}

static void
test_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SimScenario) s = sim_scenario_load_file ("/nonexistent/scenario.ini", &error);

  g_assert_null (s);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/scenario/default", test_default);
  g_test_add_func ("/sim/scenario/others", test_others);
  g_test_add_func ("/sim/scenario/values", test_values);
  g_test_add_func ("/sim/scenario/empty", test_empty);
  g_test_add_func ("/sim/scenario/bad-files", test_bad_files);
  g_test_add_func ("/sim/scenario/missing-file", test_missing_file);
  return g_test_run ();
}
