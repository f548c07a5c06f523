/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Nicks and the -K / -J printers against text the real mmcli 1.20.4
 * printed for the same values (recorded from it against modemd). */
#include <string.h>

#include "mc-nicks.h"
#include "mc-output.h"
#include "md-enums.h"

typedef struct {
  McOutput *out;
  char *text;
  size_t len;
} Capture;

static void
capture_start (Capture *c, McOutputType type)
{
  c->out = mc_output_new (type);
  c->out->stream = open_memstream (&c->text, &c->len);
}

static char *
capture_end (Capture *c)
{
  fclose (c->out->stream);
  mc_output_free (c->out);
  return c->text;
}

static void
test_nicks (void)
{
  g_autofree char *caps
    = mc_flags_string (mc_nicks_MdModemCapability, MD_MODEM_CAPABILITY_GSM_UMTS | MD_MODEM_CAPABILITY_LTE);
  g_autofree char *none = mc_flags_string (mc_nicks_MdModemMode, MD_MODEM_MODE_NONE);
  g_autofree char *any = mc_flags_string (mc_nicks_MdModemMode, MD_MODEM_MODE_ANY);
  g_autofree char *families = mc_flags_string (mc_nicks_MdBearerIpFamily, 7);
  g_autofree char *unknown_bit = mc_flags_string (mc_nicks_MdModemCapability, 1u << 30);
  guint32 value = 0;

  g_assert_cmpstr (caps, ==, "gsm-umts, lte");
  g_assert_cmpstr (none, ==, "none");
  g_assert_cmpstr (any, ==, "any");
  g_assert_cmpstr (families, ==, "ipv4, ipv6, ipv4v6");
  g_assert_null (unknown_bit);
  g_assert_cmpstr (mc_enum_nick (mc_nicks_MdModemState, (guint32)MD_MODEM_STATE_FAILED), ==, "failed");
  g_assert_cmpstr (mc_enum_nick (mc_nicks_MdModemBand, MD_MODEM_BAND_EUTRAN_1), ==, "eutran-1");
  g_assert_cmpstr (mc_enum_nick (mc_nicks_MdModemAccessTechnology, MD_MODEM_ACCESS_TECHNOLOGY_1XRTT), ==,
                   "1xrtt");
  g_assert_null (mc_enum_nick (mc_nicks_MdModemState, 99));
  g_assert_true (mc_enum_parse (mc_nicks_MdModemMode, "4G", &value));
  g_assert_cmpuint (value, ==, MD_MODEM_MODE_4G);
  g_assert_false (mc_enum_parse (mc_nicks_MdModemMode, "6g", &value));
}

static void
test_keyvalue (void)
{
  Capture c;
  g_autofree char *text = NULL;
  const char *const numbers[] = { "+491701234567", NULL };

  capture_start (&c, MC_OUTPUT_KEYVALUE);
  /* Added out of order: -K prints in mmcli's field order. */
  mc_output_string (c.out, MC_F_MODEM_STATE, "disabled");
  mc_output_string (c.out, MC_F_MODEM_DBUS_PATH, "/org/freedesktop/ModemManager1/Modem/0");
  mc_output_string (c.out, MC_F_MODEM_CARRIER_CONF, "");
  mc_output_string (c.out, MC_F_MODEM_LOCK, "none");
  mc_output_list (c.out, MC_F_MODEM_UNLOCK_RETRIES, "sim-pin (3), sim-puk (10)");
  mc_output_array (c.out, MC_F_MODEM_OWN_NUMBERS, numbers, FALSE);
  mc_output_list (c.out, MC_F_MODEM_SUPPORTED_BANDS, "unknown");
  mc_output_string (c.out, MC_F_MODEM_MODEL, "a\tb\"c");
  mc_output_dump (c.out);
  text = capture_end (&c);
  g_assert_cmpstr (text, ==,
                   "modem.dbus-path                       : /org/freedesktop/ModemManager1/Modem/0\n"
                   "modem.generic.model                   : a\\tb\\\"c\n"
                   "modem.generic.carrier-configuration   : --\n"
                   "modem.generic.own-numbers.length      : 1\n"
                   "modem.generic.own-numbers.value[1]    : +491701234567\n"
                   "modem.generic.unlock-required         : --\n"
                   "modem.generic.unlock-retries.length   : 2\n"
                   "modem.generic.unlock-retries.value[1] : sim-pin (3)\n"
                   "modem.generic.unlock-retries.value[2] : sim-puk (10)\n"
                   "modem.generic.state                   : disabled\n"
                   "modem.generic.supported-bands         : --\n");
}

