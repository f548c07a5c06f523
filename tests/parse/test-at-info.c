/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Identity parsers, table driven with what Quectel, Sierra, Huawei, u-blox,
 * Telit and SIMCom modems answer to +CGMI/+CGMM/+CGMR, +CGSN and ATI (the
 * information text, as the port hands it over). */
#include "md-at-info.h"

static void
test_info_value (void)
{
  static const struct {
    const char *response;
    const char *prefix;
    const char *value;
  } cases[] = {
    { "Quectel", "+CGMI:", "Quectel" },
    { "+CGMI: \"Quectel\"", "+CGMI:", "Quectel" },
    { "+cgmi: Quectel", "+CGMI:", "Quectel" },
    { "Sierra Wireless, Incorporated", "+CGMI:", "Sierra Wireless, Incorporated" },
    { "huawei", "+CGMI:", "huawei" },
    { "u-blox", "+CGMI:", "u-blox" },
    { "Telit", "+CGMI:", "Telit" },
    { "SIMCOM INCORPORATED", "+CGMI:", "SIMCOM INCORPORATED" },
    { "EC25", "+CGMM:", "EC25" },
    { "+CGMM: \"SIMCOM_SIM7600E-H\"", "+CGMM:", "SIMCOM_SIM7600E-H" },
    { "LE910C1-EU", "+CGMM:", "LE910C1-EU" },
    { "SARA-R410M-02B", "+CGMM:", "SARA-R410M-02B" },
    { "Revision: EC25EFAR06A06M4G", "Revision:", "EC25EFAR06A06M4G" },
    { "+CGMR: SIM7600M22_V2.0.1", "+CGMR:", "SIM7600M22_V2.0.1" },
    { "SWI9X30C_02.24.05.06 r7040 CARMD-EV-FRMWR2 2017/05/19 06:23:09",
      "+CGMR:", "SWI9X30C_02.24.05.06 r7040 CARMD-EV-FRMWR2 2017/05/19 06:23:09" },
    { "11.617.01.00.00", "+CGMR:", "11.617.01.00.00" },
    { "L0.0.00.00.05.06 [Feb 03 2018 13:00:41]", "+CGMR:", "L0.0.00.00.05.06 [Feb 03 2018 13:00:41]" },
    /* Multi-line answers are joined. */
    { "Option N.V.\nGTM382", "+CGMI:", "Option N.V. GTM382" },
    /* Any +NAME: prefix when none is named. */
    { "+GMI: \"Acme\"", NULL, "Acme" },
    { "  \"Acme\"  ", NULL, "Acme" },
    { "", "+CGMI:", NULL },
    { "\n\n", "+CGMI:", NULL },
    { "+CGMI: \"\"", "+CGMI:", NULL },
    { NULL, "+CGMI:", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *value = md_at_info_value (cases[i].response, cases[i].prefix);

    g_test_message ("response '%s'", cases[i].response);
    g_assert_cmpstr (value, ==, cases[i].value);
  }
}

static void
test_imei (void)
{
  static const struct {
    const char *response;
    const char *imei;
  } cases[] = {
    { "867698040123456", "867698040123456" },            /* Quectel AT+CGSN */
    { "+CGSN: \"490154203237518\"", "490154203237518" }, /* 27.007 AT+CGSN=1 */
    { "+CGSN: 490154203237518", "490154203237518" },
    { "+GSN: 490154203237518", "490154203237518" },
    { "#CGSN: 351234567890123", "351234567890123" },   /* Telit */
    { "IMEI: 35 209900 176148 1", "352099001761481" }, /* printed in groups */
    { "  862636050012345  ", "862636050012345" },      /* SIMCom */
    { "\"359072060451696\"", "359072060451696" },
    /* ATI answers carry it among other lines (Sierra, Huawei). */
    { "Manufacturer: Sierra Wireless, Incorporated\nModel: MC7455\nMEID: 35907206045169\n"
      "IMEI: 359072060451696\nIMEI SV:  9\nFSN: LQ650551070110",
      "359072060451696" },
    { "Manufacturer: huawei\nModel: ME909s-120\nRevision: 11.617.01.00.00\nIMEI: 867223020654566\n"
      "+GCAP: +CGSM,+DS,+ES",
      "867223020654566" },
    /* Not an IMEI. */
    { "35907206045169", NULL },   /* a 14-digit MEID */
    { "3590720604516961", NULL }, /* 16 digits: an IMEISV */
    { "MEID: 35907206045169", NULL },
    { "8949020000123456", NULL },
    { "ERROR-ish", NULL },
    { "35907206045169A", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *imei = md_at_parse_imei (cases[i].response);

    g_test_message ("response '%s'", cases[i].response);
    g_assert_cmpstr (imei, ==, cases[i].imei);
  }
}

static void
test_ati (void)
{
  static const struct {
    const char *vendor;
    const char *response;
    const char *manufacturer, *model, *revision;
  } cases[] = {
    { "Quectel EC25", "Quectel\nEC25\nRevision: EC25EFAR06A06M4G", "Quectel", "EC25", "EC25EFAR06A06M4G" },
    { "Quectel BG96", "Quectel\r\nBG96\r\nRevision: BG96MAR02A07M1G", "Quectel", "BG96", "BG96MAR02A07M1G" },
    { "Sierra MC7455",
      "Manufacturer: Sierra Wireless, Incorporated\nModel: MC7455\n"
      "Revision: SWI9X30C_02.24.05.06 r7040 CARMD-EV-FRMWR2 2017/05/19 06:23:09\nMEID: 35907206045169\n"
      "IMEI: 359072060451696\nIMEI SV:  9\nFSN: LQ650551070110\n+GCAP: +CGSM",
      "Sierra Wireless, Incorporated", "MC7455",
      "SWI9X30C_02.24.05.06 r7040 CARMD-EV-FRMWR2 2017/05/19 06:23:09" },
    { "Huawei ME909s",
      "Manufacturer: huawei\nModel: ME909s-120\nRevision: 11.617.01.00.00\nIMEI: 867223020654566\n"
      "+GCAP: +CGSM,+DS,+ES",
      "huawei", "ME909s-120", "11.617.01.00.00" },
    { "u-blox SARA-R4",
      "Manufacturer: u-blox\nModel: SARA-R410M-02B\nRevision: L0.0.00.00.05.06 [Feb 03 2018 13:00:41]\n"
      "SVN: 02\nIMEI: 352753090000000",
      "u-blox", "SARA-R410M-02B", "L0.0.00.00.05.06 [Feb 03 2018 13:00:41]" },
    { "SIMCom SIM7600",
      "Manufacturer: SIMCOM INCORPORATED\nModel: SIMCOM_SIM7600E-H\nRevision: SIM7600M22_V2.0.1\n"
      "IMEI: 862636050012345\n+GCAP: +CGSM",
      "SIMCOM INCORPORATED", "SIMCOM_SIM7600E-H", "SIM7600M22_V2.0.1" },
    { "plain three lines", "Telit\nLE910C1-EU\n25.21.660", "Telit", "LE910C1-EU", "25.21.660" },
    /* One line mixes model and revision: nothing is guessed. */
    { "SIMCom SIM800", "SIM800 R14.18", NULL, NULL, NULL },
    { "empty", "", NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *manufacturer = NULL, *model = NULL, *revision = NULL;

    g_test_message ("ATI of %s", cases[i].vendor);
    md_at_parse_ati (cases[i].response, &manufacturer, &model, &revision);
    g_assert_cmpstr (manufacturer, ==, cases[i].manufacturer);
    g_assert_cmpstr (model, ==, cases[i].model);
    g_assert_cmpstr (revision, ==, cases[i].revision);
  }
}

static void
test_ati_keeps_known_values (void)
{
  g_autofree char *manufacturer = g_strdup ("Quectel");
  g_autofree char *revision = NULL;

  /* What +CGMI already told wins; NULL outs are skipped. */
  md_at_parse_ati ("Manufacturer: QUECTEL\nModel: EG25\nRevision: EG25GGBR07A08M2G", &manufacturer, NULL,
                   &revision);
  g_assert_cmpstr (manufacturer, ==, "Quectel");
  g_assert_cmpstr (revision, ==, "EG25GGBR07A08M2G");
  md_at_parse_ati (NULL, &manufacturer, NULL, NULL);
  g_assert_cmpstr (manufacturer, ==, "Quectel");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-info/value", test_info_value);
  g_test_add_func ("/at-info/imei", test_imei);
  g_test_add_func ("/at-info/ati", test_ati);
  g_test_add_func ("/at-info/ati-keeps-known-values", test_ati_keeps_known_values);
  return g_test_run ();
}
