/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The generated messages behind sms-fill and sms-burst: decoded with
 * modemd's own PDU codec (src/parse), so a test can predict what the
 * daemon shows; and the model's fill and burst (counts, room, events). */
#include <glib.h>

#include "md-sms-pdu.h"
#include "sim-control.h"
#include "sim-model.h"
#include "sim-sms-gen.h"

static MdSmsPart *
decode (const char *hex)
{
  g_autoptr (GError) error = NULL;
  MdSmsPart *part = md_sms_pdu_decode_hex (hex, TRUE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (part);
  return part;
}

static void
test_single_parts (void)
{
  static const struct {
    guint serial;
    const char *number;
    const char *text;
    const char *timestamp;
  } cases[] = {
    { 0, "+491700000000", "Message 0000 from the simulator", "2026-12-05T08:00:00+01:00" },
    { 4, "+491700000004", "Grüße Message 0004", "2026-12-05T08:00:04+01:00" },
    { 123, "+491700000123", "Message 0123 from the simulator", "2026-12-05T08:02:03+01:00" },
    { 999, "+491700000999", "Message 0999 from the simulator", "2026-12-05T08:16:39+01:00" },
    { 3661, "+491700003661", "Message 3661 from the simulator", "2026-12-05T09:01:01+01:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GPtrArray) pdus = g_ptr_array_new_with_free_func (g_free);
    g_autoptr (MdSmsPart) part = NULL;

    /* Serial 999 is a two-part one only when multipart is asked for. */
    g_assert_cmpuint (sim_sms_gen_message (cases[i].serial, "Message", FALSE, pdus), ==, 1);
    part = decode (g_ptr_array_index (pdus, 0));
    g_assert_cmpstr (part->smsc, ==, "+31624000000");
    g_assert_cmpstr (part->number, ==, cases[i].number);
    g_assert_cmpstr (part->text, ==, cases[i].text);
    g_assert_cmpstr (part->timestamp, ==, cases[i].timestamp);
    g_assert_false (part->concat);
  }
}

static void
test_two_parts (void)
{
  g_autoptr (GPtrArray) pdus = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (MdSmsPart) first = NULL;
  g_autoptr (MdSmsPart) second = NULL;

  g_assert_cmpuint (sim_sms_gen_message (259, "Message", TRUE, pdus), ==, 2);
  first = decode (g_ptr_array_index (pdus, 0));
  second = decode (g_ptr_array_index (pdus, 1));
  g_assert_true (first->concat && second->concat);
  g_assert_cmpuint (first->concat_reference, ==, 259 & 0xFF);
  g_assert_cmpuint (second->concat_reference, ==, 259 & 0xFF);
  g_assert_cmpuint (first->concat_max, ==, 2);
  g_assert_cmpuint (first->concat_sequence, ==, 1);
  g_assert_cmpuint (second->concat_sequence, ==, 2);
  g_assert_cmpstr (first->text, ==, "Message 0259, first part; ");
  g_assert_cmpstr (second->text, ==, "second part.");
  g_assert_cmpstr (first->number, ==, second->number);
  g_assert_cmpuint (sim_sms_gen_entries (1000, TRUE), ==, 1100);
  g_assert_cmpuint (sim_sms_gen_entries (1000, FALSE), ==, 1000);
}

static void
count_received (const SimEvent *event, gpointer user_data)
{
  if (event->kind == SIM_EVENT_SMS_RECEIVED)
    (*(guint *)user_data)++;
}

static void
test_model_fill_and_burst (void)
{
  g_autoptr (SimModel) model = sim_model_new ();
  g_autoptr (GError) error = NULL;
  guint received = 0;
  guint id = sim_model_subscribe (model, count_received, &received);

  model->sms_capacity = 1200;
  /* 1000 messages, 100 of them in two parts: 1100 entries, no events. */
  g_assert_cmpuint (sim_model_fill_sms (model, 1000, &error), ==, 1100);
  g_assert_no_error (error);
  g_assert_cmpuint (model->sms->len, ==, 1100);
  g_assert_cmpuint (received, ==, 0);
  g_assert_cmpuint (((SimSms *)g_ptr_array_index (model->sms, 0))->status, ==, SIM_SMS_UNREAD);
  g_assert_cmpuint (((SimSms *)g_ptr_array_index (model->sms, 1))->status, ==, SIM_SMS_READ);
  /* 101 do not fit in the 100 entries left: nothing is stored. */
  g_assert_cmpuint (sim_model_burst_sms (model, 101, 0, &error), ==, 0);
  g_assert_error (error, SIM_ERROR, SIM_ERROR_MEMORY_FULL);
  g_clear_error (&error);
  g_assert_cmpuint (model->sms->len, ==, 1100);
  g_assert_cmpuint (sim_model_burst_sms (model, 100, 0, &error), ==, 100);
  g_assert_no_error (error);
  g_assert_cmpuint (received, ==, 100);
  g_assert_cmpuint (((SimSms *)g_ptr_array_index (model->sms, 1199))->index, ==, 1200);
  sim_model_unsubscribe (model, id);
}

static void
test_control_commands (void)
{
  g_autoptr (SimModel) model = sim_model_new ();
  SimControlTarget target = { .model = model };
  SimControlAction action;
  static const struct {
    const char *line;
    const char *reply;
  } cases[] = {
    { "sms-fill 10", "OK 11" },
    { "sms-burst 9", "OK 9" }, /* the default capacity, 20, is now full */
    { "sms-burst 1", "ERROR 1 free entries needed, 0 free" },
    { "sms-fill 0", "ERROR expected a count of 1-10000" },
    { "sms-burst 10001", "ERROR expected a count of 1-10000 and a gap of 0-10000 ms" },
    { "sms-burst 1 2 3", "ERROR expected a count of 1-10000 and a gap of 0-10000 ms" },
    { "sms-fill 1 2", "ERROR expected a count of 1-10000" },
    { "sms-fill many", "ERROR expected a count of 1-10000" },
    { "get sms-count", "OK 20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *reply = sim_control_execute (&target, cases[i].line, &action);

    g_assert_cmpstr (reply, ==, cases[i].reply);
    g_assert_cmpint (action, ==, SIM_CONTROL_CONTINUE);
  }
}

static void
test_paced_burst (void)
{
  g_autoptr (SimModel) model = sim_model_new ();
  g_autoptr (GError) error = NULL;
  guint received = 0;
  guint id = sim_model_subscribe (model, count_received, &received);

  /* Nothing arrives before the main loop runs; then one every 5 ms. */
  g_assert_cmpuint (sim_model_burst_sms (model, 3, 5, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpuint (received, ==, 0);
  g_assert_cmpuint (sim_model_burst_sms (model, 1, 0, &error), ==, 0);
  g_assert_error (error, SIM_ERROR, SIM_ERROR_NOT_ALLOWED);
  while (received < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (model->sms->len, ==, 3);
  g_assert_null (model->sms_burst);
  /* A model freed mid-burst stops it. */
  g_assert_cmpuint (sim_model_burst_sms (model, 3, 5, NULL), ==, 3);
  sim_model_unsubscribe (model, id);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/sms-gen/single-parts", test_single_parts);
  g_test_add_func ("/sim/sms-gen/two-parts", test_two_parts);
  g_test_add_func ("/sim/sms-gen/model-fill-and-burst", test_model_fill_and_burst);
  g_test_add_func ("/sim/sms-gen/control-commands", test_control_commands);
  g_test_add_func ("/sim/sms-gen/paced-burst", test_paced_burst);
  return g_test_run ();
}
