/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The D-Bus layer's input validators, table-driven: good values pass,
 * hostile ones (quotes, ';', CR/LF, control and non-ASCII bytes, over-long
 * text, out-of-range numbers, wrong types) fail with Core.InvalidArgs and an
 * error message that does not repeat the hostile text. */
#include "md-bearer-properties.h"
#include "md-request-3gpp-profile.h"
#include "md-errors.h"
#include "md-request-bearer.h"
#include "md-request-location.h"
#include "md-request-network.h"
#include "md-request-power.h"
#include "md-request-profile.h"
#include "md-request-signal.h"
#include "md-request-sim.h"
#include "md-request-text.h"
#include "md-request-ussd.h"

/* The exact injection of the issue report. */
#define INJECTION "26201\";+CFUN=4;+COPS=1,2,\"26201"

typedef gboolean (*CheckText) (const char *text, GError **error);

typedef struct {
  const char *text;
  gboolean ok;
} TextCase;

static void
assert_refused (GError *error)
{
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  /* The message names the problem, never the caller's text. */
  g_assert_null (strstr (error->message, "CFUN"));
  for (const char *p = error->message; *p; p++)
    g_assert_true ((guchar)*p >= 0x20 && (guchar)*p < 0x7f);
}

static void
run_text_cases (CheckText check, const TextCase *cases, gsize n)
{
  for (gsize i = 0; i < n; i++) {
    g_autoptr (GError) error = NULL;
    gboolean ok = check (cases[i].text, &error);

    if (ok != cases[i].ok)
      g_error ("case %zu (%s): expected %s", i, cases[i].text ? cases[i].text : "NULL",
               cases[i].ok ? "accepted" : "refused");
    if (ok)
      g_assert_no_error (error);
    else
      assert_refused (error);
  }
}

static char *
repeat (char c, gsize n)
{
  char *text = g_malloc (n + 1);

  memset (text, c, n);
  text[n] = '\0';
  return text;
}

static void
test_pin (void)
{
  static const TextCase cases[] = {
    { "1234", TRUE },
    { "0000", TRUE },
    { "12345678", TRUE },
    { "", FALSE },
    { "123", FALSE },
    { "123456789", FALSE },
    { "12a4", FALSE },
    { "1234\"", FALSE },
    { "12;4", FALSE },
    { "1234\r", FALSE },
    { "1234\n", FALSE },
    { "12\x01"
      "4",
      FALSE },
    { "1234 ", FALSE },
    { "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94", FALSE }, /* fullwidth digits */
    { "1234\",\"5678", FALSE },
    { INJECTION, FALSE },
    { NULL, FALSE },
  };

  run_text_cases (md_request_check_pin, cases, G_N_ELEMENTS (cases));
}

static void
test_puk (void)
{
  static const TextCase cases[] = {
    { "12345678", TRUE }, { "00000000", TRUE },   { "1234567", FALSE },  { "123456789", FALSE },
    { "1234", FALSE },    { "1234567\"", FALSE }, { "1234;678", FALSE }, { "1234567\n", FALSE },
    { "", FALSE },        { NULL, FALSE },
  };

  run_text_cases (md_request_check_puk, cases, G_N_ELEMENTS (cases));
}

static void
test_operator_id (void)
{
  static const TextCase cases[] = {
    { "", TRUE },                                                  /* automatic selection */
    { "26201", TRUE },    { "310410", TRUE },   { "00101", TRUE }, /* MCC 001: test networks */
    { "00001", FALSE },   { "2620", FALSE },    { "2620123", FALSE }, { "2620a", FALSE },
    { "26201\"", FALSE }, { "26201;", FALSE },  { "26201\r", FALSE }, { "26201\n", FALSE },
    { " 26201", FALSE },  { INJECTION, FALSE }, { NULL, FALSE },
  };

  run_text_cases (md_request_check_operator_id, cases, G_N_ELEMENTS (cases));
}

