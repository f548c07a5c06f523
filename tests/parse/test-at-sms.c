/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The 27.005 answer and report parsers, table-driven, on answers as the
 * simulator and real modems give them. */
#include "md-at-sms.h"
#include "md-errors.h"

#define PDU "07911326040000F0040B911346610089F60000208062917314080CC8329BFD06"

static void
test_cpms (void)
{
  struct {
    const char *response;
    gboolean ok;
    guint32 m1, m2, m3;
  } cases[] = {
    { "+CPMS: (\"SM\"),(\"SM\"),(\"SM\")", TRUE, 1 << 1, 1 << 1, 1 << 1 },
    { "+CPMS: (\"ME\",\"MT\",\"SM\",\"SR\"),(\"ME\",\"MT\",\"SM\"),(\"ME\",\"SM\")", TRUE, 0x1e, 0xe, 0x6 },
    { "+CPMS: (\"SM\",\"ME\")", TRUE, 0x6, 0, 0 },
    { "+CPMS: (\"XX\"),(\"SM\"),(\"SM\")", FALSE },
    { "+CPMS: ", FALSE },
    { "+CSQ: 1,2", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    guint32 m1 = 0, m2 = 0, m3 = 0;
    gboolean ok = md_at_parse_cpms_test (cases[i].response, &m1, &m2, &m3, &error);

    g_assert_cmpint (ok, ==, cases[i].ok);
    if (!ok)
      continue;
    g_assert_cmphex (m1, ==, cases[i].m1);
    g_assert_cmphex (m2, ==, cases[i].m2);
    g_assert_cmphex (m3, ==, cases[i].m3);
  }
}

/* Bits: SM 1 << 1, ME 1 << 2, MT 1 << 3, SR 1 << 4, BM 1 << 5. */
static void
test_cpms_storages (void)
{
  struct {
    const char *response;
    gboolean ok;
    guint32 read, usable;
  } cases[] = {
    { "+CPMS: (\"SM\"),(\"SM\"),(\"SM\")", TRUE, 0x2, 0x2 },
    /* Quectel EC25: SR and BM only readable. */
    {
      "+CPMS: (\"SM\",\"ME\",\"MT\",\"SR\",\"BM\"),(\"SM\",\"ME\",\"MT\"),(\"SM\",\"ME\",\"MT\")",
      TRUE,
      0x3e,
      0xe,
    },
    /* Written to ME or SM, received only into SM. */
    { "+CPMS: (\"ME\",\"SM\"),(\"ME\",\"SM\"),(\"SM\")", TRUE, 0x6, 0x2 },
    /* Received only into ME, written only to SM: nothing usable. */
    { "+CPMS: (\"ME\",\"SM\"),(\"SM\"),(\"ME\")", TRUE, 0x6, 0 },
    /* Lists left out count as the one before. */
    { "+CPMS: (\"SM\",\"ME\")", TRUE, 0x6, 0x6 },
    { "+CPMS: (\"SM\",\"ME\"),(\"ME\")", TRUE, 0x6, 0x4 },
    { "+CPMS: \"SM\",\"SM\",\"SM\"", TRUE, 0x2, 0x2 },
    { "+CPMS: (\"XX\"),(\"SM\"),(\"SM\")", FALSE },
    { "+CPMS: ", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    guint32 read = 0, usable = 0;
    gboolean ok = md_at_parse_cpms_storages (cases[i].response, &read, &usable, &error);

    g_assert_cmpint (ok, ==, cases[i].ok);
    g_assert_true (ok == !error);
    if (!ok)
      continue;
    g_assert_cmphex (read, ==, cases[i].read);
    g_assert_cmphex (usable, ==, cases[i].usable);
  }
}

static void
test_csms (void)
{
  struct {
    const char *response;
    gboolean ok;
    guint service;
  } cases[] = {
    { "+CSMS: 0,1,1,1", TRUE, 0 },
    { "+CSMS: 1,1,1,1", TRUE, 1 },
    { "+CSMS: 128,1,1,0", TRUE, 128 },
    { "+CSMS:1,1,1,1", TRUE, 1 },
    /* The set command's answer has no <service>. */
    { "+CSMS: 1,1,1", FALSE },
    { "+CSMS: 256,1,1,1", FALSE },
    { "+CSMS: x,1,1,1", FALSE },
    { "+CSMS: ", FALSE },
    { "+CPMS: 0,1,1,1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    guint service = 99;
    gboolean ok = md_at_parse_csms_read (cases[i].response, &service, &error);

    g_assert_cmpint (ok, ==, cases[i].ok);
    g_assert_true (ok == !error);
    if (ok)
      g_assert_cmpuint (service, ==, cases[i].service);
  }
}

static void
test_cmgl (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) listed
    = md_at_parse_cmgl ("+CMGL: 1,0,,24\n" PDU "\n+CMGL: 7,3,\"x\",5\n0011", &error);
  const MdAtSmsListed *second;

  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpuint (((MdAtSmsListed *)g_ptr_array_index (listed, 0))->index, ==, 1);
  g_assert_cmpstr (((MdAtSmsListed *)g_ptr_array_index (listed, 0))->pdu, ==, PDU);
  second = g_ptr_array_index (listed, 1);
  g_assert_cmpuint (second->index, ==, 7);
  g_assert_cmpint (second->stat, ==, MD_AT_SMS_STAT_STO_SENT);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = md_at_parse_cmgl ("", &error);
  g_assert_cmpuint (listed->len, ==, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);
  /* A header without its PDU, or a PDU that is no hex. */
  g_assert_null (md_at_parse_cmgl ("+CMGL: 1,0,,24", NULL));
  g_assert_null (md_at_parse_cmgl ("+CMGL: 1,0,,24\nHELLO", NULL));
  g_assert_null (md_at_parse_cmgl ("+CMGL: 1,9,,24\n0011", NULL));
}

static void
test_cmgr_and_reports (void)
{
  g_autofree char *pdu = NULL, *report = NULL;
  MdAtSmsStat stat;
  MdSmsStorage storage;
  guint index, number;

  g_assert_true (md_at_parse_cmgr ("+CMGR: 1,,24\n" PDU, &stat, &pdu, NULL));
  g_assert_cmpint (stat, ==, MD_AT_SMS_STAT_REC_READ);
  g_assert_cmpstr (pdu, ==, PDU);
  g_assert_false (md_at_parse_cmgr ("+CMGR: 1,,24", &stat, &pdu, NULL));
  g_assert_true (md_at_parse_sms_indication ("+CMTI: \"SM\",3", &storage, &index, NULL));
  g_assert_cmpint (storage, ==, MD_SMS_STORAGE_SM);
  g_assert_cmpuint (index, ==, 3);
  g_assert_true (md_at_parse_sms_indication ("+CDSI: \"SR\",12", &storage, &index, NULL));
  g_assert_cmpint (storage, ==, MD_SMS_STORAGE_SR);
  g_assert_false (md_at_parse_sms_indication ("+CMTI: \"QQ\",3", &storage, &index, NULL));
  g_assert_false (md_at_parse_sms_indication ("+CMTI: \"SM\"", &storage, &index, NULL));
  report = md_at_parse_sms_report_pdu ("+CMT: ,24\n" PDU, NULL);
  g_assert_cmpstr (report, ==, PDU);
  g_clear_pointer (&report, g_free);
  report = md_at_parse_sms_report_pdu ("+CDS: 25\n0006", NULL);
  g_assert_cmpstr (report, ==, "0006");
  g_assert_null (md_at_parse_sms_report_pdu ("+CMT: ,24", NULL));
  g_assert_null (md_at_parse_sms_report_pdu ("+CMT: ,24\nOK", NULL));
  g_assert_true (md_at_parse_sms_number ("+CMGS: 12", "+CMGS:", 255, &number, NULL));
  g_assert_cmpuint (number, ==, 12);
  g_assert_true (md_at_parse_sms_number ("+CMGW: 4", "+CMGW:", G_MAXUINT16, &number, NULL));
  g_assert_cmpuint (number, ==, 4);
  g_assert_false (md_at_parse_sms_number ("+CMGS: 300", "+CMGS:", 255, &number, NULL));
  g_assert_cmpstr (md_at_sms_storage_name (MD_SMS_STORAGE_ME), ==, "ME");
  g_assert_cmpint (md_at_sms_storage_from_name ("\"mt\""), ==, MD_SMS_STORAGE_MT);
}

static void
test_cpms_command (void)
{
  g_autofree char *one = md_at_sms_cpms_command (MD_SMS_STORAGE_SM, 1);
  g_autofree char *two = md_at_sms_cpms_command (MD_SMS_STORAGE_ME, 2);
  g_autofree char *three = md_at_sms_cpms_command (MD_SMS_STORAGE_MT, 3);

  g_assert_cmpstr (one, ==, "AT+CPMS=\"SM\"");
  g_assert_cmpstr (two, ==, "AT+CPMS=\"ME\",\"ME\"");
  g_assert_cmpstr (three, ==, "AT+CPMS=\"MT\",\"MT\",\"MT\"");
  g_assert_null (md_at_sms_cpms_command (MD_SMS_STORAGE_UNKNOWN, 1));
  g_assert_null (md_at_sms_cpms_command (MD_SMS_STORAGE_SM, 0));
  g_assert_null (md_at_sms_cpms_command (MD_SMS_STORAGE_SM, 4));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-sms/cpms", test_cpms);
  g_test_add_func ("/at-sms/cpms-command", test_cpms_command);
  g_test_add_func ("/at-sms/cpms-storages", test_cpms_storages);
  g_test_add_func ("/at-sms/csms", test_csms);
  g_test_add_func ("/at-sms/cmgl", test_cmgl);
  g_test_add_func ("/at-sms/cmgr-and-reports", test_cmgr_and_reports);
  return g_test_run ();
}
