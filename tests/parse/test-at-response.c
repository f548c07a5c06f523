/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Final-result classification, line splitting and identity parsing, table
 * driven with what real modems send. */
#include <string.h>

#include "md-at-info.h"
#include "md-at-lines.h"
#include "md-at-response.h"
#include "md-errors.h"

static void
test_classify (void)
{
  static const struct {
    const char *line;
    MdAtFinal final;
    const char *domain;
    gint code;
  } cases[] = {
    { "OK", MD_AT_FINAL_OK, NULL, 0 },
    { "  OK ", MD_AT_FINAL_OK, NULL, 0 },
    { "ERROR", MD_AT_FINAL_ERROR, "core", MD_CORE_ERROR_FAILED },
    { "+CME ERROR: 11", MD_AT_FINAL_CME_ERROR, "me", MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN },
    { "+CME ERROR: 16", MD_AT_FINAL_CME_ERROR, "me", MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD },
    { "+CME ERROR: incorrect password", MD_AT_FINAL_CME_ERROR, "me",
      MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD },
    { "+CME ERROR: SIM not inserted", MD_AT_FINAL_CME_ERROR, "me",
      MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED },
    { "+CME ERROR: sim puk required", MD_AT_FINAL_CME_ERROR, "me", MD_MOBILE_EQUIPMENT_ERROR_SIM_PUK },
    { "+CME ERROR: operation not allowed", MD_AT_FINAL_CME_ERROR, "me",
      MD_MOBILE_EQUIPMENT_ERROR_NOT_ALLOWED },
    { "+CME ERROR: 8", MD_AT_FINAL_CME_ERROR, "me", MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN },
    { "+CME ERROR: vendor oddity", MD_AT_FINAL_CME_ERROR, "me", MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN },
    { "+CMS ERROR: 321", MD_AT_FINAL_CMS_ERROR, "ms", MD_MESSAGE_ERROR_INVALID_INDEX },
    { "+CMS ERROR: 999", MD_AT_FINAL_CMS_ERROR, "ms", MD_MESSAGE_ERROR_UNKNOWN },
    { "NO CARRIER", MD_AT_FINAL_NO_CARRIER, "conn", MD_CONNECTION_ERROR_NO_CARRIER },
    { "BUSY", MD_AT_FINAL_BUSY, "conn", MD_CONNECTION_ERROR_BUSY },
    { "NO ANSWER", MD_AT_FINAL_NO_ANSWER, "conn", MD_CONNECTION_ERROR_NO_ANSWER },
    { "NO DIALTONE", MD_AT_FINAL_NO_DIALTONE, "conn", MD_CONNECTION_ERROR_NO_DIALTONE },
    { "CONNECT", MD_AT_FINAL_CONNECT, NULL, 0 },
    { "CONNECT 150000000", MD_AT_FINAL_CONNECT, NULL, 0 },
    { ">", MD_AT_FINAL_PROMPT, NULL, 0 },
    { "+CSQ: 20,99", MD_AT_FINAL_NONE, NULL, 0 },
    { "OKAY", MD_AT_FINAL_NONE, NULL, 0 },
    { "CONNECTED", MD_AT_FINAL_NONE, NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    MdAtFinal final = md_at_classify_line (cases[i].line, &error);

    g_test_message ("case '%s'", cases[i].line);
    g_assert_cmpint (final, ==, cases[i].final);
    if (!cases[i].domain) {
      g_assert_no_error (error);
      continue;
    }
    g_assert_error (error,
                    (g_str_equal (cases[i].domain, "core") ? MD_CORE_ERROR
                     : g_str_equal (cases[i].domain, "me") ? MD_MOBILE_EQUIPMENT_ERROR
                     : g_str_equal (cases[i].domain, "ms") ? MD_MESSAGE_ERROR
                                                           : MD_CONNECTION_ERROR),
                    cases[i].code);
    g_assert_false (md_at_final_is_success (final));
  }
}

/* Feeds text in chunks of every size from 1 to 7 and collects the lines. */
static char *
split (const char *text, gsize chunk)
{
  g_autoptr (MdAtLineBuffer) buffer = md_at_line_buffer_new ();
  GString *out = g_string_new (NULL);
  gsize len = strlen (text);
  char *line;

  for (gsize i = 0; i < len; i += chunk) {
    md_at_line_buffer_feed (buffer, (const guint8 *)text + i, MIN (chunk, len - i));
    while ((line = md_at_line_buffer_next (buffer))) {
      g_string_append_printf (out, "[%s]", line);
      g_free (line);
    }
  }
  return g_string_free (out, FALSE);
}

static void
test_lines (void)
{
  static const struct {
    const char *input;
    const char *lines;
  } cases[] = {
    { "\r\nOK\r\n", "[OK]" },
    { "AT+CGMI\r\r\nQuectel\r\n\r\nOK\r\n", "[AT+CGMI][Quectel][OK]" },
    { "\n\rOK\n\r", "[OK]" },
    { "\rERROR\r", "[ERROR]" },
    { "\r\n\r\n\r\n+CREG: 1\r\n", "[+CREG: 1]" },
    { "\r\n> ", "[>]" },
    { "+CSQ: 20,99\r\n\r\nOK", "[+CSQ: 20,99]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    for (gsize chunk = 1; chunk <= 7; chunk++) {
      g_autofree char *got = split (cases[i].input, chunk);

      g_assert_cmpstr (got, ==, cases[i].lines);
    }
  }
}

static void
test_lines_nul (void)
{
  g_autoptr (MdAtLineBuffer) buffer = md_at_line_buffer_new ();
  g_autofree char *line = NULL;

  md_at_line_buffer_feed (buffer, (const guint8 *)"\0O\0K\r\n", 6);
  line = md_at_line_buffer_next (buffer);
  g_assert_cmpstr (line, ==, "OK");
}

static void
test_lines_large (void)
{
  g_autoptr (MdAtLineBuffer) buffer = md_at_line_buffer_new ();
  GString *text = g_string_new (NULL);
  guint count = 0;
  char *line;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text, "+CMGL: %u,1,,23\r\n0791132604000%016u\r\n", i, i);
  g_assert_cmpuint (text->len, >, 64 * 1024);
  md_at_line_buffer_feed (buffer, (const guint8 *)text->str, text->len);
  while ((line = md_at_line_buffer_next (buffer))) {
    count++;
    g_free (line);
  }
  g_assert_cmpuint (count, ==, 4000);
  g_assert_cmpuint (md_at_line_buffer_pending (buffer), ==, 0);
  g_string_free (text, TRUE);
}