static void
test_apn (void)
{
  g_autofree char *longest = repeat ('a', MD_BEARER_APN_MAX_LENGTH);
  g_autofree char *too_long = repeat ('a', MD_BEARER_APN_MAX_LENGTH + 1);
  const TextCase cases[] = {
    { "internet", TRUE },
    { "web.vodafone.de", TRUE },
    { "a-b_c.D9", TRUE },
    { "", TRUE }, /* the network's default */
    { longest, TRUE },
    { too_long, FALSE },
    { "inter net", FALSE },
    { "internet\"", FALSE },
    { "internet\";+CFUN=4;+CGDCONT=1,\"IP\",\"x", FALSE },
    { "internet;", FALSE },
    { "inter\rnet", FALSE },
    { "internet\n", FALSE },
    { "inter\x7fnet", FALSE },
    { "int\xc3\xa9rnet", FALSE },
    { "inter\\net", FALSE },
  };

  run_text_cases (md_request_check_apn, cases, G_N_ELEMENTS (cases));
  g_assert_true (md_request_check_apn (NULL, NULL)); /* not given */
}

static gboolean
check_user (const char *text, GError **error)
{
  return md_request_check_credential ("user", text, error);
}

static void
test_credentials (void)
{
  g_autofree char *longest = repeat ('x', MD_REQUEST_CREDENTIAL_MAX_LENGTH);
  g_autofree char *too_long = repeat ('x', MD_REQUEST_CREDENTIAL_MAX_LENGTH + 1);
  const TextCase cases[] = {
    { "user", TRUE },
    { "", TRUE },
    { "p@ss w0rd!;,'{}~", TRUE },
    { longest, TRUE },
    { too_long, FALSE },
    { "pa\"ss", FALSE },
    { "pa\\ss", FALSE },
    { "pa\rss", FALSE },
    { "pa\nss", FALSE },
    { "pa\tss", FALSE },
    { "pa\x1bss", FALSE },
    { "pa\x7fss", FALSE },
    { "p\xc3\xa4ss", FALSE },
    { "x\",\"y\";+CFUN=4", FALSE },
  };

  run_text_cases (check_user, cases, G_N_ELEMENTS (cases));
}

static void
test_number (void)
{
  g_autofree char *longest = repeat ('1', MD_REQUEST_NUMBER_MAX_LENGTH);
  g_autofree char *too_long = repeat ('1', MD_REQUEST_NUMBER_MAX_LENGTH + 1);
  const TextCase cases[] = {
    { "*99#", TRUE },    { "*99***1#", TRUE }, { "+493012345", TRUE }, { longest, TRUE },
    { too_long, FALSE }, { "", FALSE },        { "*99#;", FALSE },     { "*99#;+CFUN=4", FALSE },
    { "*99#\r", FALSE }, { "1 2", FALSE },     { "\"*99#\"", FALSE },  { "ATH", FALSE },
  };

  run_text_cases (md_request_check_number, cases, G_N_ELEMENTS (cases));
}

typedef struct {
  guint32 value;
  gboolean ok;
} NumberCase;

