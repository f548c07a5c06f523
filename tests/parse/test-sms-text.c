/* SPDX-License-Identifier: GPL-2.0-or-later */
/* 27.005 text-mode header lines of +CMGL and +CMGR, as modems print them
 * with +CMGF=1 (27.005 examples; Quectel, SIMCom, Huawei spellings).
 * Table driven. */
#include "md-errors.h"
#include "md-sms-text.h"

/* Header lines and what they hold; ok FALSE: the line is refused. */
static const struct {
  const char *line;
  gboolean ok;
  gint index;
  MdSmsTextStatus status;
  const char *number;
  const char *timestamp;
} header_cases[] = {
  { "+CMGL: 1,\"REC UNREAD\",\"+31628870634\",,\"11/01/09,10:26:26+04\"", TRUE, 1,
    MD_SMS_TEXT_STATUS_REC_UNREAD, "+31628870634", "2011-01-09T10:26:26+01:00" },
  { "+CMGL: 12,\"REC READ\",\"+4917123\",\"Alice\",\"24/02/29,23:59:59-20\",145,5", TRUE, 12,
    MD_SMS_TEXT_STATUS_REC_READ, "+4917123", "2024-02-29T23:59:59-05:00" },
  { "+CMGL: 3,\"STO UNSENT\",\"0170123\",,", TRUE, 3, MD_SMS_TEXT_STATUS_STO_UNSENT, "0170123", NULL },
  { "+CMGL: 4,\"STO SENT\",\"0170123\",", TRUE, 4, MD_SMS_TEXT_STATUS_STO_SENT, "0170123", NULL },
  { "+CMGL: 0,\"rec read\",\"Vodafone\",,\"21/05/03,10:11:12+08\"", TRUE, 0, MD_SMS_TEXT_STATUS_REC_READ,
    "Vodafone", "2021-05-03T10:11:12+02:00" },
  /* Numeric status, zone without sign, one-digit zone. */
  { "+CMGL: 7,1,\"123\",,\"21/05/03,10:11:12\"", TRUE, 7, MD_SMS_TEXT_STATUS_REC_READ, "123",
    "2021-05-03T10:11:12+00:00" },
  { "+CMGL: 7,0,\"123\",,\"21/05/03,10:11:12+2\"", TRUE, 7, MD_SMS_TEXT_STATUS_REC_UNREAD, "123",
    "2021-05-03T10:11:12+00:30" },
  { "+CMGR: \"REC READ\",\"+393475556667\",,\"19/12/31,08:00:00+04\"", TRUE, -1, MD_SMS_TEXT_STATUS_REC_READ,
    "+393475556667", "2019-12-31T08:00:00+01:00" },
  /* +CMGR with the detailed header (+CSDH=1). */
  { "+CMGR: \"REC UNREAD\",\"+393475556667\",,\"19/12/31,08:00:00+04\",145,4,0,0,\"+393359609600\",145,5",
    TRUE, -1, MD_SMS_TEXT_STATUS_REC_UNREAD, "+393475556667", "2019-12-31T08:00:00+01:00" },
  /* A stored SUBMIT: <toda> where a DELIVER has <scts>. */
  { "+CMGR: \"STO UNSENT\",\"+393475556667\",,145,17,0,0,167,\"+393359609600\",145,5", TRUE, -1,
    MD_SMS_TEXT_STATUS_STO_UNSENT, "+393475556667", NULL },
  /* Two-digit years are 20yy (as in TP-SCTS, and as ModemManager reads
   * them), also past 69; +CSDF's four-digit years as they are. */
  { "+CMGL: 2,\"REC READ\",\"1\",,\"00/01/01,00:00:00+00\"", TRUE, 2, MD_SMS_TEXT_STATUS_REC_READ, "1",
    "2000-01-01T00:00:00+00:00" },
  { "+CMGL: 2,\"REC READ\",\"1\",,\"69/12/31,23:59:59+00\"", TRUE, 2, MD_SMS_TEXT_STATUS_REC_READ, "1",
    "2069-12-31T23:59:59+00:00" },
  { "+CMGL: 2,\"REC READ\",\"1\",,\"70/01/01,00:00:00+00\"", TRUE, 2, MD_SMS_TEXT_STATUS_REC_READ, "1",
    "2070-01-01T00:00:00+00:00" },
  { "+CMGL: 2,\"REC READ\",\"1\",,\"99/12/31,12:00:00-08\"", TRUE, 2, MD_SMS_TEXT_STATUS_REC_READ, "1",
    "2099-12-31T12:00:00-02:00" },
  { "+CMGL: 2,\"REC READ\",\"1\",,\"2024/02/29,10:11:12+08\"", TRUE, 2, MD_SMS_TEXT_STATUS_REC_READ, "1",
    "2024-02-29T10:11:12+02:00" },
  { "+CMGR: \"REC READ\",\"1\",,\"1999/12/31,23:59:59+04\"", TRUE, -1, MD_SMS_TEXT_STATUS_REC_READ, "1",
    "1999-12-31T23:59:59+01:00" },
  { "+CMGL: 2,\"REC READ\",\"1\",,\"2023/02/29,10:11:12+08\"", FALSE },
  { "+CMGL: 2,\"REC READ\",\"1\",,\"0000/01/01,10:11:12+08\"", FALSE },
  { "+CMGL: 2,\"REC READ\",\"1\",,\"202/01/01,10:11:12+08\"", FALSE },
  /* Not a header. */
  { "+CMGS: 12", FALSE },
  { "Hello there", FALSE },
  { "", FALSE },
  { "+CMGL: x,\"REC READ\",\"1\"", FALSE },
  { "+CMGL: 1,\"REC SOMETHING\",\"1\"", FALSE },
  { "+CMGL: 1,5,\"1\"", FALSE },
  { "+CMGL: 1,\"REC READ\"", FALSE },
  { "+CMGR: \"REC READ\"", FALSE },
  { "+CMGL: 1,\"REC READ\",\"1\",,\"21/13/03,10:11:12+08\"", FALSE },
  { "+CMGL: 1,\"REC READ\",\"1\",,\"21/02/30,10:11:12+08\"", FALSE },
  { "+CMGL: 1,\"REC READ\",\"1\",,\"21-05-03,10:11:12+08\"", FALSE },
  { "+CMGL: 1,\"REC READ\",\"1\",,\"21/05/03,10:11:12+\"", FALSE },
  { "+CMGL: 1,\"REC READ\",\"1\",,\"21/05/03,10:11:12+080\"", FALSE },
  { "+CMGL: 1,\"REC READ\",\"1\",,\"21/05/03,10:11\"", FALSE },
};

static void
test_text_header (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (header_cases); i++) {
    g_auto (MdSmsTextHeader) header = { 0 };
    g_autoptr (GError) error = NULL;
    gboolean ok = md_sms_text_parse_header (header_cases[i].line, &header, &error);

    g_test_message ("line '%s'", header_cases[i].line);
    g_assert_cmpint (ok, ==, header_cases[i].ok);
    if (!ok) {
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
      g_assert_null (header.number);
      g_assert_null (header.timestamp);
      continue;
    }
    g_assert_no_error (error);
    g_assert_cmpint (header.index, ==, header_cases[i].index);
    g_assert_cmpint (header.status, ==, header_cases[i].status);
    g_assert_cmpstr (header.number, ==, header_cases[i].number);
    g_assert_cmpstr (header.timestamp, ==, header_cases[i].timestamp);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sms-text/header", test_text_header);
  return g_test_run ();
}
