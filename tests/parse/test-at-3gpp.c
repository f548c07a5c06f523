/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Table-driven tests of the 27.007 network and SIM parsers, seeded with
 * responses as real modems print them. */
#include "md-at-3gpp.h"
#include "md-at-sim.h"
#include "md-errors.h"

typedef struct {
  const char *line;
  gboolean ok;
  MdAtRegDomain domain;
  MdModem3gppRegistrationState state;
  gboolean has_location;
  guint32 lac;
  guint64 cell_id;
  guint32 act;
} RegCase;

static const RegCase reg_cases[] = {
  /* Query answers: <n>,<stat>[,...] */
  { "+CREG: 0,1", TRUE, MD_AT_REG_CS, MD_MODEM_3GPP_REGISTRATION_STATE_HOME, FALSE, 0, 0, 0 },
  { "+CREG: 2,5,\"00C3\",\"0000A13B\",2", TRUE, MD_AT_REG_CS, MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING, TRUE,
    0xC3, 0xA13B, MD_MODEM_ACCESS_TECHNOLOGY_UMTS },
  { "+CGREG: 2,1,\"1A2B\",\"01C0FFEE\",7,\"01\"", TRUE, MD_AT_REG_PS, MD_MODEM_3GPP_REGISTRATION_STATE_HOME,
    TRUE, 0x1A2B, 0x1C0FFEE, MD_MODEM_ACCESS_TECHNOLOGY_LTE },
  { "+CEREG: 1,2", TRUE, MD_AT_REG_EPS, MD_MODEM_3GPP_REGISTRATION_STATE_SEARCHING, FALSE, 0, 0, 0 },
  { "+CEREG: 0,3", TRUE, MD_AT_REG_EPS, MD_MODEM_3GPP_REGISTRATION_STATE_DENIED, FALSE, 0, 0, 0 },
  /* Unsolicited reports: <stat>[,...] */
  { "+CREG: 1", TRUE, MD_AT_REG_CS, MD_MODEM_3GPP_REGISTRATION_STATE_HOME, FALSE, 0, 0, 0 },
  { "+CEREG: 1,\"4E20\",\"01A2D101\",7", TRUE, MD_AT_REG_EPS, MD_MODEM_3GPP_REGISTRATION_STATE_HOME, TRUE,
    0x4E20, 0x1A2D101, MD_MODEM_ACCESS_TECHNOLOGY_LTE },
  { "+CGREG: 0", TRUE, MD_AT_REG_PS, MD_MODEM_3GPP_REGISTRATION_STATE_IDLE, FALSE, 0, 0, 0 },
  { "+C5GREG: 1,\"00A1B2\",\"0000000123456789\",11", TRUE, MD_AT_REG_5GS,
    MD_MODEM_3GPP_REGISTRATION_STATE_HOME, TRUE, 0xA1B2, 0x123456789, MD_MODEM_ACCESS_TECHNOLOGY_5GNR },
  /* Quectel spacing and an unknown stat */
  { "+CREG:   2, 4", TRUE, MD_AT_REG_CS, MD_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN, FALSE, 0, 0, 0 },
  /* Malformed */
  { "+CREG: ", FALSE, 0, 0, FALSE, 0, 0, 0 },
  { "+CREG: x,1", FALSE, 0, 0, FALSE, 0, 0, 0 },
  { "+COPS: 0", FALSE, 0, 0, FALSE, 0, 0, 0 },
  { "", FALSE, 0, 0, FALSE, 0, 0, 0 },
};

static void
test_registration (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (reg_cases); i++) {
    const RegCase *c = &reg_cases[i];
    g_autoptr (GError) error = NULL;
    MdAtRegistration reg;
    gboolean ok = md_at_parse_registration (c->line, &reg, &error);

    g_test_message ("case '%s'", c->line);
    g_assert_cmpint (ok, ==, c->ok);
    if (!ok) {
      g_assert_nonnull (error);
      continue;
    }
    g_assert_cmpint (reg.domain, ==, c->domain);
    g_assert_cmpint (reg.state, ==, c->state);
    g_assert_cmpint (reg.has_location, ==, c->has_location);
    if (c->has_location) {
      g_assert_cmpuint (reg.lac, ==, c->lac);
      g_assert_cmpuint (reg.cell_id, ==, c->cell_id);
    }
    g_assert_cmpuint (reg.access_technology, ==, c->act);
  }
}

