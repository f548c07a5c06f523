/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Final-result classification, table driven with the lines real modems end
 * their answers with (Quectel, Sierra, Huawei, u-blox, Telit, SIMCom). */
#include "md-at-response.h"
#include "md-errors.h"

typedef enum { NO_ERROR, CORE, ME, MS, CONN } Domain;

static GQuark
quark_for (Domain domain)
{
  switch (domain) {
  case CORE: return MD_CORE_ERROR;
  case ME: return MD_MOBILE_EQUIPMENT_ERROR;
  case MS: return MD_MESSAGE_ERROR;
  case CONN: return MD_CONNECTION_ERROR;
  case NO_ERROR: break;
  }
  g_assert_not_reached ();
}

static const struct {
  const char *line;
  MdAtFinal final;
  Domain domain;
  gint code;
  const char *message; /* NULL: not checked */
} cases[] = {
  /* Success. */
  { "OK", MD_AT_FINAL_OK, NO_ERROR, 0, NULL },
  { "  OK \t", MD_AT_FINAL_OK, NO_ERROR, 0, NULL },
  { "CONNECT", MD_AT_FINAL_CONNECT, NO_ERROR, 0, NULL },
  { "CONNECT 150000000", MD_AT_FINAL_CONNECT, NO_ERROR, 0, NULL }, /* Quectel EC25 PPP */
  { "CONNECT 115200", MD_AT_FINAL_CONNECT, NO_ERROR, 0, NULL },    /* SIMCom SIM800 */
  { "CONNECT 3600000", MD_AT_FINAL_CONNECT, NO_ERROR, 0, NULL },   /* Huawei E173 */
  { ">", MD_AT_FINAL_PROMPT, NO_ERROR, 0, NULL },
  { "> ", MD_AT_FINAL_PROMPT, NO_ERROR, 0, NULL },
  /* Plain failure. */
  { "ERROR", MD_AT_FINAL_ERROR, CORE, MD_CORE_ERROR_FAILED, "ERROR" },
  { "COMMAND NOT SUPPORT", MD_AT_FINAL_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_NOT_SUPPORTED,
    NULL }, /* Huawei */
  { "TOO MANY PARAMETERS", MD_AT_FINAL_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PARAMETERS,
    NULL }, /* ZTE */
  /* +CME ERROR, numeric (AT+CMEE=1). */
  { "+CME ERROR: 3", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_NOT_ALLOWED,
    "operation not allowed" },
  { "+CME ERROR: 4", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_NOT_SUPPORTED, NULL },
  { "+CME ERROR: 10", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED,
    "SIM not inserted" },
  { "+CME ERROR: 11", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN, "SIM PIN required" },
  { "+CME ERROR: 12", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_SIM_PUK, NULL },
  { "+CME ERROR: 14", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY, NULL },
  { "+CME ERROR: 16", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD, NULL },
  { "+CME ERROR: 30", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_NO_NETWORK, NULL },
  { "+CME ERROR: 100", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN, NULL },
  /* Bytes that are not UTF-8 (found by fuzz-at-port): the message must
   * still travel as a D-Bus string. */
  { "+CME ERROR: SIM \xff busy", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN,
    "+CME ERROR: SIM \xef\xbf\xbd busy" },
  { "+CMS ERROR: \xc3(", MD_AT_FINAL_CMS_ERROR, MS, MD_MESSAGE_ERROR_UNKNOWN, "+CMS ERROR: \xef\xbf\xbd(" },
  { "+CME ERROR: 148", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_GPRS_UNKNOWN, NULL },
  { "+CME ERROR: 149", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_PDP_AUTH_FAILURE, NULL },
  { "+CME ERROR: 233", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_WIRELINE_ACCESS_AREA_NOT_ALLOWED,
    NULL },
  /* Codes the API does not define become UNKNOWN, keeping the line. */
  { "+CME ERROR: 8", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN, "+CME ERROR: 8" },
  { "+CME ERROR: 123", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN, NULL },
  { "+CME ERROR: 4294967307", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN, NULL },
  { "+CME ERROR: ", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN, NULL },
  { "+CME ERROR:", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN, NULL },
  /* +CME ERROR, verbose (AT+CMEE=2), as Telit, u-blox and Quectel send it. */
  { "+CME ERROR: SIM PIN required", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN, NULL },
  { "+CME ERROR: SIM not inserted", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED,
    NULL },
  { "+CME ERROR: SIM PUK required", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_SIM_PUK, NULL },
  { "+CME ERROR: sim puk required", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_SIM_PUK, NULL },
  { "+CME ERROR: SIM busy", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_SIM_BUSY, NULL },
  { "+CME ERROR: SIM failure", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_SIM_FAILURE, NULL },
  { "+CME ERROR: incorrect password", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD,
    "incorrect password" },
  { "+CME ERROR: Incorrect Password ", MD_AT_FINAL_CME_ERROR, ME,
    MD_MOBILE_EQUIPMENT_ERROR_INCORRECT_PASSWORD, NULL },
  { "+CME ERROR: operation not allowed", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_NOT_ALLOWED,
    NULL },
  { "+CME ERROR: operation not supported", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_NOT_SUPPORTED,
    NULL },
  { "+CME ERROR: no network service", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_NO_NETWORK, NULL },
  { "+CME ERROR: network timeout", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_NETWORK_TIMEOUT,
    NULL },
  { "+CME ERROR: memory full", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_MEMORY_FULL, NULL },
  { "+CME ERROR: invalid index", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_INVALID_INDEX, NULL },
  { "+CME ERROR: PH-SIM PIN required", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_PH_SIM_PIN,
    NULL },
  { "+CME ERROR: network personalization PIN required", MD_AT_FINAL_CME_ERROR, ME,
    MD_MOBILE_EQUIPMENT_ERROR_NETWORK_PIN, NULL },
  { "+CME ERROR: unknown", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN, NULL },
  { "+CME ERROR: vendor oddity", MD_AT_FINAL_CME_ERROR, ME, MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN,
    "+CME ERROR: vendor oddity" },
  /* +CMS ERROR (27.005). */
  { "+CMS ERROR: 302", MD_AT_FINAL_CMS_ERROR, MS, MD_MESSAGE_ERROR_NOT_ALLOWED, NULL },
  { "+CMS ERROR: 304", MD_AT_FINAL_CMS_ERROR, MS, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER, NULL },
  { "+CMS ERROR: 310", MD_AT_FINAL_CMS_ERROR, MS, MD_MESSAGE_ERROR_SIM_NOT_INSERTED, NULL },
  { "+CMS ERROR: 321", MD_AT_FINAL_CMS_ERROR, MS, MD_MESSAGE_ERROR_INVALID_INDEX, "invalid memory index" },
  { "+CMS ERROR: 330", MD_AT_FINAL_CMS_ERROR, MS, MD_MESSAGE_ERROR_SMSC_ADDRESS_UNKNOWN, NULL },
  { "+CMS ERROR: 500", MD_AT_FINAL_CMS_ERROR, MS, MD_MESSAGE_ERROR_UNKNOWN, NULL }, /* SIMCom, often */
  { "+CMS ERROR: 999", MD_AT_FINAL_CMS_ERROR, MS, MD_MESSAGE_ERROR_UNKNOWN, "+CMS ERROR: 999" },
  { "+CMS ERROR: 38", MD_AT_FINAL_CMS_ERROR, MS, MD_MESSAGE_ERROR_UNKNOWN, NULL }, /* a network cause */
  { "+CMS ERROR: SIM busy", MD_AT_FINAL_CMS_ERROR, MS, MD_MESSAGE_ERROR_SIM_BUSY, NULL },
  { "+CMS ERROR: whatever", MD_AT_FINAL_CMS_ERROR, MS, MD_MESSAGE_ERROR_UNKNOWN, NULL },
  /* Call progress. */
  { "NO CARRIER", MD_AT_FINAL_NO_CARRIER, CONN, MD_CONNECTION_ERROR_NO_CARRIER, "NO CARRIER" },
  { "BUSY", MD_AT_FINAL_BUSY, CONN, MD_CONNECTION_ERROR_BUSY, NULL },
  { "NO ANSWER", MD_AT_FINAL_NO_ANSWER, CONN, MD_CONNECTION_ERROR_NO_ANSWER, NULL },
  { "NO DIALTONE", MD_AT_FINAL_NO_DIALTONE, CONN, MD_CONNECTION_ERROR_NO_DIALTONE, NULL },
  { "NO DIAL TONE", MD_AT_FINAL_NO_DIALTONE, CONN, MD_CONNECTION_ERROR_NO_DIALTONE, NULL },
  /* Information text and unsolicited results are not finals. */
  { "+CSQ: 20,99", MD_AT_FINAL_NONE, NO_ERROR, 0, NULL },
  { "+CREG: 0,1", MD_AT_FINAL_NONE, NO_ERROR, 0, NULL },
  { "RING", MD_AT_FINAL_NONE, NO_ERROR, 0, NULL },
  { "Quectel", MD_AT_FINAL_NONE, NO_ERROR, 0, NULL },
  { "OKAY", MD_AT_FINAL_NONE, NO_ERROR, 0, NULL },
  { "ok", MD_AT_FINAL_NONE, NO_ERROR, 0, NULL },
  { "CONNECTED", MD_AT_FINAL_NONE, NO_ERROR, 0, NULL },
  { "ERROR: 5", MD_AT_FINAL_NONE, NO_ERROR, 0, NULL },
  { "> text", MD_AT_FINAL_NONE, NO_ERROR, 0, NULL },
  { "+CME ERRORS", MD_AT_FINAL_NONE, NO_ERROR, 0, NULL },
  { "", MD_AT_FINAL_NONE, NO_ERROR, 0, NULL },
};