static void
test_json (void)
{
  Capture c;
  g_autofree char *text = NULL;
  const char *const dns[] = { "10.0.0.1", "10.0.0.2", NULL };

  capture_start (&c, MC_OUTPUT_JSON);
  mc_output_string (c.out, MC_F_BEARER_DBUS_PATH, "/org/freedesktop/ModemManager1/Bearer/0");
  mc_output_string (c.out, MC_F_BEARER_CONNECTED, "yes");
  mc_output_array (c.out, MC_F_BEARER_IPV4_DNS, dns, FALSE);
  mc_output_string (c.out, MC_F_BEARER_IPV4_MTU, NULL);
  mc_output_string (c.out, MC_F_BEARER_PROP_APN, "a\nb\x01");
  mc_output_array (c.out, MC_F_BEARER_IPV6_DNS, NULL, FALSE);
  mc_output_dump (c.out);
  text = capture_end (&c);
  g_assert_cmpstr (text, ==,
                   "{\"bearer\":{\"dbus-path\":\"/org/freedesktop/ModemManager1/Bearer/0\","
                   "\"ipv4-config\":{\"dns\":[\"10.0.0.1\",\"10.0.0.2\"],\"mtu\":\"--\"},"
                   "\"ipv6-config\":{\"dns\":[]},"
                   "\"properties\":{\"apn\":\"a\\nb\\u0001\"},"
                   "\"status\":{\"connected\":\"yes\"}}}\n");
}

static void
test_lists (void)
{
  struct {
    McOutputType type;
    gboolean one;
    const char *expected;
  } cases[] = {
    /* mmcli cuts the length key to the width of the bare key when the
     * list is empty. */
    { MC_OUTPUT_KEYVALUE, FALSE, "modem-list : 0\n" },
    { MC_OUTPUT_KEYVALUE, TRUE,
      "modem-list.length   : 1\nmodem-list.value[1] : /org/freedesktop/ModemManager1/Modem/0\n" },
    { MC_OUTPUT_JSON, FALSE, "{\"modem-list\":[]}\n" },
    { MC_OUTPUT_JSON, TRUE, "{\"modem-list\":[\"/org/freedesktop/ModemManager1/Modem/0\"]}\n" },
    { MC_OUTPUT_HUMAN, FALSE, "No modems were found\n" },
    { MC_OUTPUT_HUMAN, TRUE, "    /org/freedesktop/ModemManager1/Modem/0 [ACME] One\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    Capture c;
    g_autofree char *text = NULL;

    capture_start (&c, cases[i].type);
    if (cases[i].one)
      mc_output_listitem (c.out, MC_F_MODEM_LIST, "    ", "/org/freedesktop/ModemManager1/Modem/0",
                          "[ACME] One");
    mc_output_dump_list (c.out, MC_F_MODEM_LIST);
    text = capture_end (&c);
    g_assert_cmpstr (text, ==, cases[i].expected);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/output/nicks", test_nicks);
  g_test_add_func ("/cli/output/keyvalue", test_keyvalue);
  g_test_add_func ("/cli/output/json", test_json);
  g_test_add_func ("/cli/output/lists", test_lists);
  return g_test_run ();
}