static void
test_allowed_auth (void)
{
  static const NumberCase cases[] = {
    { MD_BEARER_ALLOWED_AUTH_UNKNOWN, TRUE },
    { MD_BEARER_ALLOWED_AUTH_NONE, TRUE },
    { MD_BEARER_ALLOWED_AUTH_PAP, TRUE },
    { MD_BEARER_ALLOWED_AUTH_PAP | MD_BEARER_ALLOWED_AUTH_CHAP, TRUE },
    { 0x3f, TRUE },
    { 0x40, FALSE },
    { 0x80 | MD_BEARER_ALLOWED_AUTH_PAP, FALSE },
    { 0x80000000, FALSE },
    { 0xffffffff, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;

    g_assert_cmpint (md_request_check_allowed_auth (cases[i].value, &error), ==, cases[i].ok);
    if (!cases[i].ok)
      assert_refused (error);
  }
}

static void
test_ip_type (void)
{
  static const NumberCase cases[] = {
    { MD_BEARER_IP_FAMILY_NONE, TRUE },
    { MD_BEARER_IP_FAMILY_IPV4, TRUE },
    { MD_BEARER_IP_FAMILY_IPV6, TRUE },
    { MD_BEARER_IP_FAMILY_IPV4V6, TRUE },
    { MD_BEARER_IP_FAMILY_NON_IP, TRUE },
    { MD_BEARER_IP_FAMILY_ANY, TRUE },
    { MD_BEARER_IP_FAMILY_IPV4 | MD_BEARER_IP_FAMILY_IPV6, FALSE },
    { 0x10, FALSE },
    { 0x80000000, FALSE },
    { 0xffffffff, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;

    g_assert_cmpint (md_request_check_ip_type (cases[i].value, &error), ==, cases[i].ok);
    if (!cases[i].ok)
      assert_refused (error);
  }
}

static void
test_signal_rate (void)
{
  static const NumberCase cases[] = {
    { 0, TRUE }, { 1, TRUE }, { 5, TRUE }, { 86400, TRUE }, { 86401, FALSE }, { 0xffffffff, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;

    g_assert_cmpint (md_request_signal_rate (cases[i].value, &error), ==, cases[i].ok);
    if (!cases[i].ok)
      assert_refused (error);
  }
}

static void
test_location_sources (void)
{
  static const struct {
    guint32 sources, capabilities;
    int code; /* -1: accepted */
  } cases[] = {
    { 0, 1, -1 },
    { 1, 1, -1 },
    { 0, 0, -1 },
    { 1, 0, MD_CORE_ERROR_UNSUPPORTED },
    { 4, 1, MD_CORE_ERROR_UNSUPPORTED },
    { 1 | 2 | 4, 1, MD_CORE_ERROR_UNSUPPORTED },
    { 1 << 6, 1, MD_CORE_ERROR_UNSUPPORTED },
    { 1 << 7, 1, MD_CORE_ERROR_INVALID_ARGS },
    { 0x80000001, 0xffffffff, MD_CORE_ERROR_INVALID_ARGS },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    gboolean ok = md_request_location_sources (cases[i].sources, cases[i].capabilities, &error);

    g_assert_cmpint (ok, ==, cases[i].code < 0);
    if (!ok)
      g_assert_error (error, MD_CORE_ERROR, cases[i].code);
  }
}

static void
test_ussd_text (void)
{
  static const struct {
    const char *text;
    gboolean ok;
  } cases[] = {
    { "*100#", TRUE },
    { "1", TRUE },
    { "*#06#", TRUE },
    { "Yes, please", TRUE },
    { "", FALSE },
    { "*100#\"", FALSE },
    { "*100#\";+CFUN=4;+CUSD=1,\"*100#", FALSE },
    { "*100#\\", FALSE },
    { "*100#\r\nAT+CFUN=4", FALSE },
    { "*100#\x1a", FALSE },
    { "*100#\x7f", FALSE },
    { "\xc3\xa4", FALSE },
  };
  g_autofree char *longest = g_strnfill (MD_REQUEST_USSD_MAX, '1');
  g_autofree char *too_long = g_strnfill (MD_REQUEST_USSD_MAX + 1, '1');
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) case_error = NULL;

    g_assert_cmpint (md_request_ussd_text (cases[i].text, &case_error), ==, cases[i].ok);
    if (!cases[i].ok)
      assert_refused (case_error);
  }
  g_assert_true (md_request_ussd_text (longest, NULL));
  g_assert_false (md_request_ussd_text (too_long, &error));
  assert_refused (error);
}

static void
test_profile_dictionaries (void)
{
  static const struct {
    const char *dict;
    int code; /* -1: accepted */
    gint id;
    const char *apn;
    guint32 ip_type;
  } set_cases[] = {
    { "{'apn': <'internet'>}", -1, -1, "internet", 0 },
    { "{'apn': <'ims'>, 'ip-type': <uint32 4>, 'profile-id': <3>}", -1, 3, "ims", 4 },
    { "{'apn': <''>, 'profile-id': <-1>, 'ip-type': <uint32 0xFFFFFFF7>}", -1, -1, "", 0 },
    { "{'apn': <'x'>, 'colour': <'blue'>}", MD_CORE_ERROR_INVALID_ARGS },
    { "{'apn': <'x'>, 'profile-id': <0>}", MD_CORE_ERROR_INVALID_ARGS },
    { "{'apn': <'x'>, 'profile-id': <uint32 1>}", MD_CORE_ERROR_INVALID_ARGS },
    { "{'apn': <'x'>, 'ip-type': <uint32 3>}", MD_CORE_ERROR_INVALID_ARGS },
    { "{'apn': <'x\";+CFUN=4'>}", MD_CORE_ERROR_INVALID_ARGS },
    { "{'profile-id': <1>}", MD_CORE_ERROR_INVALID_ARGS },
    { "{'apn': <'x'>, 'user': <'me'>}", MD_CORE_ERROR_UNSUPPORTED },
    { "{'apn': <'x'>, 'profile-enabled': <true>}", MD_CORE_ERROR_UNSUPPORTED },
  };
  static const struct {
    const char *dict;
    gint id; /* 0: refused */
  } delete_cases[] = {
    { "{'profile-id': <2>}", 2 },
    { "{'profile-id': <2>, 'apn': <'ignored'>, 'user': <'ignored'>}", 2 },
    { "{'apn': <'internet'>}", 0 },
    { "{'profile-id': <-1>}", 0 },
    { "{'profile-id': <2>, 'colour': <'blue'>}", 0 },
    { "{'profile-id': <2>, 'a\\u0001\\nCFUN': <'x'>}", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (set_cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GVariant) dict
      = g_variant_parse (G_VARIANT_TYPE ("a{sv}"), set_cases[i].dict, NULL, NULL, NULL);
    g_autoptr (MdProfile) profile = md_request_profile_to_set (dict, &error);

    g_test_message ("%s", set_cases[i].dict);
    if (set_cases[i].code >= 0) {
      g_assert_null (profile);
      g_assert_error (error, MD_CORE_ERROR, set_cases[i].code);
      continue;
    }
    g_assert_no_error (error);
    g_assert_cmpint (profile->id, ==, set_cases[i].id);
    g_assert_cmpstr (profile->apn, ==, set_cases[i].apn);
    g_assert_cmpuint (profile->ip_type, ==, set_cases[i].ip_type);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (delete_cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GVariant) dict
      = g_variant_parse (G_VARIANT_TYPE ("a{sv}"), delete_cases[i].dict, NULL, NULL, NULL);
    gint id = 0;
    gboolean ok = md_request_profile_to_delete (dict, &id, &error);

    g_assert_cmpint (ok, ==, delete_cases[i].id != 0);
    if (ok)
      g_assert_cmpint (id, ==, delete_cases[i].id);
    else
      assert_refused (error);
  }
}

static void
test_modes (void)
{
  static const struct {
    guint32 allowed;
    guint32 preferred;
    gboolean ok;
  } cases[] = {
    { MD_MODEM_MODE_4G, MD_MODEM_MODE_NONE, TRUE },
    { MD_MODEM_MODE_2G | MD_MODEM_MODE_3G | MD_MODEM_MODE_4G, MD_MODEM_MODE_4G, TRUE },
    { MD_MODEM_MODE_ANY, MD_MODEM_MODE_NONE, TRUE },
    { MD_MODEM_MODE_ANY, MD_MODEM_MODE_3G, TRUE },
    { MD_MODEM_MODE_CS | MD_MODEM_MODE_5G, MD_MODEM_MODE_NONE, TRUE },
    { MD_MODEM_MODE_NONE, MD_MODEM_MODE_NONE, FALSE }, /* nothing allowed */
    { 1u << 5, MD_MODEM_MODE_NONE, FALSE },            /* an unknown bit */
    { MD_MODEM_MODE_4G | (1u << 20), MD_MODEM_MODE_NONE, FALSE },
    { MD_MODEM_MODE_3G, MD_MODEM_MODE_4G, FALSE }, /* preferred not allowed */
    { MD_MODEM_MODE_3G | MD_MODEM_MODE_4G, MD_MODEM_MODE_3G | MD_MODEM_MODE_4G, FALSE }, /* two preferred */
    { MD_MODEM_MODE_ANY, MD_MODEM_MODE_ANY, FALSE },
    { MD_MODEM_MODE_ANY, 1u << 9, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    gboolean ok = md_request_modes (cases[i].allowed, cases[i].preferred, &error);

    if (ok != cases[i].ok)
      g_error ("case %zu (0x%x, 0x%x): expected %s", i, cases[i].allowed, cases[i].preferred,
               cases[i].ok ? "accepted" : "refused");
    if (!ok)
      assert_refused (error);
  }
}

static void
test_bands (void)
{
  static const guint32 one[] = { MD_MODEM_BAND_EUTRAN_3 };
  static const guint32 some[] = { MD_MODEM_BAND_EGSM, MD_MODEM_BAND_UTRAN_1, MD_MODEM_BAND_NGRAN_78 };
  static const guint32 any[] = { MD_MODEM_BAND_ANY };
  static const guint32 unknown[] = { MD_MODEM_BAND_UNKNOWN };
  static const guint32 any_and_more[] = { MD_MODEM_BAND_ANY, MD_MODEM_BAND_EUTRAN_3 };
  static const guint32 twice[] = { MD_MODEM_BAND_EUTRAN_3, MD_MODEM_BAND_EUTRAN_3 };
  g_autofree guint32 *many = g_new0 (guint32, MD_REQUEST_MAX_BANDS + 1);
  GError *error = NULL;

  g_assert_true (md_request_bands (one, G_N_ELEMENTS (one), &error));
  g_assert_true (md_request_bands (some, G_N_ELEMENTS (some), &error));
  g_assert_true (md_request_bands (any, G_N_ELEMENTS (any), &error));
  g_assert_no_error (error);
  for (guint i = 0; i <= MD_REQUEST_MAX_BANDS; i++)
    many[i] = 1000 + i;
  g_assert_true (md_request_bands (many, MD_REQUEST_MAX_BANDS, &error));
  g_assert_false (md_request_bands (many, MD_REQUEST_MAX_BANDS + 1, &error));
  assert_refused (error);
  g_clear_error (&error);
  g_assert_false (md_request_bands (one, 0, &error));
  assert_refused (error);
  g_clear_error (&error);
  g_assert_false (md_request_bands (unknown, G_N_ELEMENTS (unknown), &error));
  assert_refused (error);
  g_clear_error (&error);
  g_assert_false (md_request_bands (any_and_more, G_N_ELEMENTS (any_and_more), &error));
  assert_refused (error);
  g_clear_error (&error);
  g_assert_false (md_request_bands (twice, G_N_ELEMENTS (twice), &error));
  assert_refused (error);
  g_clear_error (&error);
}

static void
test_power_state (void)
{
  static const NumberCase cases[] = {
    { MD_MODEM_POWER_STATE_OFF, TRUE },
    { MD_MODEM_POWER_STATE_LOW, TRUE },
    { MD_MODEM_POWER_STATE_ON, TRUE },
    { MD_MODEM_POWER_STATE_UNKNOWN, FALSE },
    { 4, FALSE },
    { 0xffffffff, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    MdModemPowerState state = MD_MODEM_POWER_STATE_UNKNOWN;

    g_assert_cmpint (md_request_power_state (cases[i].value, &state, &error), ==, cases[i].ok);
    if (cases[i].ok)
      g_assert_cmpint (state, ==, cases[i].value);
    else
      assert_refused (error);
  }
}

static void
test_text_rule_bounds (void)
{
  static const MdRequestTextRule rule = { "code", MD_REQUEST_CHARS_DIGITS, 2, 3 };
  g_autoptr (GError) error = NULL;

  g_assert_true (md_request_check_text (&rule, "12", NULL));
  g_assert_true (md_request_check_text (&rule, "123", NULL));
  g_assert_false (md_request_check_text (&rule, "1", NULL));
  g_assert_false (md_request_check_text (&rule, "1234", NULL));
  g_assert_false (md_request_check_text (&rule, "1\"3", &error));
  assert_refused (error);
  g_assert_nonnull (strstr (error->message, "code"));
}

static void
test_profile (void)
{
  static const char *const one[] = { "/dev/pts/3", NULL };
  static const char *const typed[] = { "mbim:/dev/pts/4", "net:wwan0", "abstract:sim-at", NULL };
  static const char *const empty_name[] = { "", NULL };
  static const char *const control[] = { "/dev/pts/3\n", NULL };
  static const char *const none[] = { NULL };
  static const char *const many[]
    = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", NULL };
  g_autofree char *long_id = repeat ('x', 65);
  const struct {
    const char *id;
    const char *plugin;
    const char *const *ports;
    gboolean ok;
  } cases[] = {
    { "sim0", "generic", one, TRUE },
    { "modem with spaces", "generic", typed, TRUE },
    { "", "generic", one, FALSE },
    { long_id, "generic", one, FALSE },
    { "sim\r\n0", "generic", one, FALSE },
    { "sim\x01", "generic", one, FALSE },
    { "sim\xc3\xa4", "generic", one, FALSE },
    { "sim0", "", one, FALSE },
    { "sim0", "gen\neric", one, FALSE },
    { "sim0", "generic", empty_name, FALSE },
    { "sim0", "generic", control, FALSE },
    { "sim0", "generic", none, FALSE },
    { "sim0", "generic", NULL, FALSE },
    { "sim0", "generic", many, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    gboolean ok = md_request_check_profile (cases[i].id, cases[i].plugin, cases[i].ports, &error);

    if (ok != cases[i].ok)
      g_error ("profile case %zu: expected %s", i, cases[i].ok ? "accepted" : "refused");
    if (!ok)
      assert_refused (error);
  }
}

typedef struct {
  const char *dict; /* GVariant text */
  gboolean simple_ok;
  gboolean bearer_ok;
} DictCase;

static void
test_dictionaries (void)
{
  static const DictCase cases[] = {
    { "{'apn': <'internet'>}", TRUE, TRUE },
    { "{'apn': <'internet'>, 'operator-id': <''>}", TRUE, FALSE },
    { "{'apn': <'internet'>, 'pin': <'1234'>, 'operator-id': <'26201'>, 'user': <'u'>, "
      "'password': <'p;w'>, 'allowed-auth': <uint32 6>, 'ip-type': <uint32 4>, 'number': <'*99#'>}",
      TRUE, FALSE },
    { "{'apn': <'internet'>, 'user': <'u'>, 'password': <'p'>, 'allowed-auth': <uint32 2>}", TRUE, TRUE },
    /* the issue's injection */
    { "{'apn': <'internet'>, 'operator-id': <'26201\";+CFUN=4;+COPS=1,2,\"26201'>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'operator-id': <'2620'>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'operator-id': <uint32 26201>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'pin': <'12;4'>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'pin': <'123'>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'pin': <int32 1234>}", FALSE, FALSE },
    { "{'apn': <'inter\"net'>}", FALSE, FALSE },
    { "{'apn': <'internet\\r\\nAT+CFUN=0'>}", FALSE, FALSE },
    { "{'apn': <uint32 1>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'allowed-auth': <uint32 4294967295>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'allowed-auth': <'pap'>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'ip-type': <uint32 3>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'ip-type': <int32 1>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'user': <'u\"'>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'user': <'u'>, 'password': <'p\\nw'>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'password': <'p'>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'number': <'*99#;+CFUN=4'>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'allow-roaming': <'yes'>}", FALSE, FALSE },
    { "{'bogus': <1>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'multiplex': <uint32 4>}", FALSE, FALSE },
    { "{'apn': <'internet'>, 'multiplex': <uint32 3>}", TRUE, TRUE },
    { "{'bo\\ngus\\u0001': <1>}", FALSE, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GError) bearer_error = NULL;
    g_autoptr (GVariant) dict = g_variant_parse (G_VARIANT_TYPE ("a{sv}"), cases[i].dict, NULL, NULL, &error);
    g_autoptr (MdSimpleConnectRequest) request = NULL;
    g_autoptr (MdBearerSettings) settings = NULL;

    g_assert_no_error (error);
    request = md_simple_connect_request_from_variant (dict, &error);
    settings = md_bearer_settings_from_variant (dict, &bearer_error);
    if ((request != NULL) != cases[i].simple_ok || (settings != NULL) != cases[i].bearer_ok)
      g_error ("case %zu (%s): simple %s, bearer %s", i, cases[i].dict, request ? "accepted" : "refused",
               settings ? "accepted" : "refused");
    if (!request)
      assert_refused (error);
    if (!settings)
      assert_refused (bearer_error);
  }
}

/* An unused IP family still carries "method" (unknown): libmm-glib warns
 * about every IP configuration without one. */
static void
test_ip_config_method (void)
{
  g_autoptr (GVariant) unused = g_variant_ref_sink (md_ip_config_to_variant (NULL));
  g_autoptr (MdIpConfig) config = md_ip_config_new (MD_BEARER_IP_METHOD_STATIC);
  g_autoptr (GVariant) used = NULL;
  guint32 method = 99;

  g_assert_cmpuint (g_variant_n_children (unused), ==, 1);
  g_assert_true (g_variant_lookup (unused, "method", "u", &method));
  g_assert_cmpuint (method, ==, MD_BEARER_IP_METHOD_UNKNOWN);
  used = g_variant_ref_sink (md_ip_config_to_variant (config));
  g_assert_true (g_variant_lookup (used, "method", "u", &method));
  g_assert_cmpuint (method, ==, MD_BEARER_IP_METHOD_STATIC);
}

/* As ModemManager 1.20 publishes bearer settings: profile-id always,
 * allow-roaming only when the client gave it, never the password. */
static void
test_settings_published (void)
{
  static const struct {
    const char *dict;
    const char *published;
  } cases[] = {
    { "{'apn': <'internet'>}", "{'apn': <'internet'>, 'profile-id': <-1>}" },
    { "{'apn': <'internet'>, 'allow-roaming': <false>}",
      "{'apn': <'internet'>, 'allow-roaming': <false>, 'profile-id': <-1>}" },
    { "{'apn': <'a'>, 'user': <'u'>, 'password': <'secret'>, 'ip-type': <uint32 8>}",
      "{'apn': <'a'>, 'ip-type': <uint32 8>, 'user': <'u'>, 'profile-id': <-1>}" },
    { "{'apn': <'a'>, 'multiplex': <uint32 2>}",
      "{'apn': <'a'>, 'profile-id': <-1>, 'multiplex': <uint32 2>}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GVariant) dict = g_variant_parse (G_VARIANT_TYPE ("a{sv}"), cases[i].dict, NULL, NULL, &error);
    g_autoptr (MdBearerSettings) settings = md_bearer_settings_from_variant (dict, &error);
    g_autoptr (GVariant) published = NULL;
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    published = g_variant_ref_sink (md_bearer_settings_to_variant (settings));
    text = g_variant_print (published, TRUE);
    g_assert_cmpstr (text, ==, cases[i].published);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/request/text-rule", test_text_rule_bounds);
  g_test_add_func ("/request/pin", test_pin);
  g_test_add_func ("/request/puk", test_puk);
  g_test_add_func ("/request/operator-id", test_operator_id);
  g_test_add_func ("/request/apn", test_apn);
  g_test_add_func ("/request/credentials", test_credentials);
  g_test_add_func ("/request/number", test_number);
  g_test_add_func ("/request/allowed-auth", test_allowed_auth);
  g_test_add_func ("/request/ip-type", test_ip_type);
  g_test_add_func ("/request/power-state", test_power_state);
  g_test_add_func ("/request/signal-rate", test_signal_rate);
  g_test_add_func ("/request/location-sources", test_location_sources);
  g_test_add_func ("/request/ussd-text", test_ussd_text);
  g_test_add_func ("/request/profile-dictionaries", test_profile_dictionaries);
  g_test_add_func ("/request/modes", test_modes);
  g_test_add_func ("/request/bands", test_bands);
  g_test_add_func ("/request/profile", test_profile);
  g_test_add_func ("/request/dictionaries", test_dictionaries);
  g_test_add_func ("/request/ip-config-method", test_ip_config_method);
  g_test_add_func ("/request/settings-published", test_settings_published);
  return g_test_run ();
}
