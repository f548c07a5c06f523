/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the AT port's debug logs show of the traffic: secrets and personal
 * numbers masked unless personal info logging is on, operator codes and
 * the like kept. */
#include "md-log.h"
#include "md-port-log.h"

static void
test_masking (void)
{
  static const struct {
    const char *text;
    const char *shown;
  } cases[] = {
    { "AT+CGMI", "AT+CGMI" },
    { "+CSQ: 23,99", "+CSQ: 23,99" },
    { "+COPS: 0,2,\"310410\",7", "+COPS: 0,2,\"310410\",7" },
    { "+CREG: 2,1,\"1A2B\",\"01C3D4E5\",7", "+CREG: 2,1,\"1A2B\",\"01C3D4E5\",7" },
    { "Revision: SWI9X30C_02.24.05.06 r7040", "Revision: SWI9X30C_02.24.05.06 r7040" },
    { "AT+CPIN=\"1234\"", "AT+CPIN=[personal info]" },
    { "AT+CPIN=1234", "AT+CPIN=[personal info]" },
    { "at+cpin=\"12345678\",\"1234\"", "at+cpin=[personal info]" },
    { "AT+CLCK=\"SC\",1,\"0000\"", "AT+CLCK=[personal info]" },
    { "AT+CGAUTH=1,1,\"user\",\"secret\"", "AT+CGAUTH=[personal info]" },
    { "AT+CGDCONT=1,\"IP\",\"internet\";+CPIN?", "AT+CGDCONT=1,\"IP\",\"internet\";+CPIN?" },
    { "490154203237518", "[personal info]" },
    { "+CGSN: \"490154203237518\"", "+CGSN: \"[personal info]\"" },
    { "IMEI: 35 209900 176148 1", "IMEI: [personal info]" },
    { "ATD0123456789;", "ATD[personal info];" },
    { "+CLIP: \"+4915112345678\",145", "+CLIP: \"+[personal info]\",145" },
    { "+CCID: 89490200001234567890", "+CCID: [personal info]" },
    { "+ICCID: 8944500102198304826F", "+ICCID: [personal info]" },
    { "07911326040000F0040B911346610089F6", "[personal info]" },
    { "bad \xff byte", "bad \xef\xbf\xbd byte" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *shown = md_port_log_sanitize (cases[i].text);

    g_assert_cmpstr (shown, ==, cases[i].shown);
  }
  md_log_set_personal_info (TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (cases) - 1; i++) {
    g_autofree char *shown = md_port_log_sanitize (cases[i].text);

    g_assert_cmpstr (shown, ==, cases[i].text);
  }
  md_log_set_personal_info (FALSE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-port/log-masking", test_masking);
  return g_test_run ();
}