static void
test_csq (void)
{
  static const struct {
    const char *text;
    gboolean ok;
    guint percent;
  } cases[] = {
    { "+CSQ: 31,99", TRUE, 100 }, { "+CSQ: 0,0", TRUE, 0 },    { "+CSQ: 20,99", TRUE, 64 },
    { "+CSQ:15,0", TRUE, 48 },    { "+CSQ: 99,99", FALSE, 0 }, { "+CSQ: 40,99", FALSE, 0 },
    { "+CSQ: ,", FALSE, 0 },      { "CSQ 10", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    guint percent = 1000;

    g_assert_cmpint (md_at_parse_csq (cases[i].text, &percent, &error), ==, cases[i].ok);
    if (cases[i].ok)
      g_assert_cmpuint (percent, ==, cases[i].percent);
  }
}

static void
test_cops_query (void)
{
  static const struct {
    const char *text;
    gboolean ok;
    guint format;
    const char *op;
    guint32 act;
  } cases[] = {
    { "+COPS: 0,0,\"Telekom.de\",7", TRUE, 0, "Telekom.de", MD_MODEM_ACCESS_TECHNOLOGY_LTE },
    { "+COPS: 0,2,\"26201\",2", TRUE, 2, "26201", MD_MODEM_ACCESS_TECHNOLOGY_UMTS },
    { "+COPS: 1,0,\"vodafone, UK\"", TRUE, 0, "vodafone, UK", 0 },
    { "+COPS: 0", TRUE, 0, NULL, 0 },
    { "+COPS: 2", TRUE, 0, NULL, 0 },
    { "+COPS: a", FALSE, 0, NULL, 0 },
    { "ERROR", FALSE, 0, NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *op = NULL;
    guint format = 9;
    guint32 act = 99;

    g_assert_cmpint (md_at_parse_cops_query (cases[i].text, &format, &op, &act, &error), ==, cases[i].ok);
    if (!cases[i].ok)
      continue;
    g_assert_cmpstr (op, ==, cases[i].op);
    if (op) {
      g_assert_cmpuint (format, ==, cases[i].format);
      g_assert_cmpuint (act, ==, cases[i].act);
    }
  }
}

static void
test_cops_test (void)
{
  const char *text = "+COPS: (2,\"Telekom.de\",\"TDG\",\"26201\",7),(1,\"Vodafone.de\",\"Vodafone\","
                     "\"26202\",2),(3,\"o2 - de\",\"o2 - de\",\"26203\",0),,(0,1,2,3,4),(0,1,2)";
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) networks = md_at_parse_cops_test (text, &error);
  MdAtNetwork *n;

  g_assert_no_error (error);
  g_assert_cmpuint (networks->len, ==, 3);
  n = g_ptr_array_index (networks, 0);
  g_assert_cmpuint (n->status, ==, 2);
  g_assert_cmpstr (n->long_name, ==, "Telekom.de");
  g_assert_cmpstr (n->short_name, ==, "TDG");
  g_assert_cmpstr (n->code, ==, "26201");
  g_assert_cmpuint (n->access_technology, ==, MD_MODEM_ACCESS_TECHNOLOGY_LTE);
  n = g_ptr_array_index (networks, 2);
  g_assert_cmpuint (n->status, ==, 3);
  g_assert_cmpuint (n->access_technology, ==, MD_MODEM_ACCESS_TECHNOLOGY_GSM);

  g_clear_pointer (&networks, g_ptr_array_unref);
  networks = md_at_parse_cops_test ("+COPS: ,,(0-4),(0-2)", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (networks->len, ==, 0);
  g_clear_pointer (&networks, g_ptr_array_unref);
  networks = md_at_parse_cops_test ("garbage", &error);
  g_assert_null (networks);
  g_assert_nonnull (error);
}

static void
test_cfun_cgdcont_ws46_gcap (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) modes = NULL;
  MdModemPowerState power;

  g_assert_true (md_at_parse_cfun ("+CFUN: 1", &power, &error));
  g_assert_cmpint (power, ==, MD_MODEM_POWER_STATE_ON);
  g_assert_true (md_at_parse_cfun ("+CFUN: 4,0", &power, &error));
  g_assert_cmpint (power, ==, MD_MODEM_POWER_STATE_LOW);
  g_assert_true (md_at_parse_cfun ("+CFUN: 0", &power, &error));
  g_assert_cmpint (power, ==, MD_MODEM_POWER_STATE_LOW);
  g_assert_false (md_at_parse_cfun ("+CFUN: ?", &power, &error));
  g_clear_error (&error);

  g_assert_cmpuint (md_at_parse_cgdcont_test ("+CGDCONT: (1-16),\"IP\",,,(0-2),(0-4)\r\n"
                                              "+CGDCONT: (1-16),\"IPV6\",,,(0-2),(0-4)\r\n"
                                              "+CGDCONT: (1-16),\"IPV4V6\",,,(0-2),(0-4)"),
                    ==, MD_BEARER_IP_FAMILY_IPV4 | MD_BEARER_IP_FAMILY_IPV6 | MD_BEARER_IP_FAMILY_IPV4V6);
  g_assert_cmpuint (md_at_parse_cgdcont_test ("+CGDCONT: (1-10),\"IP\",,,(0),(0)"), ==,
                    MD_BEARER_IP_FAMILY_IPV4);
  g_assert_cmpuint (md_at_parse_cgdcont_test ("OK"), ==, MD_BEARER_IP_FAMILY_NONE);

  modes = md_at_parse_ws46_test ("+WS46: (12,22,25,28,29)", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (modes->len, ==, 5);
  g_assert_cmpuint (((guint32 *)modes->data)[2 * 2], ==,
                    MD_MODEM_MODE_2G | MD_MODEM_MODE_3G | MD_MODEM_MODE_4G);
  g_assert_null (md_at_parse_ws46_test ("+WS46: 12", &error));
  g_clear_error (&error);

  g_assert_cmpuint (md_at_parse_gcap ("+GCAP: +CGSM,+DS,+ES"), ==, MD_MODEM_CAPABILITY_GSM_UMTS);
  g_assert_cmpuint (md_at_parse_gcap ("+GCAP: +CGSM,+CLTE2,+MS"), ==,
                    MD_MODEM_CAPABILITY_GSM_UMTS | MD_MODEM_CAPABILITY_LTE);
  g_assert_cmpuint (md_at_parse_gcap ("+GCAP: +FCLASS"), ==, MD_MODEM_CAPABILITY_NONE);
}

static void
test_cpin (void)
{
  static const struct {
    const char *text;
    gboolean ok;
    MdModemLock lock;
  } cases[] = {
    { "+CPIN: READY", TRUE, MD_MODEM_LOCK_NONE },
    { "+CPIN: SIM PIN", TRUE, MD_MODEM_LOCK_SIM_PIN },
    { "+CPIN: SIM PUK", TRUE, MD_MODEM_LOCK_SIM_PUK },
    { "+CPIN:SIM PIN2", TRUE, MD_MODEM_LOCK_SIM_PIN2 },
    { "+CPIN: PH-NET PIN", TRUE, MD_MODEM_LOCK_PH_NET_PIN },
    { "READY", TRUE, MD_MODEM_LOCK_NONE },
    { "+CPIN: \"SIM PIN\"", TRUE, MD_MODEM_LOCK_SIM_PIN },
    { "+CPIN: WHAT", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    MdModemLock lock = 99;

    g_assert_cmpint (md_at_parse_cpin (cases[i].text, &lock, &error), ==, cases[i].ok);
    if (cases[i].ok)
      g_assert_cmpint (lock, ==, cases[i].lock);
  }
}

/* Quectel's card insertion status: reports and answers, bad values refused. */
static void
test_qsimstat (void)
{
  static const struct {
    const char *text;
    gboolean ok;
    guint enabled;
    guint inserted;
  } cases[] = {
    { "+QSIMSTAT: 1,0", TRUE, 1, 0 },    { "+QSIMSTAT: 1,1", TRUE, 1, 1 },  { "+QSIMSTAT:0,2", TRUE, 0, 2 },
    { "+QSIMSTAT: 1,3", FALSE, 0, 0 },   { "+QSIMSTAT: 2,1", FALSE, 0, 0 }, { "+QSIMSTAT: 1", FALSE, 0, 0 },
    { "+QSIMSTAT: 1,1,1", FALSE, 0, 0 }, { "+QSIMSTAT: a,b", FALSE, 0, 0 }, { "+CPIN: READY", FALSE, 0, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    guint enabled = 9, inserted = 9;

    g_test_message ("%s", cases[i].text);
    g_assert_cmpint (md_at_parse_qsimstat (cases[i].text, &enabled, &inserted), ==, cases[i].ok);
    if (cases[i].ok) {
      g_assert_cmpuint (enabled, ==, cases[i].enabled);
      g_assert_cmpuint (inserted, ==, cases[i].inserted);
    }
  }
}

static void
test_cpinr_clck (void)
{
  g_autoptr (GArray) retries = md_at_parse_cpinr ("+CPINR: SIM PIN,2,3\r\n+CPINR: SIM PUK,10,10\r\n"
                                                  "+CPINR: \"SIM PIN2\",3,3\r\n+CPINR: junk");
  guint32 *pairs = (guint32 *)retries->data;
  g_autoptr (GError) error = NULL;
  gboolean enabled = FALSE;

  g_assert_cmpuint (retries->len, ==, 3);
  g_assert_cmpuint (pairs[0], ==, MD_MODEM_LOCK_SIM_PIN);
  g_assert_cmpuint (pairs[1], ==, 2);
  g_assert_cmpuint (pairs[2], ==, MD_MODEM_LOCK_SIM_PUK);
  g_assert_cmpuint (pairs[3], ==, 10);
  g_assert_cmpuint (pairs[4], ==, MD_MODEM_LOCK_SIM_PIN2);

  g_assert_true (md_at_parse_clck ("+CLCK: 1", &enabled, &error));
  g_assert_true (enabled);
  g_assert_true (md_at_parse_clck ("+CLCK: 0,7", &enabled, &error));
  g_assert_false (enabled);
  g_assert_false (md_at_parse_clck ("+CLCK: x", &enabled, &error));
}

static void
test_iccid_imsi_cnum (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a = md_at_parse_iccid ("+CCID: 89490200001234567890", &error);
  g_autofree char *b = md_at_parse_iccid ("+ICCID: 8949020000123456789F", &error);
  g_autofree char *c = md_at_parse_iccid ("89014103211118510720", &error);
  g_autofree char *d = md_at_parse_crsm_iccid ("+CRSM: 144,0,\"98942000002143658709\"", &error);
  g_autofree char *imsi = md_at_parse_imsi ("262011234567890", &error);
  g_autofree char *bad = NULL;
  g_auto (GStrv) numbers = md_at_parse_cnum ("+CNUM: \"Voice\",\"+491701234567\",145\r\n"
                                             "+CNUM: ,\"01701234568\",129");

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "89490200001234567890");
  g_assert_cmpstr (b, ==, "8949020000123456789");
  g_assert_cmpstr (c, ==, "89014103211118510720");
  g_assert_cmpstr (d, ==, "89490200001234567890");
  g_assert_cmpstr (imsi, ==, "262011234567890");
  g_assert_cmpuint (g_strv_length (numbers), ==, 2);
  g_assert_cmpstr (numbers[0], ==, "+491701234567");
  g_assert_cmpstr (numbers[1], ==, "01701234568");
  bad = md_at_parse_iccid ("+CCID: 12AB", &error);
  g_assert_null (bad);
  g_clear_error (&error);
  g_assert_null (md_at_parse_crsm_iccid ("+CRSM: 106,130,\"\"", &error));
}

/* EF_ECC as the simulator and real cards answer it (GSM format). */
static void
test_crsm_ecc (void)
{
  static const struct {
    const char *text;
    const char *numbers; /* ','-joined, NULL: refused */
  } cases[] = {
    { "+CRSM: 144,0,\"11F2FF19F1FFFFFFFFFFFFFFFFFFFF\"", "112,911" },
    { "+CRSM: 144,0,\"11F2FF\"", "112" },
    { "+CRSM: 145,0,\"11f2ff\"", "112" },
    { "+CRSM: 144,0,\"FFFFFF\"", "" },
    { "+CRSM: 144,0,\"\"", "" },
    { "+CRSM: 144,0,\"00F0FF\"", "000" },
    { "+CRSM: 106,130", NULL },
    { "+CRSM: 106,130,\"11F2FF\"", NULL },
    { "+CRSM: 144,0,\"11F2F\"", NULL },
    { "+CRSM: 144,0,\"1AF2FF\"", NULL },
    { "+CRSM: 144,0", NULL },
    { "+CRSM:", NULL },
    { "112", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_auto (GStrv) numbers = md_at_parse_crsm_ecc (cases[i].text, &error);
    g_autofree char *joined = numbers ? g_strjoinv (",", numbers) : NULL;

    if (g_strcmp0 (joined, cases[i].numbers) != 0)
      g_error ("case %zu (%s): got %s", i, cases[i].text, joined ? joined : "(refused)");
    if (!numbers)
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  }
}

static void
test_cemode (void)
{
  static const struct {
    const char *text;
    gboolean ok;
    MdModem3gppEpsUeModeOperation mode;
  } cases[] = {
    { "+CEMODE: 0", TRUE, MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_PS_2 },
    { "+CEMODE: 1", TRUE, MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_CSPS_1 },
    { "+CEMODE: 2", TRUE, MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_CSPS_2 },
    { "+CEMODE:3", TRUE, MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_PS_1 },
    { "+CEMODE: 4", FALSE, 0 },
    { "+CEMODE: -1", FALSE, 0 },
    { "+CEMODE: ", FALSE, 0 },
    { "+CEMODE: x", FALSE, 0 },
    { "+CFUN: 1", FALSE, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    MdModem3gppEpsUeModeOperation mode = MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_UNKNOWN;
    gboolean ok = md_at_parse_cemode (cases[i].text, &mode, &error);

    if (ok != cases[i].ok || (ok && mode != cases[i].mode))
      g_error ("case %zu (%s): %s %d", i, cases[i].text, ok ? "parsed" : "refused", mode);
    if (!ok)
      g_assert_nonnull (error);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-3gpp/registration", test_registration);
  g_test_add_func ("/at-3gpp/csq", test_csq);
  g_test_add_func ("/at-3gpp/cops-query", test_cops_query);
  g_test_add_func ("/at-3gpp/cops-test", test_cops_test);
  g_test_add_func ("/at-3gpp/cfun-cgdcont-ws46-gcap", test_cfun_cgdcont_ws46_gcap);
  g_test_add_func ("/at-sim/cpin", test_cpin);
  g_test_add_func ("/at-sim/cpinr-clck", test_cpinr_clck);
  g_test_add_func ("/at-sim/qsimstat", test_qsimstat);
  g_test_add_func ("/at-sim/iccid-imsi-cnum", test_iccid_imsi_cnum);
  g_test_add_func ("/at-sim/crsm-ecc", test_crsm_ecc);
  g_test_add_func ("/at-3gpp/cemode", test_cemode);
  return g_test_run ();
}