static void
test_identity (void)
{
  g_autofree char *a = md_at_info_value ("+CGMI: \"Quectel\"", "+CGMI:");
  g_autofree char *b = md_at_info_value ("Sierra Wireless, Incorporated", "+CGMI:");
  g_autofree char *c = md_at_info_value ("", "+CGMI:");
  g_autofree char *d = md_at_parse_imei ("862636050012345");
  g_autofree char *e = md_at_parse_imei ("+CGSN: \"490154203237518\"");
  g_autofree char *f = md_at_parse_imei ("IMEI: 35 209900 176148 1");
  g_autofree char *bad = md_at_parse_imei ("ERROR-ish");
  g_autofree char *manufacturer = NULL, *model = NULL, *revision = NULL;
  g_autofree char *m2 = NULL, *mo2 = NULL, *r2 = NULL;

  g_assert_cmpstr (a, ==, "Quectel");
  g_assert_cmpstr (b, ==, "Sierra Wireless, Incorporated");
  g_assert_null (c);
  g_assert_cmpstr (d, ==, "862636050012345");
  g_assert_cmpstr (e, ==, "490154203237518");
  g_assert_cmpstr (f, ==, "352099001761481");
  g_assert_null (bad);
  md_at_parse_ati (
    "Manufacturer: Sierra Wireless, Incorporated\nModel: MC7455\nRevision: SWI9X30C_02.33.03.00",
    &manufacturer, &model, &revision);
  g_assert_cmpstr (manufacturer, ==, "Sierra Wireless, Incorporated");
  g_assert_cmpstr (model, ==, "MC7455");
  g_assert_cmpstr (revision, ==, "SWI9X30C_02.33.03.00");
  md_at_parse_ati ("Quectel\nEC25\nRevision: EC25EFAR06A06M4G", &m2, &mo2, &r2);
  g_assert_cmpstr (m2, ==, "Quectel");
  g_assert_cmpstr (mo2, ==, "EC25");
  g_assert_cmpstr (r2, ==, "EC25EFAR06A06M4G");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-response/classify", test_classify);
  g_test_add_func ("/at-lines/split", test_lines);
  g_test_add_func ("/at-lines/nul", test_lines_nul);
  g_test_add_func ("/at-lines/large", test_lines_large);
  g_test_add_func ("/at-info/identity", test_identity);
  return g_test_run ();
}