static void
test_classify (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    MdAtFinal final = md_at_classify_line (cases[i].line, &error);

    g_test_message ("line '%s'", cases[i].line);
    g_assert_cmpint (final, ==, cases[i].final);
    if (cases[i].domain == NO_ERROR) {
      g_assert_no_error (error);
      continue;
    }
    g_assert_error (error, quark_for (cases[i].domain), cases[i].code);
    if (cases[i].message)
      g_assert_cmpstr (error->message, ==, cases[i].message);
    g_assert_false (md_at_final_is_success (final));
  }
}

static void
test_classify_without_error (void)
{
  /* Callers that only want the kind may pass no GError. */
  g_assert_cmpint (md_at_classify_line ("+CME ERROR: 11", NULL), ==, MD_AT_FINAL_CME_ERROR);
  g_assert_cmpint (md_at_classify_line ("NO CARRIER", NULL), ==, MD_AT_FINAL_NO_CARRIER);
}

static void
test_success (void)
{
  static const struct {
    MdAtFinal final;
    gboolean success;
  } finals[] = {
    { MD_AT_FINAL_NONE, FALSE },      { MD_AT_FINAL_OK, TRUE },         { MD_AT_FINAL_ERROR, FALSE },
    { MD_AT_FINAL_CME_ERROR, FALSE }, { MD_AT_FINAL_CMS_ERROR, FALSE }, { MD_AT_FINAL_NO_CARRIER, FALSE },
    { MD_AT_FINAL_BUSY, FALSE },      { MD_AT_FINAL_NO_ANSWER, FALSE }, { MD_AT_FINAL_NO_DIALTONE, FALSE },
    { MD_AT_FINAL_CONNECT, TRUE },    { MD_AT_FINAL_PROMPT, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (finals); i++)
    g_assert_cmpint (md_at_final_is_success (finals[i].final), ==, finals[i].success);
}

static void
test_cme_texts (void)
{
  g_assert_cmpuint (md_at_cme_code_from_text ("SIM PIN required"), ==, MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN);
  g_assert_cmpuint (md_at_cme_code_from_text ("  sim pin2 required  "), ==,
                    MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN2);
  g_assert_cmpuint (md_at_cme_code_from_text ("Illegal ME"), ==, MD_MOBILE_EQUIPMENT_ERROR_ILLEGAL_ME);
  g_assert_cmpuint (md_at_cme_code_from_text ("PLMN not allowed"), ==,
                    MD_MOBILE_EQUIPMENT_ERROR_PLMN_NOT_ALLOWED);
  g_assert_cmpuint (md_at_cme_code_from_text ("SIM PIN"), ==, MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN);
  g_assert_cmpuint (md_at_cme_code_from_text (""), ==, MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-response/classify", test_classify);
  g_test_add_func ("/at-response/classify-without-error", test_classify_without_error);
  g_test_add_func ("/at-response/success", test_success);
  g_test_add_func ("/at-response/cme-texts", test_cme_texts);
  return g_test_run ();
}
