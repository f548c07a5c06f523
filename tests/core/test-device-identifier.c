/* SPDX-License-Identifier: GPL-2.0-or-later */
/* md_device_identifier_compute against reference values. "MM 1.20.4" rows
 * were read with mmcli from Debian's ModemManager 1.20.4 driving modem-sim
 * (bench/device-id.py SCENARIO); "computed" rows were hashed with Python's
 * hashlib from the recipe in src/core/README.md, for inputs ModemManager's
 * Test.SetProfile cannot produce (vendor/product ids, MBIM). */
#include "md-device-identifier.h"

#define DEFAULT_ATI "SIMCOM INCORPORATED\r\nSIM-7600\r\nRevision: LE20B04SIM7600M22"

typedef struct {
  const char *what;
  MdDeviceIdentity in;
  const char *expected;
} Vector;

static const Vector vectors[] = {
  { "MM 1.20.4, simulator/scenarios/default.ini",
    { 0, 0, DEFAULT_ATI, NULL, "862636050012345", "LE20B04SIM7600M22", "SIM-7600", "SIMCOM INCORPORATED" },
    "d02ec2061702c88d43ce7bce9fa93960582fc433" },
  { "MM 1.20.4, simulator/scenarios/minimal.ini",
    { 0, 0, "Generic\r\nBasic 3G\r\nRevision: 1.0", NULL, "356938035643809", "1.0", "Basic 3G", "Generic" },
    "d98944abf94698ef9be314ca204e11725712c7d7" },
  /* Inner blanks, a tab and non-ASCII letters are dropped before hashing. */
  { "MM 1.20.4, bench/device-id-scenarios/spaces-utf8.ini",
    { 0, 0, "Ünïcode  Modems Ltd.\r\nLTE\tCat 4 «Pro»\r\nRevision: R 1.2 [Jan 01 2020 12:00:00]", NULL,
      "490154203237518", "R 1.2 [Jan 01 2020 12:00:00]", "LTE\tCat 4 «Pro»", "Ünïcode  Modems Ltd." },
    "422dbf675610d2eee15ddde495deba784d7ad71f" },
  /* That modem answers ATI1 differently, yet ModemManager 1.20.4 sends
   * only ATI: its ATI/ATI1 sequence ends after the first reply. */
  { "MM 1.20.4, bench/device-id-scenarios/ati1.ini",
    { 0, 0, "Example Wireless\r\nEW-100\r\nRevision: EW100_V1.0.2", NULL, "353270090012344", "EW100_V1.0.2",
      "EW-100", "Example Wireless" },
    "ff9662280a0f1f215c697e48dcd45a854d8b6c5a" },
  { "computed, default.ini behind USB 1e0e:9001",
    { 0x1e0e, 0x9001, DEFAULT_ATI, NULL, "862636050012345", "LE20B04SIM7600M22", "SIM-7600",
      "SIMCOM INCORPORATED" },
    "b32f58c02298034c0cf720e27560271bc9ce08d8" },
  { "computed, ATI1 differing from ATI is appended",
    { 0, 0, DEFAULT_ATI, "Manufacturer: SIMCOM INCORPORATED", NULL, NULL, NULL, NULL },
    "bd5eb283d0d226fd9f605f4b9a54361c2392a26b" },
  { "computed, ATI1 equal to ATI is not appended",
    { 0, 0, DEFAULT_ATI, DEFAULT_ATI, NULL, NULL, NULL, NULL },
    "1c10a3a46d86950e4d400d20886bd0c11a48abec" },
  { "computed, ATI alone",
    { 0, 0, DEFAULT_ATI, NULL, NULL, NULL, NULL, NULL },
    "1c10a3a46d86950e4d400d20886bd0c11a48abec" },
  /* An MBIM modem made by Test.SetProfile: no ids, no USB descriptors. */
  { "computed, MBIM default.ini without USB",
    { 0, 0, "", "", "862636050012345", "LE20B04SIM7600M22", "MBIM [0000:0000]", "generic" },
    "6cbc22a0f0d80db423aa51cdb49507b68ca52d69" },
  { "computed, MBIM behind USB 2c7c:0125 with descriptors",
    { 0x2c7c, 0x0125, "", "", "862636050012345", "EG25GGBR07A08M2G", "EG25-G", "Quectel" },
    "7dd87d5b992bb5f91138e6bf3b42e08ef147bc33" },
  /* Not empty before blanks are dropped: the SHA-1 of nothing. */
  { "computed, blanks only",
    { 0, 0, " \t\r\n", NULL, NULL, NULL, NULL, NULL },
    "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
  { "computed, non-ASCII only",
    { 0, 0, NULL, NULL, NULL, NULL, "\xc3\xa9", NULL },
    "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
  { "computed, blanks behind USB 2c7c:0125",
    { 0x2c7c, 0x0125, NULL, NULL, NULL, " ", NULL, NULL },
    "c5a2be111692cb9974b93446670ee04c8bd32b05" },
};

static void
test_vectors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++) {
    g_autofree char *id = md_device_identifier_compute (&vectors[i].in);

    g_test_message ("%s", vectors[i].what);
    g_assert_cmpstr (id, ==, vectors[i].expected);
  }
}

static void
test_nothing_known_gives_none (void)
{
  const MdDeviceIdentity none = { 0x2c7c, 0x0125, NULL, NULL, NULL, NULL, NULL, NULL };
  const MdDeviceIdentity empty = { 0x2c7c, 0x0125, "", "", "", "", "", "" };

  g_assert_null (md_device_identifier_compute (&none));
  g_assert_null (md_device_identifier_compute (&empty));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/device-identifier/vectors", test_vectors);
  g_test_add_func ("/core/device-identifier/nothing-known", test_nothing_known_gives_none);
  return g_test_run ();
}
